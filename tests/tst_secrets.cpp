#include "secrets/Secrets.h"
#include "support/Redactor.h"
#include "tests/support/SecretSpy.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

using namespace hubhook;

// Runs under tests/with-session.sh session: a private bus with an unlocked gnome-keyring, the
// same secret service a desktop user has.
class TestSecrets : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void writeReadDelete();
    void visibleToOtherSecretServiceClients();
    void environmentOverridesKeychain();
    void resolveReportsMissingSecrets();
    void memoryStore();
};

void TestSecrets::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run through tests/with-session.sh session");
}

void TestSecrets::writeReadDelete()
{
    KeychainSecretStore store(nullptr, QStringLiteral("hubhook-test"));
    const QString value = QStringLiteral("dckr_pat_canary-0123456789");
    QVERIFY(waitForSecret([&](SecretCallback cb) { store.write("hub-token", value, cb); }).ok());
    const SecretResult read
            = waitForSecret([&](SecretCallback cb) { store.read("hub-token", cb); });
    QVERIFY2(read.ok(), qPrintable(read.message));
    QCOMPARE(read.value, value);
    QVERIFY(waitForSecret([&](SecretCallback cb) { store.remove("hub-token", cb); }).ok());
    const SecretResult gone
            = waitForSecret([&](SecretCallback cb) { store.read("hub-token", cb); });
    QCOMPARE(gone.error, SecretError::NotFound);
    QVERIFY(gone.message.contains("\"hub-token\""));
    QVERIFY(!gone.message.contains(value));
}

void TestSecrets::visibleToOtherSecretServiceClients()
{
    // What the user sees in Seahorse / secret-tool: stored under the app id, not in a file.
    KeychainSecretStore store;
    QVERIFY(waitForSecret([&](SecretCallback cb) {
                store.write("seen", "value-for-secret-tool", cb);
            }).ok());
    QProcess tool;
    tool.start("secret-tool", { "search", "--all", "server", kAppId });
    QVERIFY(tool.waitForFinished(15000));
    const QString out
            = QString::fromUtf8(tool.readAllStandardOutput() + tool.readAllStandardError());
    QVERIFY2(out.contains("value-for-secret-tool")
                     || out.contains("secret = value-for-secret-tool"),
             qPrintable(out));
    QVERIFY(waitForSecret([&](SecretCallback cb) { store.remove("seen", cb); }).ok());
}

void TestSecrets::environmentOverridesKeychain()
{
    QCOMPARE(secretEnvironmentName("hub-token.ci"), QStringLiteral("HUBHOOK_SECRET_HUB_TOKEN_CI"));
    KeychainSecretStore store(nullptr, QStringLiteral("hubhook-test"));
    QVERIFY(waitForSecret([&](SecretCallback cb) {
                store.write("both", "from-keychain", cb);
            }).ok());
    qputenv("HUBHOOK_SECRET_BOTH", "from-environment");
    ResolvedSecrets resolved;
    bool done = false;
    resolveSecrets(&store, { "both" }, [&](const ResolvedSecrets &r) {
        resolved = r;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    qunsetenv("HUBHOOK_SECRET_BOTH");
    QCOMPARE(resolved.values.value("both"), QStringLiteral("from-environment"));
    QVERIFY(resolved.errors.isEmpty());
    QCOMPARE(Redactor::instance().redact("x from-environment y"), QStringLiteral("x [redacted] y"));
    QVERIFY(waitForSecret([&](SecretCallback cb) { store.remove("both", cb); }).ok());
}

void TestSecrets::resolveReportsMissingSecrets()
{
    KeychainSecretStore store(nullptr, QStringLiteral("hubhook-test"));
    QVERIFY(waitForSecret([&](SecretCallback cb) {
                store.write("present", "present-value", cb);
            }).ok());
    ResolvedSecrets resolved;
    bool done = false;
    resolveSecrets(&store, { "present", "absent-one" }, [&](const ResolvedSecrets &r) {
        resolved = r;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QCOMPARE(resolved.values.value("present"), QStringLiteral("present-value"));
    QCOMPARE(resolved.errors.size(), 1);
    const QString e = resolved.errors.first();
    QVERIFY2(e.contains("\"absent-one\"") && e.contains("hubhook secret set absent-one")
                     && e.contains("HUBHOOK_SECRET_ABSENT_ONE"),
             qPrintable(e));
}

void TestSecrets::memoryStore()
{
    MemorySecretStore store;
    QVERIFY(waitForSecret([&](SecretCallback cb) { store.write("a", "1234", cb); }).ok());
    QCOMPARE(waitForSecret([&](SecretCallback cb) { store.read("a", cb); }).value,
             QStringLiteral("1234"));
    QVERIFY(waitForSecret([&](SecretCallback cb) { store.remove("a", cb); }).ok());
    QCOMPARE(waitForSecret([&](SecretCallback cb) { store.read("a", cb); }).error,
             SecretError::NotFound);
}

QTEST_GUILESS_MAIN(TestSecrets)
#include "tst_secrets.moc"
