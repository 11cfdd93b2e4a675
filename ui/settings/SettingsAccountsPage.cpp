#include "ui/settings/SettingsAccountsPage.h"

#include "ui/settings/SettingsProviderFields.h"
#include "ui/settings/SettingsSecretFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QUrl>

namespace hubhook {

namespace {

// "The A and B accounts ...": the registered providers'.
QString accountsHint()
{
    QStringList names;
    for (const ProviderInfo *p : providerInfos())
        names.append(p->displayName());
    return SettingsAccountsPage::tr("The %1 accounts Hubhook reads builds with. An account "
                                    "without a token reads public repositories anonymously.")
            .arg(joinWords(names));
}

} // namespace

AccountEditor::AccountEditor()
    : m_name(new QLineEdit(this)),
      m_provider(new QComboBox(this)),
      m_baseUrl(new QLineEdit(this)),
      m_token(new SecretLineEdit(QStringLiteral("tokenEdit"), this)),
      m_hint(new QLabel(this)),
      m_baseUrlHint(new QLabel(this)),
      m_nameError(makeErrorLabel(QStringLiteral("nameError"), this)),
      m_baseUrlError(makeErrorLabel(QStringLiteral("baseUrlError"), this)),
      m_form(new QFormLayout(this))
{
    setObjectName(QStringLiteral("accountEditor"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    for (const ProviderInfo *p : providerInfos())
        m_provider->addItem(p->displayName(), p->id());
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_hint->setObjectName(QStringLiteral("tokenHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_baseUrlHint->setObjectName(QStringLiteral("baseUrlHint"));
    m_baseUrlHint->setWordWrap(true);
    layOut();
    for (QLineEdit *edit : { m_name, m_baseUrl, static_cast<QLineEdit *>(m_token) })
        connect(edit, &QLineEdit::textChanged, this, &SettingsItemEditor::changed);
    connect(m_fields, &ProviderFieldRows::changed, this, &SettingsItemEditor::changed);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        showProvider();
        Q_EMIT changed();
    });
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &name) {
        m_token->setDefaultReference(secretNameFor(name.trimmed(), QStringLiteral("token")));
    });
    showProvider();
}

void AccountEditor::layOut()
{
    m_form->addRow(tr("Name"), withError(m_name, m_nameError));
    m_form->addRow(tr("Provider"), m_provider);
    m_fields = new ProviderFieldRows(&ProviderDescriptor::accountFields, m_form, this);
    m_form->addRow(tr("Access token"), m_token);
    m_form->addRow(QString(), m_hint);
    m_form->addRow(tr("API base URL (advanced)"), withError(m_baseUrl, m_baseUrlError));
    m_form->addRow(QString(), m_baseUrlHint);
}

QString AccountEditor::provider() const { return m_provider->currentData().toString(); }

const ProviderDescriptor *AccountEditor::descriptor() const
{
    return providerDescriptor(provider());
}

// The provider's fields and words: its account fields, whether the token is optional, how to
// make one, its API's default and what a self-hosted one's looks like.
void AccountEditor::showProvider()
{
    const ProviderDescriptor *p = descriptor();
    m_fields->show(p);
    if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(m_token)))
        label->setText(p && p->tokenOptional() ? tr("Access token (optional)")
                                               : tr("Access token"));
    m_baseUrl->setPlaceholderText(p ? p->defaultBaseUrl().toString() : QString());
    m_baseUrlHint->setText(p ? p->baseUrlHint() : QString());
    m_baseUrlHint->setVisible(!m_baseUrlHint->text().isEmpty());
    m_hint->setText(p ? p->tokenHint() : QString());
}

void AccountEditor::load(const AccountConfig &a)
{
    m_loaded = a;
    m_name->setText(a.name);
    m_provider->setCurrentIndex(qMax(0, m_provider->findData(a.provider)));
    m_baseUrl->setText(a.baseUrl != defaultBaseUrl(a.provider) ? a.baseUrl.toString() : QString());
    showProvider();
    // The account fields the config has (AccountConfig keeps "username").
    m_fields->load({ { QStringLiteral("username"), a.username } });
    m_token->setReference(a.tokenSecret);
}

AccountConfig AccountEditor::item() const
{
    AccountConfig a = m_loaded;
    a.name = name();
    a.provider = provider();
    const QString base = m_baseUrl->text().trimmed();
    a.baseUrl = base.isEmpty() ? defaultBaseUrl(a.provider) : QUrl(base, QUrl::StrictMode);
    a.username = m_fields->object().value(QStringLiteral("username")).toString();
    a.tokenSecret = m_token->hasNewValue() ? m_token->effectiveReference() : m_token->reference();
    return a;
}

QString AccountEditor::baseUrlProblem() const
{
    const QString base = m_baseUrl->text().trimmed();
    if (base.isEmpty())
        return {};
    const QUrl url(base);
    if (const QString problem = httpUrlProblem(base); !problem.isEmpty())
        return problem;
    if (!url.userInfo().isEmpty()) {
        QStringList credentials;
        for (const ProviderField &field : m_fields->fields())
            credentials.append(field.label.toLower());
        credentials.append(tr("token"));
        return tr("must not contain credentials; use the %1").arg(joinWords(credentials));
    }
    const ProviderDescriptor *p = descriptor();
    return p ? p->baseUrlProblem(url) : QString();
}

QList<SettingsIssue> AccountEditor::issues(const Config &) const
{
    QList<SettingsIssue> out;
    if (const QString problem = baseUrlProblem(); !problem.isEmpty())
        out.append({ {}, tr("API base URL"), problem, m_baseUrlError });
    // The provider's own checks of an account ("username" with a token).
    QStringList errors;
    if (const ProviderDescriptor *p = descriptor())
        p->checkAccount(item(), {}, JsonFields(&errors));
    out += m_fields->issues(errors);
    return out;
}

SettingsAccountsPage::SettingsAccountsPage(QWidget *parent)
    : SettingsItemsPage(QStringLiteral("account"), accountsHint(), parent)
{
    setObjectName(QStringLiteral("accountsPage"));
}

SettingsItemEditor *SettingsAccountsPage::createEditor() { return new AccountEditor; }

} // namespace hubhook
