#include "secrets/Secrets.h"
#include "tests/support/SecretSpy.h"

#include <QTest>

using namespace hubhook;

// Runs under tests/with-session.sh locked: the secret service is up but its keyring is locked
// (the state of a desktop session whose keyring was not unlocked at login).
class TestSecretsLocked : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readAnswersNotFound();
    void writeFailsClearly();
    void resolveNamesTheWayOut();
};

void TestSecretsLocked::readAnswersNotFound()
{
    KeychainSecretStore store;
    const SecretResult r = waitForSecret([&](SecretCallback cb) { store.read("hub-token", cb); });
    QVERIFY(!r.ok());
    // QtKeychain 0.13 on libsecret cannot tell "locked" from "missing": say both.
    QVERIFY2(r.message.contains("locked"), qPrintable(r.message));
}

void TestSecretsLocked::writeFailsClearly()
{
    KeychainSecretStore store;
    const SecretResult r = waitForSecret(
            [&](SecretCallback cb) { store.write("hub-token", "dckr_pat_locked-canary", cb); });
    QVERIFY(!r.ok());
    QVERIFY(!r.message.isEmpty());
    QVERIFY(!r.message.contains("dckr_pat_locked-canary"));
}

void TestSecretsLocked::resolveNamesTheWayOut()
{
    KeychainSecretStore store;
    ResolvedSecrets resolved;
    bool done = false;
    resolveSecrets(&store, { "hub-token" }, [&](const ResolvedSecrets &r) {
        resolved = r;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QCOMPARE(resolved.errors.size(), 1);
    QVERIFY(resolved.errors.first().contains("HUBHOOK_SECRET_HUB_TOKEN"));

    qputenv("HUBHOOK_SECRET_HUB_TOKEN", "env-token-value");
    done = false;
    resolveSecrets(&store, { "hub-token" }, [&](const ResolvedSecrets &r) {
        resolved = r;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 15000);
    QCOMPARE(resolved.values.value("hub-token"), QStringLiteral("env-token-value"));
}

QTEST_GUILESS_MAIN(TestSecretsLocked)
#include "tst_secrets_locked.moc"
