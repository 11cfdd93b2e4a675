#include "config/Config.h"
#include "config/ConfigWriter.h"
#include "providers/Provider.h"
#include "secrets/Secrets.h"
#include "tests/support/SecretSpy.h"
#include "ui/settings/SettingsAutostart.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/settings/SettingsTriggersPage.h"
#include "ui/settings/SettingsWatchesPage.h"

#include <memory>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace hubhook;

// Runs under tests/with-session.sh session: a private bus with an unlocked gnome-keyring, and
// private HOME / XDG directories.
class TestSettingsDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void roundTripStoresSecretsInTheKeychain();
    void storedSecretsShowAPlaceholderOnly();
    void invalidInputIsShownAndNotSaved_data();
    void invalidInputIsShownAndNotSaved();
    void invalidJsonBody();
    void referencesMustExist();
    void schedulePreviewShowsFiveTimes();
    void sendTest_data();
    void sendTest();
    void keychainBanner();
    void addAndRemoveItems();
    void startAtLoginWritesTheAutostartEntry();
    void notifyOnStartAndSound();
    void gitHubRoundTrip();
    void gitHubFieldsAreValidated_data();
    void gitHubFieldsAreValidated();
    void switchingProviderChangesTheFields();
    void imageWatchRoundTrip();
    void imageFieldsAreValidated_data();
    void imageFieldsAreValidated();
    void declaredWatchFieldsAreWhatTheParsersTake();
    void aProviderOfTheTestHasItsOwnFields(); // last: it registers a provider for good

private:
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

const char *kConfig = R"({
  "version": 1,
  "accounts": {
    "hub": {"provider": "dockerhub", "username": "alice", "token": "secret:hub-token"},
    "ci": {"provider": "dockerhub", "username": "bot"}
  },
  "watch": [
    {"account": "hub", "namespace": "acme"},
    {"account": "ci", "repository": "acme/flaky", "tags": ["latest"],
     "retry_failed": {"trigger": "flaky", "max_attempts": 2}}
  ],
  "webhooks": [
    {"name": "ops", "url": "secret:ops-url", "format": "slack",
     "events": ["build.failed", "build.stuck"], "repositories": ["acme/*"]},
    {"name": "audit", "url": "https://audit.example.com/hubhook", "format": "json",
     "headers": {"X-Team": "platform"}, "insecure_tls": true, "timeout": "5s"}
  ],
  "triggers": [
    {"name": "flaky", "url": "secret:flaky-trigger", "method": "PUT",
     "body": {"docker_tag": "latest"}, "schedule": "0 3 * * *", "jitter": "5m",
     "expect_build": {"repository": "acme/flaky", "tag": "latest", "within": "30m"}},
    {"name": "after", "url": "https://example.com/t", "account": "hub",
     "after_success_of": "acme/base:latest"}
  ],
  "notifications": {"muted_repositories": ["acme/noisy"]},
  "general": {"start_hidden": true}
})";

// GitHub accounts (one anonymous, on GitHub Enterprise Server), an owner watch with every
// filter, a repository watch, a Docker Hub watch beside them, webhooks limited to a provider and
// a trigger that dispatches a workflow.
const char *kGitHubConfig = R"({
  "version": 1,
  "accounts": {
    "gh": {"provider": "github", "token": "secret:gh-token"},
    "ghe": {"provider": "github", "base_url": "https://ghe.example.com/api/v3"},
    "hub": {"provider": "dockerhub", "username": "alice"}
  },
  "watch": [
    {"account": "gh", "owner": "octo-org", "workflows": ["ci.yml", "1234"],
     "branches": ["main", "release/1.x"], "events": ["push", "schedule"], "forks": true},
    {"account": "ghe", "repository": "platform/api",
     "retry_failed": {"trigger": "deploy", "max_attempts": 2}},
    {"account": "hub", "repository": "acme/api", "tags": ["latest"]}
  ],
  "webhooks": [
    {"name": "legacy", "url": "https://example.com/hook", "format": "dockerhub",
     "providers": ["dockerhub"]},
    {"name": "gh-only", "url": "https://example.com/gh", "format": "json",
     "providers": ["github"]}
  ],
  "triggers": [
    {"name": "deploy", "account": "gh", "repository": "octo-org/api", "workflow": "deploy.yml",
     "ref": "main", "inputs": {"environment": "staging", "dry_run": true, "replicas": 3},
     "schedule": "0 4 * * *", "expect_build": {"within": "45m"}}
  ]
})";

// Image watches on Docker Hub (a tag and a glob, with a limit) and on GHCR, and a trigger that
// fires after a push of the Docker Hub image.
const char *kImageConfig = R"({
  "version": 1,
  "accounts": {
    "gh": {"provider": "github", "token": "secret:gh-token"},
    "hub": {"provider": "dockerhub", "username": "alice"}
  },
  "watch": [
    {"account": "hub", "image": "acme/base", "tags": ["latest", "v1.*"], "max_age": "26h"},
    {"account": "gh", "image": "ghcr.io/acme/tool", "tags": ["latest"], "max_age": "8d"},
    {"account": "hub", "repository": "acme/api"}
  ],
  "triggers": [
    {"name": "child", "url": "https://example.com/t", "account": "hub",
     "after_push_of": "acme/base:latest"}
  ]
})";

Config parsed(const char *json)
{
    const ConfigResult r = parseConfig(json);
    if (!r.ok())
        qFatal("bad test config: %s", qPrintable(r.errors.join('\n')));
    return r.config;
}

Config baseConfig() { return parsed(kConfig); }

QWidget *page(SettingsDialog &d, const char *name)
{
    return d.findChild<QWidget *>(QString::fromLatin1(name));
}

// The editor of item `index` of a list page ("webhook", "trigger", "account").
QWidget *editor(SettingsDialog &d, const char *prefix, int index)
{
    auto *stack = d.findChild<QStackedWidget *>(QString::fromLatin1(prefix) + "Stack");
    return stack ? stack->widget(index) : nullptr;
}

template<typename T>
T *child(QWidget *parent, const char *name)
{
    return parent ? parent->findChild<T *>(QString::fromLatin1(name)) : nullptr;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString secretToolLookup(const QString &name)
{
    QProcess tool;
    tool.start("secret-tool", { "lookup", "server", kAppId, "user", name });
    if (!tool.waitForFinished(15000))
        return {};
    return QString::fromUtf8(tool.readAllStandardOutput());
}

// A keychain that cannot be reached: every read and write answers Unavailable.
class UnavailableStore : public MemorySecretStore
{
public:
    void read(const QString &, SecretCallback done) override { fail(done); }
    void write(const QString &, const QString &, SecretCallback done) override { fail(done); }

private:
    void fail(SecretCallback done)
    {
        QTimer::singleShot(0, this, [done] {
            SecretResult r;
            r.error = SecretError::Unavailable;
            r.message = QStringLiteral("no keychain service is available");
            done(r);
        });
    }
};

// A minimal HTTP receiver: answers every request with `status`, keeps what it got.
class Receiver : public QTcpServer
{
public:
    int status = 200;
    QList<QByteArray> requests;

    Receiver()
    {
        listen(QHostAddress::LocalHost, 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = nextPendingConnection()) {
                auto buffer = std::make_shared<QByteArray>();
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
                connect(s, &QTcpSocket::readyRead, s, [this, s, buffer] {
                    buffer->append(s->readAll());
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0)
                        return;
                    qsizetype length = 0;
                    for (const QByteArray &line : buffer->left(end).split('\n')) {
                        if (line.toLower().startsWith("content-length:"))
                            length = line.mid(15).trimmed().toLongLong();
                    }
                    if (buffer->size() < end + 4 + length)
                        return;
                    requests.append(*buffer);
                    s->write("HTTP/1.1 " + QByteArray::number(status)
                             + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    s->disconnectFromHost();
                });
            }
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/hook").arg(serverPort()); }
};

} // namespace

void TestSettingsDialog::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/with-session.sh session");
    QVERIFY2(!qEnvironmentVariableIsEmpty("HUBHOOK_TEST_SCRATCH"), "needs a private XDG home");
}

void TestSettingsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath("hubhook/config.json");
}

void TestSettingsDialog::roundTripStoresSecretsInTheKeychain()
{
    KeychainSecretStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    dialog.show();
    QVERIFY(dialog.validate().isEmpty());
    QSignalSpy saved(&dialog, &SettingsDialog::configSaved);

    const QString hubToken = "dckr_pat_CANARY-hub-0123456789";
    const QString ciToken = "dckr_pat_CANARY-ci-9876543210";
    const QString opsUrl = "https://hooks.slack.com/services/T0/B0/CANARYurl42";
    const QString signing = "whsec_" + QByteArray("canary-signing-key-0123456789").toBase64();
    auto *hub = child<QLineEdit>(editor(dialog, "account", 1), "tokenEdit"); // sorted: ci, hub
    auto *ci = child<QLineEdit>(editor(dialog, "account", 0), "tokenEdit");
    QVERIFY(hub && ci);
    QCOMPARE(hub->echoMode(), QLineEdit::Password);
    QTest::keyClicks(hub, hubToken);
    QTest::keyClicks(ci, ciToken);
    QWidget *ops = editor(dialog, "webhook", 0);
    QTest::keyClicks(child<QLineEdit>(ops, "urlEdit"), opsUrl);
    QTest::keyClicks(child<QLineEdit>(ops, "signEdit"), signing);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    QVERIFY(child<QPushButton>(&dialog, "saveButton")->isEnabled());

    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));
    QCOMPARE(saved.size(), 1);

    Config expected = baseConfig();
    expected.accounts["ci"].tokenSecret = "ci-token";
    expected.webhooks[0].signSecret = "ops-signing";
    const ConfigResult loaded = loadConfigFile(m_path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join('\n')));
    QCOMPARE(configToJson(loaded.config), configToJson(expected));
    QCOMPARE(configToJson(saved.first().first().value<Config>()), configToJson(expected));

    const QByteArray bytes = fileBytes(m_path);
    for (const QString &value : { hubToken, ciToken, opsUrl, signing })
        QVERIFY2(!bytes.contains(value.toUtf8()), qPrintable(value));
    QVERIFY(bytes.contains("\"secret:ci-token\""));
    QVERIFY(bytes.contains("\"secret:ops-signing\""));
    QFile::Permissions perms = QFile::permissions(m_path);
    QVERIFY(!(perms & (QFile::ReadGroup | QFile::ReadOther)));

    const QHash<QString, QString> want { { "hub-token", hubToken },
                                         { "ci-token", ciToken },
                                         { "ops-url", opsUrl },
                                         { "ops-signing", signing } };
    for (auto it = want.begin(); it != want.end(); ++it) {
        const SecretResult r = waitForSecret([&](SecretCallback cb) { store.read(it.key(), cb); });
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.value, it.value());
    }
    // What the user sees in Seahorse / secret-tool (QtKeychain's libsecret attributes).
    QCOMPARE(secretToolLookup("ops-url"), opsUrl);
    // The fields are empty again and say where the secret is.
    QVERIFY(hub->text().isEmpty());
    QCOMPARE(hub->placeholderText(), QStringLiteral("stored in the keychain"));
    for (const QString &name : want.keys())
        waitForSecret([&](SecretCallback cb) { store.remove(name, cb); });
}

void TestSettingsDialog::storedSecretsShowAPlaceholderOnly()
{
    KeychainSecretStore store;
    QVERIFY(waitForSecret([&](SecretCallback cb) {
                store.write("hub-token", "tok-123", cb);
            }).ok());
    SettingsDialog dialog(baseConfig(), m_path, &store);
    auto *hub = child<QLineEdit>(editor(dialog, "account", 1), "tokenEdit");
    auto *ops = child<QLineEdit>(editor(dialog, "webhook", 0), "urlEdit");
    QTRY_COMPARE_WITH_TIMEOUT(hub->placeholderText(), QStringLiteral("stored in the keychain"),
                              15000);
    QVERIFY(hub->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(ops->placeholderText().contains("not in the keychain"), 15000);
    QVERIFY(!child<QLabel>(&dialog, "keychainBanner")->isVisibleTo(&dialog));
    waitForSecret([&](SecretCallback cb) { store.remove("hub-token", cb); });
}

void TestSettingsDialog::invalidInputIsShownAndNotSaved_data()
{
    QTest::addColumn<QString>("where"); // page object name, or "webhook"/"trigger" editor 0
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorLabel");
    QTest::addColumn<QString>("message");
    QTest::newRow("duration") << "pollingPage"
                              << "pollIntervalEdit"
                              << "5 minutes"
                              << "pollIntervalError"
                              << "Polling › Poll interval: not a duration";
    QTest::newRow("short duration") << "pollingPage"
                                    << "requestTimeoutEdit"
                                    << "5ms"
                                    << "requestTimeoutError"
                                    << "at least 100ms";
    QTest::newRow("url") << "webhook"
                         << "urlEdit"
                         << "hooks.example.com/x"
                         << "urlError"
                         << "Webhooks › ops › URL: not an http(s) URL";
    QTest::newRow("schedule") << "trigger"
                              << "scheduleEdit"
                              << "0 0 32 * *"
                              << "scheduleError"
                              << "Triggers › flaky › Schedule: day-of-month";
    QTest::newRow("empty name") << "webhook"
                                << "nameEdit"
                                << ""
                                << "nameError"
                                << "Webhooks › #1 › Name: required";
    QTest::newRow("duplicate name") << "trigger"
                                    << "nameEdit"
                                    << "after"
                                    << "nameError"
                                    << "another item has this name";
    QTest::newRow("repository") << "trigger"
                                << "afterSuccessOfEdit"
                                << "Acme Base"
                                << "afterSuccessOfError"
                                << "After success of: expected";
    QTest::newRow("signing secret") << "webhook"
                                    << "signEdit"
                                    << "not-whsec"
                                    << "signError"
                                    << "whsec_";
}

void TestSettingsDialog::invalidInputIsShownAndNotSaved()
{
    QFETCH(QString, where);
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, errorLabel);
    QFETCH(QString, message);
    QString error;
    QVERIFY(saveConfigFile(m_path, baseConfig(), &error));
    const QByteArray before = fileBytes(m_path);

    MemorySecretStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QWidget *root = where.endsWith("Page") ? page(dialog, qPrintable(where))
                                           : editor(dialog, qPrintable(where), 0);
    auto *edit = child<QLineEdit>(root, qPrintable(field));
    auto *label = child<QLabel>(root, qPrintable(errorLabel));
    auto *saveButton = child<QPushButton>(&dialog, "saveButton");
    QVERIFY(edit && label && saveButton);
    QVERIFY(label->isHidden());
    QVERIFY(saveButton->isEnabled());
    const QString original = edit->text();

    edit->clear();
    QTest::keyClicks(edit, text);
    QVERIFY(!label->isHidden());
    QVERIFY2(!label->text().isEmpty(), qPrintable(label->text()));
    QVERIFY(!saveButton->isEnabled());
    const QString all = dialog.validate().join('\n');
    QVERIFY2(all.contains(message), qPrintable(all));
    QVERIFY(!dialog.save(&error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(fileBytes(m_path), before);
    QVERIFY(store.values.isEmpty());

    // Fixing it clears the label and enables Save.
    edit->setText(original);
    QVERIFY(label->isHidden());
    QVERIFY2(saveButton->isEnabled(), qPrintable(dialog.validate().join('\n')));
}

void TestSettingsDialog::invalidJsonBody()
{
    MemorySecretStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    QWidget *flaky = editor(dialog, "trigger", 0);
    auto *body = child<QPlainTextEdit>(flaky, "bodyEdit");
    QVERIFY(body->toPlainText().contains("\"docker_tag\": \"latest\""));
    body->setPlainText("{\"docker_tag\": ");
    QVERIFY(!child<QLabel>(flaky, "bodyError")->isHidden());
    QVERIFY(child<QLabel>(flaky, "bodyError")->text().contains("not valid JSON"));
    QVERIFY(!child<QPushButton>(&dialog, "saveButton")->isEnabled());
    body->setPlainText("{\"source_type\": \"Tag\", \"source_name\": \"v1\"}");
    QVERIFY(dialog.validate().isEmpty());
    QCOMPARE(dialog.config().triggers[0].body,
             QByteArray(R"({"source_name":"v1","source_type":"Tag"})"));
    body->setPlainText("rebuild please"); // a string body is fine
    QVERIFY(dialog.validate().isEmpty());
    QCOMPARE(dialog.config().triggers[0].body, QByteArray("rebuild please"));
}

void TestSettingsDialog::referencesMustExist()
{
    MemorySecretStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    // Renaming the account leaves the watch and the trigger referring to a missing one.
    child<QLineEdit>(editor(dialog, "account", 0), "nameEdit")->setText("robot");
    QStringList errors = dialog.validate();
    QVERIFY2(errors.join('\n').contains(
                     "Watches › #2 acme/flaky › Account: no account named \"ci\""),
             qPrintable(errors.join('\n')));
    QVERIFY(!child<QLabel>(&dialog, "watchesError")->isHidden());
    QVERIFY(!child<QPushButton>(&dialog, "saveButton")->isEnabled());
    child<QLineEdit>(editor(dialog, "account", 0), "nameEdit")->setText("ci");
    QVERIFY(dialog.validate().isEmpty());
    // The retry trigger too.
    child<QLineEdit>(editor(dialog, "trigger", 0), "nameEdit")->setText("flaky2");
    errors = dialog.validate();
    QVERIFY2(errors.join('\n').contains("Retry failed with: no trigger named \"flaky\""),
             qPrintable(errors.join('\n')));
    QVERIFY(!dialog.save(nullptr));
    QVERIFY(!QFile::exists(m_path));
}

void TestSettingsDialog::schedulePreviewShowsFiveTimes()
{
    MemorySecretStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    QWidget *flaky = editor(dialog, "trigger", 0);
    auto *edit = child<QLineEdit>(flaky, "scheduleEdit");
    auto *preview = child<QLabel>(flaky, "schedulePreview");
    edit->clear();
    QTest::keyClicks(edit, "0 3 * * *");
    const QStringList lines = preview->text().split('\n');
    QCOMPARE(lines.size(), 5);
    for (const QString &line : lines)
        QVERIFY2(line.endsWith("03:00"), qPrintable(line));
    QVERIFY(child<QLabel>(flaky, "scheduleError")->isHidden());
    // Deterministic form: local time (TZ=UTC here), strictly increasing days.
    const QDateTime from(QDate(2026, 1, 30), QTime(12, 0));
    QCOMPARE(schedulePreview("0 3 * * *", from, 3),
             QStringLiteral("Sat 2026-01-31 03:00\nSun 2026-02-01 03:00\nMon 2026-02-02 03:00"));
    QVERIFY(schedulePreview("0 0 32 * *", from).contains("day-of-month"));
}

void TestSettingsDialog::sendTest_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ok") << 200 << "HTTP 200";
    QTest::newRow("server error") << 500 << "HTTP 500";
}

void TestSettingsDialog::sendTest()
{
    QFETCH(int, status);
    QFETCH(QString, expected);
    Receiver receiver;
    QVERIFY(receiver.isListening());
    receiver.status = status;
    MemorySecretStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    QWidget *ops = editor(dialog, "webhook", 0);
    // The URL as typed (not yet saved), signed with the secret as typed.
    QTest::keyClicks(child<QLineEdit>(ops, "urlEdit"), receiver.url());
    QTest::keyClicks(child<QLineEdit>(ops, "signEdit"),
                     "whsec_" + QByteArray("test-signing-key").toBase64());
    auto *result = child<QLabel>(ops, "sendTestResult");
    QTest::mouseClick(child<QPushButton>(ops, "sendTestButton"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().contains(" ms"), 15000);
    QVERIFY2(result->text().contains(expected), qPrintable(result->text()));
    QCOMPARE(receiver.requests.size(), 1);
    const QByteArray request = receiver.requests.first();
    QVERIFY(request.startsWith("POST /hook "));
    QVERIFY(request.toLower().contains("webhook-signature: v1,"));
    QVERIFY(request.contains("build.failed") || request.contains("failed"));
    QVERIFY(store.values.isEmpty()); // a test stores nothing
    QVERIFY(!QFile::exists(m_path));
}

void TestSettingsDialog::keychainBanner()
{
    UnavailableStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    dialog.show();
    auto *banner = child<QLabel>(&dialog, "keychainBanner");
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
    QVERIFY(banner->text().contains("locked or missing"));
    QVERIFY(banner->text().contains("plain text"));

    auto *token = child<QLineEdit>(editor(dialog, "account", 0), "tokenEdit");
    QTest::keyClicks(token, "dckr_pat_never-in-a-file");
    QString error;
    QVERIFY(!dialog.save(&error));
    QVERIFY2(error.contains("keychain"), qPrintable(error));
    QVERIFY(!QFile::exists(m_path));
    QVERIFY(child<QLabel>(&dialog, "statusLabel")->text().contains("keychain"));

    // Without a new secret, the rest still saves (references only).
    token->clear();
    child<QLineEdit>(page(dialog, "pollingPage"), "pollIntervalEdit")->setText("2m");
    QVERIFY2(dialog.save(&error), qPrintable(error));
    QCOMPARE(loadConfigFile(m_path).config.pollIntervalMs, 120000);
    QVERIFY(!fileBytes(m_path).contains("never-in-a-file"));
}

void TestSettingsDialog::addAndRemoveItems()
{
    MemorySecretStore store;
    SettingsDialog dialog(Config(), m_path, &store);
    auto *saveButton = child<QPushButton>(&dialog, "saveButton");
    QVERIFY(saveButton->isEnabled());
    QTest::mouseClick(child<QPushButton>(&dialog, "accountAddButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(&dialog, "webhookAddButton"), Qt::LeftButton);
    QWidget *hook = editor(dialog, "webhook", 0);
    QCOMPARE(child<QLineEdit>(hook, "nameEdit")->text(), QStringLiteral("webhook"));
    QVERIFY(!child<QLabel>(hook, "urlError")->isHidden()); // a URL is required
    QVERIFY(!saveButton->isEnabled());
    QTest::keyClicks(child<QLineEdit>(hook, "urlEdit"), "https://example.com/hook");
    QVERIFY(saveButton->isEnabled());
    QTest::mouseClick(child<QPushButton>(&dialog, "watchAddButton"), Qt::LeftButton);
    QVERIFY(!saveButton->isEnabled()); // the watch needs a namespace or repository
    QTest::mouseClick(child<QPushButton>(&dialog, "watchAddButton"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(&dialog, "watchRemoveButton"), Qt::LeftButton);
    const Config c = dialog.config();
    QCOMPARE(c.accounts.keys(), QStringList { "account" });
    QCOMPARE(c.watch.size(), 1);
    QCOMPARE(c.watch[0].account, QStringLiteral("account"));
    QCOMPARE(c.webhooks.size(), 1);
    QCOMPARE(c.webhooks[0].urlSecret, QStringLiteral("webhook-url"));
    QVERIFY(c.webhooks[0].url.isEmpty());

    QTest::mouseClick(child<QPushButton>(&dialog, "watchRemoveButton"), Qt::LeftButton);
    QVERIFY(saveButton->isEnabled());
    QTest::mouseClick(child<QPushButton>(&dialog, "webhookRemoveButton"), Qt::LeftButton);
    QVERIFY(dialog.config().webhooks.isEmpty());
    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));
    QVERIFY(store.values.isEmpty()); // the removed webhook's URL was not stored
}

void TestSettingsDialog::notifyOnStartAndSound()
{
    MemorySecretStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    auto *onStart = child<QCheckBox>(page(dialog, "notificationsPage"), "notifyOnStartCheck");
    auto *sound = child<QCheckBox>(page(dialog, "notificationsPage"), "notifySoundCheck");
    QVERIFY(!onStart->isChecked() && !sound->isChecked()); // both off by default
    onStart->setChecked(true);
    sound->setChecked(true);
    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));
    const Config saved = loadConfigFile(m_path).config;
    QVERIFY(saved.notifications.onStart && saved.notifications.sound);
    SettingsDialog again(saved, m_path, &store);
    QVERIFY(child<QCheckBox>(page(again, "notificationsPage"), "notifyOnStartCheck")->isChecked());
    QVERIFY(child<QCheckBox>(page(again, "notificationsPage"), "notifySoundCheck")->isChecked());
}

void TestSettingsDialog::startAtLoginWritesTheAutostartEntry()
{
    const QString entry = autostartPath();
    QVERIFY2(entry.startsWith(qEnvironmentVariable("XDG_CONFIG_HOME") + "/autostart/"),
             qPrintable(entry));
    QVERIFY(entry.endsWith("/io.github.hubhook.Hubhook.desktop"));
    QVERIFY(!QFile::exists(entry));
    MemorySecretStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    auto *check = child<QCheckBox>(page(dialog, "generalPage"), "startAtLoginCheck");
    check->setChecked(true);
    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));
    QVERIFY(QFile::exists(entry));
    const QByteArray text = fileBytes(entry);
    QVERIFY(text.startsWith("[Desktop Entry]\n"));
    QVERIFY2(text.contains("\nExec=hubhook --config " + m_path.toUtf8() + "\n"), text.constData());
    QVERIFY(loadConfigFile(m_path).config.general.startAtLogin);
    const QString validator = QStandardPaths::findExecutable("desktop-file-validate");
    if (!validator.isEmpty()) {
        QProcess validate;
        validate.start(validator, { entry });
        QVERIFY(validate.waitForFinished(15000));
        QVERIFY2(validate.exitCode() == 0, validate.readAllStandardOutput().constData());
    }

    check->setChecked(false);
    QVERIFY2(dialog.save(&error), qPrintable(error));
    QVERIFY(!QFile::exists(entry));
    QVERIFY(!loadConfigFile(m_path).config.general.startAtLogin);

    // The default config path needs no --config; spaces are quoted.
    QVERIFY(autostartEntry(defaultConfigPath()).contains("\nExec=hubhook\n"));
    QVERIFY(autostartEntry("/tmp/my dir/c.json")
                    .contains("Exec=hubhook --config \"/tmp/my dir/c.json\"\n"));
}

namespace {

// The column of `key` on the Watches page: "account", "kind", "target", or the key of a
// field ("workflows", "max_age", "retry_failed"); the page draws the fields the providers
// declare.
int watchColumn(SettingsDialog &d, const QString &key)
{
    using W = SettingsWatchesPage;
    if (key == "account" || key == "kind" || key == "target")
        return key == "account" ? W::AccountColumn
                : key == "kind" ? W::KindColumn
                                : W::TargetColumn;
    auto *page = d.findChild<SettingsWatchesPage *>("watchesPage");
    return page ? page->column(key) : -1;
}

QWidget *watchCell(SettingsDialog &d, int row, const QString &key)
{
    auto *table = d.findChild<QTableWidget *>("watchesTable");
    const int column = watchColumn(d, key);
    return table && column >= 0 ? table->cellWidget(row, column) : nullptr;
}

QLineEdit *watchEdit(SettingsDialog &d, int row, const QString &key)
{
    return qobject_cast<QLineEdit *>(watchCell(d, row, key));
}

} // namespace

void TestSettingsDialog::gitHubRoundTrip()
{
    const Config base = parsed(kGitHubConfig);
    MemorySecretStore store;
    SettingsDialog dialog(base, m_path, &store);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    // Into the dialog and back, unchanged.
    QCOMPARE(configToJson(dialog.config()), configToJson(base));

    // Accounts (sorted: gh, ghe, hub): the GitHub ones have no username and an optional token.
    QWidget *gh = editor(dialog, "account", 0);
    QCOMPARE(child<QComboBox>(gh, "providerCombo")->currentText(),
             QStringLiteral("GitHub Actions"));
    QCOMPARE(child<QComboBox>(gh, "providerCombo")->currentData(), QVariant("github"));
    QVERIFY(!child<QLineEdit>(gh, "usernameEdit")->isVisibleTo(gh));
    QCOMPARE(child<QLineEdit>(gh, "baseUrlEdit")->placeholderText(),
             QStringLiteral("https://api.github.com"));
    const QString hint = child<QLabel>(gh, "tokenHint")->text();
    QVERIFY2(hint.contains("Optional") && hint.contains("fine-grained")
                     && hint.contains("\"Actions: read\"") && hint.contains("\"Metadata: read\"")
                     && hint.contains("\"Actions: write\""),
             qPrintable(hint));
    QVERIFY(child<QLabel>(gh, "baseUrlHint")->text().contains("https://HOST/api/v3"));
    QCOMPARE(child<QLineEdit>(editor(dialog, "account", 1), "baseUrlEdit")->text(),
             QStringLiteral("https://ghe.example.com/api/v3"));
    QWidget *hub = editor(dialog, "account", 2);
    QCOMPARE(child<QComboBox>(hub, "providerCombo")->currentText(), QStringLiteral("Docker Hub"));
    QVERIFY(child<QLineEdit>(hub, "usernameEdit")->isVisibleTo(hub));
    QVERIFY(child<QLabel>(hub, "tokenHint")->text().contains("Docker Hub"));
    QCOMPARE(child<QLineEdit>(hub, "baseUrlEdit")->placeholderText(),
             QStringLiteral("https://hub.docker.com"));

    // Watches: each row's provider's cells.
    QVERIFY(!watchEdit(dialog, 0, "tags")->isEnabled());
    QCOMPARE(watchEdit(dialog, 0, "workflows")->text(), QStringLiteral("ci.yml, 1234"));
    QCOMPARE(watchEdit(dialog, 0, "branches")->text(), QStringLiteral("main, release/1.x"));
    QCOMPARE(watchEdit(dialog, 0, "events")->text(), QStringLiteral("push, schedule"));
    auto *forks = qobject_cast<QCheckBox *>(watchCell(dialog, 0, "forks"));
    QVERIFY(forks && forks->isChecked() && forks->isEnabled());
    QVERIFY(!watchCell(dialog, 1, "forks")->isEnabled()); // a repository watch
    QVERIFY(watchEdit(dialog, 2, "tags")->isEnabled());
    QVERIFY(!watchEdit(dialog, 2, "workflows")->isEnabled());

    // Trigger: the GitHub kind, without URL, method, body or headers.
    QWidget *deploy = editor(dialog, "trigger", 0);
    for (const char *hidden : { "urlEdit", "methodCombo", "bodyEdit", "headersEdit",
                                "expectRepositoryEdit", "expectTagEdit" })
        QVERIFY2(!child<QWidget>(deploy, hidden)->isVisibleTo(deploy), hidden);
    for (const char *shown : { "repositoryEdit", "workflowEdit", "refEdit", "inputsEdit",
                               "scheduleEdit", "expectWithinEdit" })
        QVERIFY2(child<QWidget>(deploy, shown)->isVisibleTo(deploy), shown);
    QVERIFY(child<QPlainTextEdit>(deploy, "inputsEdit")->toPlainText().contains("\"staging\""));

    // Webhooks: the providers choice.
    QCOMPARE(child<QComboBox>(editor(dialog, "webhook", 0), "providersCombo")->currentText(),
             QStringLiteral("Docker Hub only"));
    QCOMPARE(child<QComboBox>(editor(dialog, "webhook", 1), "providersCombo")->currentText(),
             QStringLiteral("GitHub Actions only"));
    QCOMPARE(child<QComboBox>(editor(dialog, "webhook", 1), "providersCombo")->currentData(),
             QVariant(QStringList { "github" }));

    // Edits as typed, then saved and read back.
    watchEdit(dialog, 0, "workflows")->clear();
    QTest::keyClicks(watchEdit(dialog, 0, "workflows"), "ci.yml, deploy.yaml");
    forks->setChecked(false);
    child<QLineEdit>(deploy, "refEdit")->setText("release/2.0");
    child<QPlainTextEdit>(deploy, "inputsEdit")->setPlainText(R"({"environment": "prod"})");
    child<QLineEdit>(deploy, "expectWithinEdit")->setText("1h");
    child<QComboBox>(editor(dialog, "webhook", 1), "providersCombo")->setCurrentIndex(0);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));
    QVERIFY(store.values.isEmpty());

    Config expected = base;
    expected.watch[0].workflows = QStringList { "ci.yml", "deploy.yaml" };
    expected.watch[0].forks = false;
    expected.triggers[0].ref = "release/2.0";
    expected.triggers[0].inputs = QJsonObject { { "environment", "prod" } };
    expected.triggers[0].expectBuild
            = ExpectBuild { "octo-org/api", "deploy.yml@release/2.0", 3600 * 1000 };
    expected.webhooks[1].providers.clear();
    const ConfigResult loaded = loadConfigFile(m_path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join('\n')));
    QCOMPARE(configToJson(loaded.config), configToJson(expected));
    QCOMPARE(loaded.config.triggers[0].expectBuild->tag, QStringLiteral("deploy.yml@release/2.0"));
    // And back into a dialog: the same again.
    SettingsDialog again(loaded.config, m_path, &store);
    QCOMPARE(configToJson(again.config()), configToJson(expected));
}

void TestSettingsDialog::gitHubFieldsAreValidated_data()
{
    QTest::addColumn<QString>("where"); // "watch:<row>:<column key>", or "<prefix>:<index>"
    QTest::addColumn<QString>("field"); // an object name in the editor (unused for watches)
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorLabel");
    QTest::addColumn<QString>("message");
    const QString target = "target";
    QTest::newRow("owner") << "watch:0:" + target << ""
                           << "-octo"
                           << "watchesError"
                           << "Watches › #1 -octo/* › Owner or repository: not a GitHub user";
    QTest::newRow("repository watch") << "watch:1:" + target << ""
                                      << "platform/api/x"
                                      << "watchesError"
                                      << "Owner or repository: expected \"owner/name\"";
    QTest::newRow("workflows")
            << "watch:0:workflows"
            << ""
            << "ci.yml, build.txt"
            << "watchesError"
            << "Watches › #1 octo-org/* › Workflows: not a workflow file (\"ci.yml\") or id: "
               "\"build.txt\"";
    QTest::newRow("branches") << "watch:0:branches"
                              << ""
                              << "main, a..b"
                              << "watchesError"
                              << "Branches: not a branch name: \"a..b\"";
    QTest::newRow("events") << "watch:0:events"
                            << ""
                            << "Push"
                            << "watchesError"
                            << "Events: not an event name (\"push\", \"schedule\"): \"Push\"";
    QTest::newRow("trigger repository")
            << "trigger:0"
            << "repositoryEdit"
            << "octo-org"
            << "repositoryError"
            << "Triggers › deploy › Repository: expected \"owner/name\"";
    QTest::newRow("trigger workflow") << "trigger:0"
                                      << "workflowEdit"
                                      << "deploy.txt"
                                      << "workflowError"
                                      << "Workflow: not a workflow file";
    QTest::newRow("no workflow") << "trigger:0"
                                 << "workflowEdit"
                                 << ""
                                 << "workflowError"
                                 << "Triggers › deploy › Workflow: is required";
    QTest::newRow("ref") << "trigger:0"
                         << "refEdit"
                         << "a..b"
                         << "refError"
                         << "Ref: not a branch or tag name";
    QTest::newRow("inputs not JSON") << "trigger:0"
                                     << "inputsEdit"
                                     << R"({"a": )"
                                     << "inputsError"
                                     << "Inputs: not valid JSON";
    QTest::newRow("inputs not an object") << "trigger:0"
                                          << "inputsEdit"
                                          << "[1, 2]"
                                          << "inputsError"
                                          << "Inputs: expected a JSON object";
    QTest::newRow("input not scalar") << "trigger:0"
                                      << "inputsEdit"
                                      << R"({"a": {"b": 1}})"
                                      << "inputsError"
                                      << "Inputs: \"a\": expected a string, number or true/false";
    QStringList many;
    for (int i = 0; i < 26; ++i)
        many << QStringLiteral("\"in%1\": %1").arg(i);
    QTest::newRow("26 inputs") << "trigger:0"
                               << "inputsEdit"
                               << "{" + many.join(", ") + "}"
                               << "inputsError"
                               << "Inputs: GitHub accepts at most 25 inputs";
    QTest::newRow("github.com") << "account:0"
                                << "baseUrlEdit"
                                << "https://github.com"
                                << "baseUrlError"
                                << "Accounts › gh › API base URL: the API is at "
                                   "https://api.github.com";
}

void TestSettingsDialog::gitHubFieldsAreValidated()
{
    QFETCH(QString, where);
    QFETCH(QString, field);
    QFETCH(QString, text);
    QFETCH(QString, errorLabel);
    QFETCH(QString, message);
    MemorySecretStore store;
    SettingsDialog dialog(parsed(kGitHubConfig), m_path, &store);
    auto *saveButton = child<QPushButton>(&dialog, "saveButton");
    QVERIFY(saveButton->isEnabled());
    const QStringList at = where.split(':');
    QWidget *root = at[0] == "watch" ? page(dialog, "watchesPage")
                                     : editor(dialog, qPrintable(at[0]), at[1].toInt());
    QWidget *edit = at[0] == "watch" ? watchCell(dialog, at[1].toInt(), at[2])
                                     : child<QWidget>(root, qPrintable(field));
    auto *label = child<QLabel>(root, qPrintable(errorLabel));
    QVERIFY(edit && label);
    QVERIFY(label->isHidden());
    auto setText = [edit](const QString &value) {
        if (auto *line = qobject_cast<QLineEdit *>(edit)) {
            line->clear();
            QTest::keyClicks(line, value);
        } else {
            static_cast<QPlainTextEdit *>(edit)->setPlainText(value);
        }
    };
    const QString original = qobject_cast<QLineEdit *>(edit)
            ? static_cast<QLineEdit *>(edit)->text()
            : static_cast<QPlainTextEdit *>(edit)->toPlainText();

    setText(text);
    QVERIFY(!label->isHidden());
    QVERIFY(!saveButton->isEnabled());
    const QString all = dialog.validate().join('\n');
    QVERIFY2(all.contains(message), qPrintable(all));
    QVERIFY2(!all.contains("Config ›"), qPrintable(all)); // the page found it, not the parser
    QVERIFY2(label->text().contains(message.section(": ", -1).left(20)), qPrintable(label->text()));
    QString error;
    QVERIFY(!dialog.save(&error));
    QVERIFY(!QFile::exists(m_path));

    setText(original);
    QVERIFY(label->isHidden());
    QVERIFY2(saveButton->isEnabled(), qPrintable(dialog.validate().join('\n')));
}

void TestSettingsDialog::switchingProviderChangesTheFields()
{
    MemorySecretStore store;
    SettingsDialog dialog(baseConfig(), m_path, &store);
    // "ci" (account 0, watched by #2 acme/flaky with tags) becomes a GitHub account.
    QWidget *ci = editor(dialog, "account", 0);
    QVERIFY(child<QLineEdit>(ci, "usernameEdit")->isVisibleTo(ci));
    QVERIFY(watchEdit(dialog, 1, "tags")->isEnabled());
    child<QComboBox>(ci, "providerCombo")->setCurrentIndex(1);
    QVERIFY(!child<QLineEdit>(ci, "usernameEdit")->isVisibleTo(ci));
    QCOMPARE(child<QLineEdit>(ci, "baseUrlEdit")->placeholderText(),
             QStringLiteral("https://api.github.com"));
    QVERIFY(!watchEdit(dialog, 1, "tags")->isEnabled());
    QVERIFY(watchEdit(dialog, 1, "workflows")->isEnabled());
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    Config c = dialog.config();
    QCOMPARE(c.accounts.value("ci").provider, QStringLiteral("github"));
    QVERIFY(c.accounts.value("ci").username.isEmpty()); // GitHub has none
    QCOMPARE(c.watch[1].repository, QStringLiteral("acme/flaky"));
    QVERIFY(c.watch[1].tags.isEmpty()); // Docker Hub only

    // A trigger of a GitHub account is a GitHub one: its repository, workflow and ref are due.
    QWidget *after = editor(dialog, "trigger", 1);
    QVERIFY(child<QWidget>(after, "urlEdit")->isVisibleTo(after));
    child<QComboBox>(after, "accountCombo")->setCurrentText("ci");
    QVERIFY(!child<QWidget>(after, "urlEdit")->isVisibleTo(after));
    QVERIFY(child<QWidget>(after, "workflowEdit")->isVisibleTo(after));
    QVERIFY(child<QLabel>(after, "triggerKind")->text().contains("runs a workflow"));
    QVERIFY2(dialog.validate().join('\n').contains("Triggers › after › Repository: is required"),
             qPrintable(dialog.validate().join('\n')));
    child<QLineEdit>(after, "repositoryEdit")->setText("acme/base");
    child<QLineEdit>(after, "workflowEdit")->setText("build.yml");
    child<QLineEdit>(after, "refEdit")->setText("main");
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    c = dialog.config();
    QVERIFY(c.triggers[1].viaApi);
    QVERIFY(c.triggers[1].url.isEmpty() && c.triggers[1].urlSecret.isEmpty());
    QCOMPARE(c.triggers[1].workflow, QStringLiteral("build.yml"));

    // A new owner watch of the GitHub account, typed.
    QTest::mouseClick(child<QPushButton>(&dialog, "watchAddButton"), Qt::LeftButton);
    const int row = c.watch.size();
    static_cast<QComboBox *>(watchCell(dialog, row, "account"))->setCurrentText("ci");
    QTest::keyClicks(watchEdit(dialog, row, "target"), "octo-org");
    QTest::keyClicks(watchEdit(dialog, row, "events"), "push, workflow_dispatch");
    static_cast<QCheckBox *>(watchCell(dialog, row, "forks"))->setChecked(true);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    c = dialog.config();
    QCOMPARE(c.watch[row].ns, QStringLiteral("octo-org"));
    QCOMPARE(c.watch[row].events, QStringList({ "push", "workflow_dispatch" }));
    QVERIFY(c.watch[row].forks);

    // The "dockerhub" format: Docker Hub only, else the GitHub runs would reach it.
    QWidget *audit = editor(dialog, "webhook", 1);
    auto *providers = child<QComboBox>(audit, "providersCombo");
    QCOMPARE(providers->currentIndex(), 0);
    child<QComboBox>(audit, "formatCombo")->setCurrentText("dockerhub");
    QCOMPARE(providers->currentText(), QStringLiteral("Docker Hub only"));
    QCOMPARE(dialog.config().webhooks[1].providers, QStringList { "dockerhub" });
    providers->setCurrentIndex(0);
    QVERIFY2(dialog.validate().join('\n').contains(
                     "Webhooks › audit › Providers: the \"dockerhub\" format describes Docker "
                     "Hub builds"),
             qPrintable(dialog.validate().join('\n')));
    QVERIFY(!child<QLabel>(audit, "providersError")->isHidden());
    providers->setCurrentIndex(1);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));
    const ConfigResult loaded = loadConfigFile(m_path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join('\n')));
    QCOMPARE(configToJson(loaded.config), configToJson(dialog.config()));
}

void TestSettingsDialog::imageWatchRoundTrip()
{
    const Config base = parsed(kImageConfig);
    QCOMPARE(base.watch[0].image, QStringLiteral("docker.io/acme/base"));
    QCOMPARE(base.triggers[0].afterPushOf, QStringLiteral("docker.io/acme/base:latest"));
    MemorySecretStore store;
    SettingsDialog dialog(base, m_path, &store);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    QCOMPARE(configToJson(dialog.config()), configToJson(base));

    // The image rows: kind, the image as the config names it, tags and max age; no GitHub or
    // retry cells.
    using W = SettingsWatchesPage;
    auto kind = [&dialog](int row) {
        return qobject_cast<QComboBox *>(watchCell(dialog, row, "kind"));
    };
    QCOMPARE(kind(0)->currentText(), QStringLiteral("Image"));
    QCOMPARE(kind(1)->currentText(), QStringLiteral("Image"));
    QCOMPARE(kind(2)->currentText(), QStringLiteral("Builds"));
    QCOMPARE(watchEdit(dialog, 0, "target")->text(), QStringLiteral("acme/base"));
    QCOMPARE(watchEdit(dialog, 0, "tags")->text(), QStringLiteral("latest, v1.*"));
    QCOMPARE(watchEdit(dialog, 0, "max_age")->text(), configDuration(26 * 3600 * 1000));
    QCOMPARE(watchEdit(dialog, 1, "target")->text(), QStringLiteral("ghcr.io/acme/tool"));
    QVERIFY(watchEdit(dialog, 1, "tags")->isEnabled()); // a GitHub account's image
    QVERIFY(watchEdit(dialog, 1, "max_age")->isEnabled());
    QVERIFY(!watchEdit(dialog, 1, "workflows")->isEnabled());
    QVERIFY(!watchCell(dialog, 0, "retry_failed")->isEnabled());
    QVERIFY(!watchEdit(dialog, 2, "max_age")->isEnabled()); // a builds watch
    auto *table = dialog.findChild<QTableWidget *>("watchesTable");
    QVERIFY(!table->isColumnHidden(watchColumn(dialog, "max_age")));
    // The trigger's "After push of", as the config file writes it.
    QWidget *child0 = editor(dialog, "trigger", 0);
    QCOMPARE(child<QLineEdit>(child0, "afterPushOfEdit")->text(),
             QStringLiteral("acme/base:latest"));

    // Edits as typed: another limit, a new GHCR image watch, the trigger after the GHCR image.
    watchEdit(dialog, 0, "max_age")->clear();
    QTest::keyClicks(watchEdit(dialog, 0, "max_age"), "2d");
    QTest::mouseClick(child<QPushButton>(&dialog, "watchAddButton"), Qt::LeftButton);
    const int row = table->rowCount() - 1;
    static_cast<QComboBox *>(watchCell(dialog, row, "account"))->setCurrentText("gh");
    kind(row)->setCurrentIndex(W::ImageKind);
    QVERIFY(watchEdit(dialog, row, "max_age")->isEnabled());
    QCOMPARE(watchEdit(dialog, row, "target")->placeholderText(),
             QStringLiteral("ghcr.io/octo-org/base"));
    QTest::keyClicks(watchEdit(dialog, row, "target"), "ghcr.io/acme/base");
    QTest::keyClicks(watchEdit(dialog, row, "tags"), "v2.*");
    child<QLineEdit>(child0, "afterPushOfEdit")->setText("ghcr.io/acme/base:v2.1");
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));

    Config expected = base;
    expected.watch[0].maxAgeMs = 2 * 24 * 3600 * 1000;
    WatchConfig added;
    added.account = "gh";
    added.image = "ghcr.io/acme/base";
    added.tags = QStringList { "v2.*" };
    expected.watch.append(added);
    expected.triggers[0].afterPushOf = "ghcr.io/acme/base:v2.1";
    const ConfigResult loaded = loadConfigFile(m_path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join('\n')));
    QCOMPARE(configToJson(loaded.config), configToJson(expected));
    const QByteArray written = fileBytes(m_path);
    QVERIFY2(written.contains("\"after_push_of\": \"ghcr.io/acme/base:v2.1\""), written);
    QVERIFY2(written.contains("\"max_age\": \"2d\""), written);
    SettingsDialog again(loaded.config, m_path, &store);
    QCOMPARE(configToJson(again.config()), configToJson(expected));
}

void TestSettingsDialog::imageFieldsAreValidated_data()
{
    QTest::addColumn<int>("row"); // a watch row, or -1: the trigger's "After push of"
    QTest::addColumn<QString>("column"); // its key
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("errorLabel");
    QTest::addColumn<QString>("message");
    QTest::newRow("GHCR image, Docker Hub account")
            << 0 << "target"
            << "ghcr.io/acme/base"
            << "watchesError"
            << "Watches › #1 ghcr.io/acme/base › Image: a GHCR image needs a GitHub account";
    QTest::newRow("Docker Hub image, GitHub account")
            << 1 << "target"
            << "acme/tool"
            << "watchesError"
            << "Watches › #2 docker.io/acme/tool › Image: a GitHub account watches GHCR images";
    QTest::newRow("not an image") << 0 << "target"
                                  << "acme"
                                  << "watchesError"
                                  << "Image: expected a Docker Hub image \"namespace/name\"";
    QTest::newRow("no image") << 0 << "target"
                              << ""
                              << "watchesError"
                              << "Image: required";
    QTest::newRow("tag") << 0 << "tags"
                         << "latest, v1/x"
                         << "watchesError"
                         << "Tags: \"v1/x\" is not a tag or tag pattern";
    QTest::newRow("max age") << 0 << "max_age"
                             << "soon"
                             << "watchesError"
                             << "Max age: not a duration";
    QTest::newRow("max age too short") << 1 << "max_age"
                                       << "30s"
                                       << "watchesError"
                                       << "Max age: must be at least 1m";
    QTest::newRow("after push of, no tag") << -1 << ""
                                           << "acme/base"
                                           << "afterPushOfError"
                                           << "Triggers › child › After push of: expected "
                                              "\"image:tag\"";
    QTest::newRow("after push of, not watched")
            << -1 << ""
            << "acme/other:latest"
            << "afterPushOfError"
            << "Triggers › child › After push of: no image watch of docker.io/acme/other";
}

void TestSettingsDialog::imageFieldsAreValidated()
{
    QFETCH(int, row);
    QFETCH(QString, column);
    QFETCH(QString, text);
    QFETCH(QString, errorLabel);
    QFETCH(QString, message);
    MemorySecretStore store;
    SettingsDialog dialog(parsed(kImageConfig), m_path, &store);
    auto *saveButton = child<QPushButton>(&dialog, "saveButton");
    QVERIFY(saveButton->isEnabled());
    QWidget *root = row >= 0 ? page(dialog, "watchesPage") : editor(dialog, "trigger", 0);
    auto *edit
            = row >= 0 ? watchEdit(dialog, row, column) : child<QLineEdit>(root, "afterPushOfEdit");
    auto *label = child<QLabel>(root, qPrintable(errorLabel));
    QVERIFY(edit && label);
    QVERIFY(label->isHidden());
    const QString original = edit->text();

    edit->clear();
    QTest::keyClicks(edit, text);
    QVERIFY(!label->isHidden());
    QVERIFY(!saveButton->isEnabled());
    const QString all = dialog.validate().join('\n');
    QVERIFY2(all.contains(message), qPrintable(all));
    QVERIFY2(!all.contains("Config ›"), qPrintable(all)); // the page found it, not the parser
    QString error;
    QVERIFY(!dialog.save(&error));
    QVERIFY(!QFile::exists(m_path));

    edit->clear();
    QTest::keyClicks(edit, original);
    QVERIFY(label->isHidden());
    QVERIFY2(saveButton->isEnabled(), qPrintable(dialog.validate().join('\n')));
}

// What a field says it applies to (a scope's watch, a repository's) is what its provider's
// parser takes: the Watches page enables its cells by the declaration.
void TestSettingsDialog::declaredWatchFieldsAreWhatTheParsersTake()
{
    for (const ProviderInfo *info : providerInfos()) {
        const ProviderDescriptor *p = providerDescriptor(info->id());
        QVERIFY(p);
        QHash<ProviderField::Kind, ProviderField> targets;
        for (const ProviderField &field : p->watchFields())
            targets.insert(field.kind, field);
        QVERIFY2(targets.contains(ProviderField::Scope)
                         && targets.contains(ProviderField::Repository),
                 qPrintable(p->id()));
        for (const ProviderField &field : p->watchFields()) {
            if (field.applies == ProviderField::AnyWatch)
                continue;
            for (const bool scope : { true, false }) {
                // The placeholders are examples of a valid scope and repository.
                const ProviderField target
                        = targets.value(scope ? ProviderField::Scope : ProviderField::Repository);
                QJsonObject o { { target.key, target.placeholder } };
                o.insert(field.key,
                         field.kind == ProviderField::Flag ? QJsonValue(true)
                                 : field.kind == ProviderField::List
                                 ? QJsonValue(QJsonArray { "latest" })
                                 : QJsonValue("x"));
                QStringList errors;
                WatchConfig w;
                p->parseWatch(o, "watch", w, JsonFields(&errors));
                const bool refused = errors.join('\n').contains("watch." + field.key + ":");
                QVERIFY2(refused != field.appliesTo(scope),
                         qPrintable(p->id() + ": " + field.key
                                    + (scope ? " on a scope: " : " on a repository: ")
                                    + errors.join("; ")));
            }
        }
    }
}

namespace {

// A provider this build does not have, registered by the test: the dialog must offer its
// account, its watch fields and its trigger fields, and check them with its own parser.
class FakeCiProvider : public ProviderPlugin
{
public:
    QString id() const override { return "fakeci"; }
    QString displayName() const override { return "Fake CI"; }
    QString queueName() const override { return "Fake CI's queue"; }
    QUrl defaultBaseUrl() const override { return QUrl("https://ci.example.com/api"); }
    bool tokenOptional() const override { return true; }
    QString tokenHint() const override { return "A Fake CI token: Profile › Tokens."; }
    QList<ProviderField> watchFields() const override
    {
        return { { "group", "Group", ProviderField::Scope, "team", "A group: all its projects" },
                 { "project", "Project", ProviderField::Repository, "team/app", {} },
                 { "pipelines", "Pipelines", ProviderField::List, "every pipeline",
                   "Only these pipelines" },
                 { "archived",
                   "Archived",
                   ProviderField::Flag,
                   {},
                   "Also archived projects",
                   ProviderField::ScopeWatch } };
    }
    void parseWatch(const QJsonObject &o, const QString &path, WatchConfig &w,
                    const JsonFields &f) const override
    {
        w.ns = f.string(o, "group", path);
        w.repository = f.string(o, "project", path);
        if (w.ns.isEmpty() == w.repository.isEmpty())
            f.error(path, "needs exactly one of \"group\" or \"project\"");
        w.workflows = f.stringList(o, "pipelines", path);
        for (const QString &pipeline : std::as_const(w.workflows)) {
            if (!pipeline.startsWith("pl-"))
                f.error(JsonFields::join(path, "pipelines"),
                        QString("not a pipeline: \"%1\"").arg(pipeline));
        }
        w.forks = f.boolean(o, "archived", path);
        if (o.contains("archived") && !w.repository.isEmpty())
            f.error(JsonFields::join(path, "archived"), "only applies to a \"group\" watch");
    }
    ConfigFieldList writeWatch(const WatchConfig &w) const override
    {
        ConfigFieldList out;
        out.append(
                { w.isNamespace() ? "group" : "project", w.isNamespace() ? w.ns : w.repository });
        if (!w.workflows.isEmpty())
            out.append({ "pipelines", QJsonArray::fromStringList(w.workflows) });
        if (w.forks)
            out.append({ "archived", true });
        return out;
    }
    bool isRepository(const QString &text) const override { return text.count('/') == 1; }
    QList<ProviderField> triggerFields() const override
    {
        return { { "project", "Project", ProviderField::Repository, "team/app", {} },
                 { "pipeline", "Pipeline", ProviderField::Text, "pl-release", "What to run" } };
    }
    void parseTrigger(const QJsonObject &o, const QString &path, TriggerConfig &t,
                      const JsonFields &f) const override
    {
        t.viaApi = true;
        t.repository = f.string(o, "project", path, true);
        t.workflow = f.string(o, "pipeline", path, true);
        if (!t.workflow.isEmpty() && !t.workflow.startsWith("pl-"))
            f.error(JsonFields::join(path, "pipeline"),
                    QString("not a pipeline: \"%1\"").arg(t.workflow));
    }
    ConfigFieldList writeTrigger(const TriggerConfig &t) const override
    {
        return { { "project", t.repository }, { "pipeline", t.workflow } };
    }
    ExpectBuild expectationOf(const TriggerConfig &t) const override
    {
        return ExpectBuild { t.repository, t.workflow, 10 * 60 * 1000 };
    }
    QString triggerAction() const override { return "runs a pipeline"; }
    ProviderClientPtr createClient(const AccountConfig &, const QString &,
                                   RequestQueue *) const override
    {
        return nullptr;
    }
};

const char *kFakeCiConfig = R"({
  "version": 1,
  "accounts": {
    "ci": {"provider": "fakeci", "token": "secret:ci-token"},
    "hub": {"provider": "dockerhub", "username": "alice"}
  },
  "watch": [
    {"account": "ci", "group": "team", "pipelines": ["pl-build"], "archived": true},
    {"account": "hub", "namespace": "acme"}
  ],
  "triggers": [
    {"name": "release", "account": "ci", "project": "team/app", "pipeline": "pl-release",
     "expect_build": {"within": "20m"}}
  ]
})";

} // namespace

void TestSettingsDialog::aProviderOfTheTestHasItsOwnFields()
{
    static const FakeCiProvider fake;
    providerInfos(); // the built-in providers first: the default stays the default
    registerProvider(&fake);
    const Config base = parsed(kFakeCiConfig);
    MemorySecretStore store;
    SettingsDialog dialog(base, m_path, &store);
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));
    QCOMPARE(configToJson(dialog.config()), configToJson(base));

    // Its account: its name in the combo, its token words, no username.
    QWidget *ci = editor(dialog, "account", 0);
    QCOMPARE(child<QComboBox>(ci, "providerCombo")->currentText(), QStringLiteral("Fake CI"));
    QCOMPARE(child<QLabel>(ci, "tokenHint")->text(),
             QStringLiteral("A Fake CI token: Profile › Tokens."));
    QCOMPARE(child<QLineEdit>(ci, "baseUrlEdit")->placeholderText(),
             QStringLiteral("https://ci.example.com/api"));
    QVERIFY(!child<QLineEdit>(ci, "usernameEdit")->isVisibleTo(ci));

    // Its watch fields are columns of their own, enabled on its rows only, in its words.
    auto *table = dialog.findChild<QTableWidget *>("watchesTable");
    const int pipelines = watchColumn(dialog, "pipelines");
    QVERIFY(pipelines > SettingsWatchesPage::TargetColumn);
    QVERIFY(!table->isColumnHidden(pipelines));
    QCOMPARE(table->horizontalHeaderItem(pipelines)->text(), QStringLiteral("Pipelines"));
    QCOMPARE(watchEdit(dialog, 0, "pipelines")->text(), QStringLiteral("pl-build"));
    QVERIFY(watchEdit(dialog, 0, "pipelines")->isEnabled());
    QVERIFY(!watchEdit(dialog, 1, "pipelines")->isEnabled());
    QVERIFY(!watchEdit(dialog, 0, "tags")->isEnabled());
    auto *archived = qobject_cast<QCheckBox *>(watchCell(dialog, 0, "archived"));
    QVERIFY(archived && archived->isChecked() && archived->isEnabled());
    QCOMPARE(watchEdit(dialog, 0, "target")->placeholderText(), QStringLiteral("team or team/app"));
    QVERIFY2(table->horizontalHeaderItem(SettingsWatchesPage::TargetColumn)
                     ->text()
                     .contains("group"),
             qPrintable(table->horizontalHeaderItem(SettingsWatchesPage::TargetColumn)->text()));
    // ... checked by its own parser, the message under its column.
    QTest::keyClicks(watchEdit(dialog, 0, "pipelines"), ", deploy");
    QVERIFY2(dialog.validate().join('\n').contains(
                     "Watches › #1 team/* › Pipelines: not a pipeline: \"deploy\""),
             qPrintable(dialog.validate().join('\n')));
    watchEdit(dialog, 0, "pipelines")->setText("pl-build, pl-test");
    watchEdit(dialog, 0, "target")->setText("team/app"); // a project: "archived" does not apply
    QVERIFY(!archived->isEnabled());
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate().join('\n')));

    // Its trigger fields instead of a URL, checked by its parser.
    QWidget *release = editor(dialog, "trigger", 0);
    QVERIFY(!child<QWidget>(release, "urlEdit")->isVisibleTo(release));
    QVERIFY(child<QLineEdit>(release, "pipelineEdit")->isVisibleTo(release));
    QVERIFY(!child<QLineEdit>(release, "workflowEdit")->isVisibleTo(release));
    QVERIFY(child<QLabel>(release, "triggerKind")->text().contains("runs a pipeline"));
    child<QLineEdit>(release, "pipelineEdit")->setText("release");
    QVERIFY2(dialog.validate().join('\n').contains(
                     "Triggers › release › Pipeline: not a pipeline: \"release\""),
             qPrintable(dialog.validate().join('\n')));
    QVERIFY(!child<QLabel>(release, "pipelineError")->isHidden());
    child<QLineEdit>(release, "pipelineEdit")->setText("pl-ship");

    // The webhooks offer it; saved and read back as typed.
    QTest::mouseClick(child<QPushButton>(&dialog, "webhookAddButton"), Qt::LeftButton);
    auto *providers = child<QComboBox>(editor(dialog, "webhook", 0), "providersCombo");
    QVERIFY(providers->findText("Fake CI only") >= 0);
    QVERIFY2(providers->itemText(0).contains("Fake CI"), qPrintable(providers->itemText(0)));
    QTest::mouseClick(child<QPushButton>(&dialog, "webhookRemoveButton"), Qt::LeftButton);
    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));
    Config expected = base;
    expected.watch[0].ns.clear();
    expected.watch[0].repository = "team/app";
    expected.watch[0].workflows = QStringList { "pl-build", "pl-test" };
    expected.watch[0].forks = false;
    expected.triggers[0].workflow = "pl-ship";
    expected.triggers[0].expectBuild = ExpectBuild { "team/app", "pl-ship", 20 * 60 * 1000 };
    const ConfigResult loaded = loadConfigFile(m_path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join('\n')));
    QCOMPARE(configToJson(loaded.config), configToJson(expected));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
