#include "ui/settings/SettingsAccountsPage.h"

#include "ui/settings/SettingsSecretFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QUrl>

namespace hubhook {

namespace {

const QStringList kProviders = { QStringLiteral("dockerhub"), QStringLiteral("github") };

class AccountEditor : public SettingsItemEditor
{
public:
    AccountEditor();
    void load(const AccountConfig &a);
    AccountConfig account() const;
    QString name() const override { return m_name->text().trimmed(); }
    void setName(const QString &name) override { m_name->setText(name); }
    QLabel *nameErrorLabel() const override { return m_nameError; }
    QList<SettingsIssue> issues(const Config &) const override;

private:
    QString provider() const { return kProviders.value(m_provider->currentIndex()); }
    bool isGitHub() const { return provider() == QLatin1String("github"); }
    void showProvider();

    QLineEdit *m_name;
    QComboBox *m_provider;
    QLineEdit *m_baseUrl;
    QLineEdit *m_username;
    SecretLineEdit *m_token;
    QLabel *m_hint;
    QLabel *m_baseUrlHint;
    QLabel *m_nameError;
    QLabel *m_baseUrlError;
    QLabel *m_usernameError;
    QFormLayout *m_form;
    QWidget *m_usernameRow = nullptr;
    AccountConfig m_loaded;
};

AccountEditor::AccountEditor()
    : m_name(new QLineEdit(this)),
      m_provider(new QComboBox(this)),
      m_baseUrl(new QLineEdit(this)),
      m_username(new QLineEdit(this)),
      m_token(new SecretLineEdit(QStringLiteral("tokenEdit"), this)),
      m_hint(new QLabel(this)),
      m_baseUrlHint(new QLabel(this)),
      m_nameError(makeErrorLabel(QStringLiteral("nameError"), this)),
      m_baseUrlError(makeErrorLabel(QStringLiteral("baseUrlError"), this)),
      m_usernameError(makeErrorLabel(QStringLiteral("usernameError"), this)),
      m_form(new QFormLayout(this))
{
    setObjectName(QStringLiteral("accountEditor"));
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_provider->setObjectName(QStringLiteral("providerCombo"));
    m_provider->addItems({ tr("Docker Hub"), tr("GitHub") });
    m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
    m_username->setObjectName(QStringLiteral("usernameEdit"));
    m_username->setPlaceholderText(tr("anonymous"));
    m_hint->setObjectName(QStringLiteral("tokenHint"));
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::PlainText);
    m_baseUrlHint->setObjectName(QStringLiteral("baseUrlHint"));
    m_baseUrlHint->setWordWrap(true);
    m_form->addRow(tr("Name"), withError(m_name, m_nameError));
    m_form->addRow(tr("Provider"), m_provider);
    m_usernameRow = withError(m_username, m_usernameError);
    m_form->addRow(tr("Username"), m_usernameRow);
    m_form->addRow(tr("Access token"), m_token);
    m_form->addRow(QString(), m_hint);
    m_form->addRow(tr("API base URL (advanced)"), withError(m_baseUrl, m_baseUrlError));
    m_form->addRow(QString(), m_baseUrlHint);
    for (QLineEdit *edit : { m_name, m_baseUrl, m_username, static_cast<QLineEdit *>(m_token) })
        connect(edit, &QLineEdit::textChanged, this, &SettingsItemEditor::changed);
    connect(m_provider, &QComboBox::currentIndexChanged, this, [this] {
        showProvider();
        Q_EMIT changed();
    });
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &name) {
        m_token->setDefaultReference(secretNameFor(name.trimmed(), QStringLiteral("token")));
    });
    showProvider();
}

// Docker Hub needs the username with a token; GitHub has no username and the token is optional.
void AccountEditor::showProvider()
{
    const bool github = isGitHub();
    m_form->setRowVisible(m_usernameRow, !github);
    if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(m_token)))
        label->setText(github ? tr("Access token (optional)") : tr("Access token"));
    m_baseUrl->setPlaceholderText(defaultBaseUrl(provider()).toString());
    m_baseUrlHint->setText(github ? tr("GitHub Enterprise Server: https://HOST/api/v3")
                                  : QString());
    m_baseUrlHint->setVisible(github);
    m_hint->setText(
            github ? tr("Optional: without a token Hubhook reads public repositories "
                        "anonymously (60 requests an hour). Make a fine-grained personal access "
                        "token (GitHub › Settings › Developer settings › Personal access tokens › "
                        "Fine-grained tokens) for the repositories to watch, with the repository "
                        "permission \"Actions: read\" (\"Metadata: read\" is added "
                        "automatically); Rebuild also needs \"Actions: write\". It is stored in "
                        "the keychain, never in the config file.")
                   : tr("Use a personal access token (Docker Hub › Account settings › "
                        "Personal access tokens, read-only is enough): unlike a password it "
                        "never needs two-factor authentication. It is stored in the keychain, "
                        "never in the config file."));
}

void AccountEditor::load(const AccountConfig &a)
{
    m_loaded = a;
    m_name->setText(a.name);
    m_provider->setCurrentIndex(qMax(0, int(kProviders.indexOf(a.provider))));
    m_baseUrl->setText(a.baseUrl != defaultBaseUrl(a.provider) ? a.baseUrl.toString() : QString());
    m_username->setText(a.username);
    m_token->setReference(a.tokenSecret);
    showProvider();
}

AccountConfig AccountEditor::account() const
{
    AccountConfig a = m_loaded;
    a.name = name();
    a.provider = provider();
    const QString base = m_baseUrl->text().trimmed();
    a.baseUrl = base.isEmpty() ? defaultBaseUrl(a.provider) : QUrl(base, QUrl::StrictMode);
    a.username = isGitHub() ? QString() : m_username->text().trimmed();
    a.tokenSecret = m_token->hasNewValue() ? m_token->effectiveReference() : m_token->reference();
    return a;
}

QList<SettingsIssue> AccountEditor::issues(const Config &) const
{
    QList<SettingsIssue> out;
    const QString base = m_baseUrl->text().trimmed();
    if (!base.isEmpty()) {
        const QUrl url(base);
        QString problem = httpUrlProblem(base);
        if (problem.isEmpty() && !url.userInfo().isEmpty())
            problem = isGitHub() ? tr("must not contain credentials; use the token")
                                 : tr("must not contain credentials; use the username and token");
        else if (problem.isEmpty() && isGitHub()
                 && url.host().compare(QLatin1String("github.com"), Qt::CaseInsensitive) == 0)
            problem = tr("the API is at https://api.github.com (GitHub Enterprise Server: "
                         "https://HOST/api/v3)");
        if (!problem.isEmpty())
            out.append({ {}, tr("API base URL"), problem, m_baseUrlError });
    }
    const bool hasToken = m_token->hasNewValue() || !m_token->reference().isEmpty();
    if (!isGitHub() && hasToken && m_username->text().trimmed().isEmpty())
        out.append({ {}, tr("Username"), tr("required with an access token"), m_usernameError });
    return out;
}

} // namespace

SettingsAccountsPage::SettingsAccountsPage(QWidget *parent)
    : SettingsListPage(QStringLiteral("account"),
                       tr("The Docker Hub and GitHub accounts Hubhook reads builds and workflow "
                          "runs with. An account without a token reads public repositories "
                          "anonymously."),
                       parent)
{
    setObjectName(QStringLiteral("accountsPage"));
}

void SettingsAccountsPage::load(const Config &config)
{
    clear();
    for (const AccountConfig &a : config.accounts) {
        auto *editor = static_cast<AccountEditor *>(createEditor());
        editor->load(a);
        addEditor(editor);
    }
}

void SettingsAccountsPage::apply(Config *config) const
{
    config->accounts.clear();
    for (int i = 0; i < count(); ++i) {
        const AccountConfig a = static_cast<AccountEditor *>(editorAt(i))->account();
        config->accounts.insert(a.name, a);
    }
}

SettingsItemEditor *SettingsAccountsPage::createEditor() { return new AccountEditor; }

} // namespace hubhook
