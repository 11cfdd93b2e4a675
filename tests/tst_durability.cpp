#include "simulator/SimulatedHub.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// No event is lost: 200 failures detected, a receiver that answers 503 to half the attempts and
// hangs on some, and the hubhook process killed with SIGKILL several times while it delivers.
// After the last restart every event id has been received at least once and the outbox is
// empty. Prints received / duplicated / lost.
class TestDurability : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedWhileDeliveringLosesNothing();
    void damagedRecordIsListed();
    void configCheckWarnsAboutCleartext();
};

void TestDurability::killedWhileDeliveringLosesNothing()
{
    const QString binary = qEnvironmentVariable("HUBHOOK_BINARY");
    QVERIFY2(QFile::exists(binary), "HUBHOOK_BINARY must point to the hubhook executable");
    constexpr int kEvents = 200;

    SimulatedHub hub;
    QVERIFY(hub.listen(0));
    hub.addNamespace("acme");
    for (int i = 0; i < kEvents; ++i) {
        const QString name = QStringLiteral("img-%1").arg(i, 3, 10, QLatin1Char('0'));
        hub.addRepository("acme", name);
        SimBuild failed;
        failed.status = -1;
        hub.addBuild("acme/" + name, failed);
    }
    SimFault unavailable;
    unavailable.pathContains = "/hooks/durable";
    unavailable.kind = SimFaultKind::ServerError;
    unavailable.status = 503;
    unavailable.everyNth = 2; // half the attempts
    SimFault hang;
    hang.pathContains = "/hooks/durable";
    hang.kind = SimFaultKind::Hang;
    hang.everyNth = 15; // and some never answer
    hub.addFault(hang);
    hub.addFault(unavailable);

    QTemporaryDir dir;
    const QString config = dir.filePath("config.json");
    QFile f(config);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral(R"({"version": 1, "poll_interval": "1h",
        "accounts": {"hub": {"provider": "dockerhub", "base_url": "%1"}},
        "watch": [{"account": "hub", "namespace": "acme"}],
        "delivery_schedule": ["0s", "100ms", "200ms", "200ms", "200ms", "200ms", "200ms", "200ms",
                              "200ms", "200ms", "200ms", "200ms", "200ms", "200ms", "200ms", "200ms"],
        "webhooks": [{"name": "durable", "url": "%2", "format": "json", "timeout": "500ms"}]})")
                    .arg(hub.baseUrl().toString(), hub.hookUrl("durable").toString())
                    .toUtf8());
    f.close();

    QHash<QString, int> received; // webhook-id -> deliveries that got a 2xx
    connect(&hub, &SimulatedHub::webhookReceived, this, [&](const SimWebhook &h) {
        if (h.status >= 200 && h.status < 300)
            ++received[h.headers.value("webhook-id")];
    });

    const QStringList args { "--headless", "--config", config, "--state-dir",
                             dir.filePath("state") };
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    int kills = 0;
    for (const int killAt : { 20, 70, 120, 170 }) {
        p.start(binary, args);
        QVERIFY(p.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(received.size() >= killAt, 60000);
        p.kill(); // SIGKILL: no chance to flush anything
        QVERIFY(p.waitForFinished(10000));
        ++kills;
    }
    p.start(binary, args);
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == kEvents, 120000);
    // Delivered records leave the outbox: it empties once the last answer is recorded.
    const QDir outbox(dir.filePath("state/outbox"));
    QTRY_VERIFY_WITH_TIMEOUT(outbox.entryList({ "*.json" }, QDir::Files).isEmpty(), 30000);
    p.terminate();
    QVERIFY(p.waitForFinished(10000));

    int duplicates = 0;
    for (int n : std::as_const(received))
        duplicates += n - 1;
    const int lost = kEvents - int(received.size());
    qInfo("durability: %d events, %d kills, %d received, %d duplicated, %d lost, %d hook requests "
          "in all",
          kEvents, kills, int(received.size()), duplicates, lost, hub.webhookCount("durable"));
    QCOMPARE(lost, 0);
    // No lock file outlives its process: stale ones are removed when the outbox opens.
    QCOMPARE(outbox.entryList({ "*.lock" }, QDir::Files), QStringList());
    QCOMPARE(QDir(dir.filePath("state/delivered")).entryList({ "*.json" }, QDir::Files).size(),
             kEvents);
}

static QString binary() { return qEnvironmentVariable("HUBHOOK_BINARY"); }

// A truncated pending record is moved aside, and `deliveries list` still shows its delivery, as
// damaged, with a warning naming the file: never silently dropped.
void TestDurability::damagedRecordIsListed()
{
    QVERIFY2(QFile::exists(binary()), "HUBHOOK_BINARY must point to the hubhook executable");
    QTemporaryDir dir;
    const QString state = dir.filePath("state");
    QDir().mkpath(state + "/outbox");
    const QString record = state + "/outbox/msg_cut_0001--ops-0badc0de.json";
    QFile f(record);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"attempts":1,"body":"{\"x\": 1}","created":"2026-01-01T00:00:00.000Z","event":"build.failed","id":"msg_cut_0001","last_)");
    f.close();
    QProcess p;
    p.start(binary(),
            { "deliveries", "list", "--state-dir", state, "--config", dir.filePath("none.json") });
    QVERIFY(p.waitForFinished(30000));
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(err.contains(record), qPrintable(err));
    QVERIFY2(out.contains("msg_cut_0001") && out.contains("damaged"), qPrintable(out));
    QVERIFY(QFile::exists(state + "/outbox/corrupt/msg_cut_0001--ops-0badc0de.json"));
    // And again on the next look: it stays listed.
    p.start(binary(),
            { "deliveries", "list", "--json", "--state-dir", state, "--config",
              dir.filePath("none.json") });
    QVERIFY(p.waitForFinished(30000));
    const QJsonArray all = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.first().toObject().value("state").toString(), QStringLiteral("damaged"));
    QCOMPARE(all.first().toObject().value("id").toString(), QStringLiteral("msg_cut_0001"));
}

// Plain http:// to another host is a warning of `config check` (not an error); loopback is fine.
void TestDurability::configCheckWarnsAboutCleartext()
{
    QVERIFY2(QFile::exists(binary()), "HUBHOOK_BINARY must point to the hubhook executable");
    QTemporaryDir dir;
    const QString config = dir.filePath("config.json");
    QFile f(config);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"version": 1,
        "accounts": {"hub": {"provider": "dockerhub"}},
        "watch": [{"account": "hub", "namespace": "acme"}],
        "webhooks": [{"name": "local", "url": "http://127.0.0.1:9/hook"},
                     {"name": "remote", "url": "http://hooks.example.com/hook"},
                     {"name": "tls", "url": "https://hooks.example.com/hook"}]})");
    f.close();
    QProcess p;
    p.start(binary(), { "config", "check", "--config", config });
    QVERIFY(p.waitForFinished(30000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(err.contains("warning: webhooks[1].url: plain http://"), qPrintable(err));
    QVERIFY2(!err.contains("webhooks[0]") && !err.contains("webhooks[2]"), qPrintable(err));
    QVERIFY(!err.contains("hooks.example.com")); // never the URL: it may carry a token
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
