#include "simulator/SimulatedHub.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
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
    QCOMPARE(QDir(dir.filePath("state/delivered")).entryList({ "*.json" }, QDir::Files).size(),
             kEvents);
}

QTEST_GUILESS_MAIN(TestDurability)
#include "tst_durability.moc"
