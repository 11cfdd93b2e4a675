#include "config/Config.h"
#include "config/ConfigWriter.h"
#include "secrets/Secrets.h"
#include "tests/support/SecretSpy.h"
#include "ui/SettingsAutostart.h"
#include "ui/SettingsDialog.h"
#include "ui/SettingsTriggersPage.h"

#include <memory>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
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

Config baseConfig()
{
    const ConfigResult r = parseConfig(kConfig);
    if (!r.ok())
        qFatal("bad test config: %s", qPrintable(r.errors.join('\n')));
    return r.config;
}

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

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
