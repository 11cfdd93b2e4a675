#include "ui/SettingsAccountsPage.h"

#include "ui/SettingsSecretFields.h"

#include <QFormLayout>
#include <QLabel>
#include <QUrl>

namespace hubhook {

namespace {

class AccountEditor : public SettingsItemEditor
{
public:
    AccountEditor()
        : m_name(new QLineEdit(this)),
          m_baseUrl(new QLineEdit(this)),
          m_username(new QLineEdit(this)),
          m_token(new SecretLineEdit(QStringLiteral("tokenEdit"), this)),
          m_nameError(makeErrorLabel(QStringLiteral("nameError"), this)),
          m_baseUrlError(makeErrorLabel(QStringLiteral("baseUrlError"), this)),
          m_usernameError(makeErrorLabel(QStringLiteral("usernameError"), this))
    {
        setObjectName(QStringLiteral("accountEditor"));
        m_name->setObjectName(QStringLiteral("nameEdit"));
        m_baseUrl->setObjectName(QStringLiteral("baseUrlEdit"));
        m_baseUrl->setPlaceholderText(AccountConfig().baseUrl.toString());
        m_username->setObjectName(QStringLiteral("usernameEdit"));
        m_username->setPlaceholderText(tr("anonymous"));
        auto *hint = new QLabel(tr("Use a personal access token (Docker Hub › Account settings › "
                                   "Personal access tokens, read-only is enough): unlike a "
                                   "password it never needs two-factor authentication. It is "
                                   "stored in the keychain, never in the config file."),
                                this);
        hint->setObjectName(QStringLiteral("tokenHint"));
        hint->setWordWrap(true);
        auto *form = new QFormLayout(this);
        form->addRow(tr("Name"), withError(m_name, m_nameError));
        form->addRow(tr("Username"), withError(m_username, m_usernameError));
        form->addRow(tr("Access token"), m_token);
        form->addRow(QString(), hint);
        form->addRow(tr("API base URL (advanced)"), withError(m_baseUrl, m_baseUrlError));
        for (QLineEdit *edit : { m_name, m_baseUrl, m_username, static_cast<QLineEdit *>(m_token) })
            connect(edit, &QLineEdit::textChanged, this, &SettingsItemEditor::changed);
        connect(m_name, &QLineEdit::textChanged, this, [this](const QString &name) {
            m_token->setDefaultReference(secretNameFor(name.trimmed(), QStringLiteral("token")));
        });
    }

    void load(const AccountConfig &a)
    {
        m_loaded = a;
        m_name->setText(a.name);
        if (a.baseUrl != AccountConfig().baseUrl)
            m_baseUrl->setText(a.baseUrl.toString());
        m_username->setText(a.username);
        m_token->setReference(a.tokenSecret);
    }

    AccountConfig account() const
    {
        AccountConfig a = m_loaded;
        a.name = name();
        const QString base = m_baseUrl->text().trimmed();
        a.baseUrl = base.isEmpty() ? AccountConfig().baseUrl : QUrl(base, QUrl::StrictMode);
        a.username = m_username->text().trimmed();
        a.tokenSecret
                = m_token->hasNewValue() ? m_token->effectiveReference() : m_token->reference();
        return a;
    }

    QString name() const override { return m_name->text().trimmed(); }
    void setName(const QString &name) override { m_name->setText(name); }
    QLabel *nameErrorLabel() const override { return m_nameError; }

    QList<SettingsIssue> issues(const Config &) const override
    {
        QList<SettingsIssue> out;
        const QString base = m_baseUrl->text().trimmed();
        if (!base.isEmpty()) {
            QString problem = httpUrlProblem(base);
            if (problem.isEmpty() && !QUrl(base).userInfo().isEmpty())
                problem = tr("must not contain credentials; use the username and token");
            if (!problem.isEmpty())
                out.append({ {}, tr("API base URL"), problem, m_baseUrlError });
        }
        const bool hasToken = m_token->hasNewValue() || !m_token->reference().isEmpty();
        if (hasToken && m_username->text().trimmed().isEmpty())
            out.append(
                    { {}, tr("Username"), tr("required with an access token"), m_usernameError });
        return out;
    }

private:
    QLineEdit *m_name;
    QLineEdit *m_baseUrl;
    QLineEdit *m_username;
    SecretLineEdit *m_token;
    QLabel *m_nameError;
    QLabel *m_baseUrlError;
    QLabel *m_usernameError;
    AccountConfig m_loaded;
};

} // namespace

SettingsAccountsPage::SettingsAccountsPage(QWidget *parent)
    : SettingsListPage(QStringLiteral("account"),
                       tr("The Docker Hub accounts Hubhook reads builds with. An account "
                          "without a username reads public repositories anonymously."),
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
