#include "ui/settings/FirstRunDialog.h"

#include "config/ConfigWriter.h"
#include "config/ProviderDescriptor.h"
#include "config/Validation.h"
#include "secrets/Secrets.h"
#include "ui/settings/SettingsProviderFields.h"

#include <algorithm>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace hubhook {

namespace {
const QString kTokenSecret = QStringLiteral("hub-token");
const QString kUrlSecret = QStringLiteral("failures-url");

// The API the account (of the default provider) points at: the provider's, unless
// HUBHOOK_DOCKERHUB_URL names another http(s) address (a proxy in front of it, or the simulator
// in the end-to-end test).
QUrl hubUrl()
{
    const QUrl url(qEnvironmentVariable("HUBHOOK_DOCKERHUB_URL"), QUrl::StrictMode);
    if (isHttpUrl(url) && url.userInfo().isEmpty())
        return url;
    return AccountConfig().baseUrl;
}

// The provider of the account the dialog makes: the default one (an account without
// "provider").
const ProviderDescriptor &provider() { return *providerDescriptor(defaultProviderId()); }

// Whether its accounts have a username (AccountConfig::username).
bool hasUsername()
{
    const auto fields = provider().accountFields();
    return std::any_of(fields.cbegin(), fields.cend(), [](const ProviderField &field) {
        return field.key == QLatin1String("username");
    });
}

// Its field of `kind` (the scope or the repository a watch names).
ProviderField watchField(ProviderField::Kind kind)
{
    for (const ProviderField &field : provider().watchFields()) {
        if (field.kind == kind)
            return field;
    }
    return {};
}

// "Watching B or C? ...": the other providers, whose accounts Settings adds.
QString otherProvidersHint()
{
    QStringList others;
    for (const ProviderInfo *p : providerInfos()) {
        if (p->id() != provider().id())
            others.append(p->displayName());
    }
    if (others.isEmpty())
        return {};
    return FirstRunDialog::tr("Watching %1? Add an account of it in Settings › Accounts (All "
                              "settings…).")
            .arg(joinWords(others, FirstRunDialog::tr("or")));
}
} // namespace

FirstRunDialog::FirstRunDialog(const QString &configPath, SecretStore *store, QWidget *parent)
    : QDialog(parent),
      m_configPath(configPath),
      m_store(store),
      m_username(new QLineEdit),
      m_token(new QLineEdit),
      m_watch(new QLineEdit),
      m_url(new QLineEdit),
      m_format(new QComboBox),
      m_problem(new QLabel)
{
    setWindowTitle(tr("Welcome to Hubhook"));
    setObjectName(QStringLiteral("firstRun"));
    setUpFields();
    auto *intro = new QLabel(tr("Hubhook tells you when a %1 build fails, stays queued or "
                                "recovers. Three questions to start; everything else is in "
                                "Settings.")
                                     .arg(provider().displayName()));
    intro->setWordWrap(true);
    auto *others = new QLabel(otherProvidersHint());
    others->setObjectName(QStringLiteral("firstRunOtherProvidersHint"));
    others->setWordWrap(true);
    others->setVisible(!others->text().isEmpty());
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(makeForm());
    layout->addWidget(others);
    layout->addWidget(m_problem);
    layout->addWidget(makeButtons());
    for (QLineEdit *e : { m_username, m_token, m_watch, m_url })
        connect(e, &QLineEdit::textChanged, this, &FirstRunDialog::update);

    update();
}

void FirstRunDialog::setUpFields()
{
    m_username->setObjectName(QStringLiteral("firstRunUsername"));
    m_username->setPlaceholderText(tr("optional: public repositories need no account"));
    m_token->setObjectName(QStringLiteral("firstRunToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("a personal access token (stored in the keychain)"));
    m_watch->setObjectName(QStringLiteral("firstRunWatch"));
    const ProviderField scope = watchField(ProviderField::Scope);
    const ProviderField repository = watchField(ProviderField::Repository);
    m_watch->setPlaceholderText(tr("a %1 (%2) or one %3 (%4)")
                                        .arg(scope.label.toLower(), scope.placeholder,
                                             repository.label.toLower(), repository.placeholder));
    m_url->setObjectName(QStringLiteral("firstRunUrl"));
    m_url->setPlaceholderText(tr("optional: a webhook URL (stored in the keychain)"));
    for (auto f : { WebhookFormat::Slack, WebhookFormat::Discord, WebhookFormat::Teams,
                    WebhookFormat::DockerHub, WebhookFormat::Json })
        m_format->addItem(webhookFormatName(f), int(f));
    m_problem->setObjectName(QStringLiteral("firstRunProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problem->setWordWrap(true);
}

QFormLayout *FirstRunDialog::makeForm()
{
    auto *form = new QFormLayout;
    if (hasUsername())
        form->addRow(tr("%1 user").arg(provider().displayName()), m_username);
    form->addRow(tr("Access token"), m_token);
    form->addRow(tr("Watch"), m_watch);
    auto *target = new QHBoxLayout;
    target->addWidget(m_url, 1);
    target->addWidget(m_format);
    form->addRow(tr("Send failures to"), target);
    return form;
}

QDialogButtonBox *FirstRunDialog::makeButtons()
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_start = buttons->addButton(tr("Start watching"), QDialogButtonBox::AcceptRole);
    m_start->setObjectName(QStringLiteral("firstRunStart"));

    QPushButton *more = buttons->addButton(tr("All settings…"), QDialogButtonBox::ResetRole);
    connect(more, &QPushButton::clicked, this, [this] {
        Q_EMIT fullSettingsRequested();
        QDialog::reject();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    // Enter in any field starts watching: no other button may become the default one (Cancel
    // did, and Enter threw the answers away).
    for (QAbstractButton *b : buttons->buttons()) {
        if (auto *push = qobject_cast<QPushButton *>(b))
            push->setAutoDefault(false);
    }
    m_start->setDefault(true);
    connect(m_start, &QPushButton::clicked, this, [this] {
        QString error;
        if (save(&error))
            accept();
        else
            m_problem->setText(error);
    });
    return buttons;
}

Config FirstRunDialog::config() const
{
    Config c;
    AccountConfig a;
    a.name = QStringLiteral("hub");
    a.baseUrl = hubUrl();
    a.username = hasUsername() ? m_username->text().trimmed() : QString();
    if (!m_token->text().isEmpty())
        a.tokenSecret = kTokenSecret;
    c.accounts.insert(a.name, a);
    WatchConfig w;
    w.account = a.name;
    const QString watch = m_watch->text().trimmed();
    (watch.contains(QLatin1Char('/')) ? w.repository : w.ns) = watch;
    c.watch = { w };
    if (!m_url->text().trimmed().isEmpty()) {
        WebhookConfig hook;
        hook.name = QStringLiteral("failures");
        hook.urlSecret = kUrlSecret;
        hook.format = WebhookFormat(m_format->currentData().toInt());
        c.webhooks = { hook };
    }
    return c;
}

QString FirstRunDialog::problem() const
{
    if (m_watch->text().trimmed().isEmpty())
        return tr("Watch: name a %1 or a %2")
                .arg(watchField(ProviderField::Scope).label.toLower(),
                     watchField(ProviderField::Repository).label.toLower());
    const QString url = m_url->text().trimmed();
    if (!url.isEmpty()) {
        if (!isHttpUrl(QUrl(url, QUrl::StrictMode)))
            return tr("Send failures to: not an http(s) URL");
    }
    // The engine's own parser has the last word; its messages name the field.
    const ConfigResult r = parseConfig(configToJson(config()));
    if (!r.ok()) {
        QString e = r.errors.first();
        e.replace(QStringLiteral("watch[0]."), QStringLiteral("Watch: "));
        e.replace(QStringLiteral("accounts.hub."), QStringLiteral("Account: "));
        return e;
    }
    return {};
}

void FirstRunDialog::update()
{
    const QString p = problem();
    // Not while the user is still typing the first field.
    m_problem->setText(m_watch->text().isEmpty() ? QString() : p);
    m_start->setEnabled(p.isEmpty());
}

bool FirstRunDialog::save(QString *error)
{
    *error = problem();
    if (!error->isEmpty())
        return false;
    QList<QPair<QString, QString>> secrets;
    if (!m_token->text().isEmpty())
        secrets.append({ kTokenSecret, m_token->text() });
    if (!m_url->text().trimmed().isEmpty())
        secrets.append({ kUrlSecret, m_url->text().trimmed() });
    for (const auto &[name, value] : secrets) {
        SecretResult result;
        bool done = false;
        QEventLoop loop;
        m_store->write(name, value, [&](const SecretResult &r) {
            result = r;
            done = true;
            loop.quit();
        });
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        if (!done)
            loop.exec();
        if (!done || !result.ok()) {
            *error = tr("The keychain did not take the secret (%1); nothing was written in plain "
                        "text. Unlock the keyring, or set %2 and write the config by hand.")
                             .arg(done ? result.message : tr("no answer"),
                                  secretEnvironmentName(name));
            return false;
        }
    }
    const Config c = config();
    if (!saveConfigFile(m_configPath, c, error))
        return false;
    Q_EMIT configSaved(c);
    return true;
}

} // namespace hubhook
