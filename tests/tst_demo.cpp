#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

// `hubhook --headless --demo`: the built-in scenario tells its story (a build fails, one stays
// queued past the threshold, one recovers, a scheduled trigger rebuilds the base image; the
// webhooks reach the simulator's receiver and are printed) and then stays true however long it
// runs: it never raises an alarm about its own scheduled trigger. --demo-speed 10 plays ten
// minutes of the demo in one.
class TestDemo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tenMinutesOfDemoTellTheStoryAndNoFalseAlarm();
};

void TestDemo::tenMinutesOfDemoTellTheStoryAndNoFalseAlarm()
{
    const QString binary = qEnvironmentVariable("HUBHOOK_BINARY");
    QVERIFY(QFile::exists(binary));
    QProcess p;
    p.start(binary, { "--headless", "--demo-speed", "10" });
    QVERIFY(p.waitForStarted());
    QElapsedTimer clock;
    clock.start();
    QString out, err;
    auto seen = [&](const QString &text) {
        out += QString::fromUtf8(p.readAllStandardOutput());
        err += QString::fromUtf8(p.readAllStandardError());
        return out.contains(text) || err.contains(text);
    };
    // The story: the demo's first minute, in six seconds (plus start-up and delivery).
    QTRY_VERIFY_WITH_TIMEOUT(seen("webhook received by ops-receiver: demo/worker Failed"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(seen("webhook received by ops-receiver: demo/web Queued"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(seen("webhook received by ops-receiver: demo/api Failed"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(seen("webhook received by ops-receiver: demo/worker Recovered"),
                             20000);
    QTRY_VERIFY_WITH_TIMEOUT(seen("trigger \"base-image-refresh\" (schedule): HTTP 200"), 20000);
    QVERIFY(seen("webhook received by team-chat: build.failed"));

    // Then the rest of ten demo minutes: the trigger keeps firing every 45 (demo) seconds and
    // each rebuild is seen to start; nothing alarming about the demo itself.
    QTRY_VERIFY_WITH_TIMEOUT((seen({}), clock.elapsed() > 61000), 70000);
    const QString all = out + err;
    for (const char *alarm : { "trigger.no_build", "trigger.failed", "no build of" })
        QVERIFY2(!all.contains(QLatin1String(alarm)), alarm);
    const int fires = int(all.count(QRegularExpression(
            QStringLiteral(R"(trigger "base-image-refresh" \(schedule\): HTTP 200)"))));
    QVERIFY2(fires >= 10, qPrintable(QString::number(fires)));
    QVERIFY(all.contains(
            QStringLiteral("trigger \"base-image-refresh\": a build of demo/base-image")));
    // Each failure, stuck build and recovery of the story was reported once, not again.
    QCOMPARE(int(out.count(QStringLiteral("webhook received by ops-receiver: demo/api Failed"))),
             1);
    QCOMPARE(int(out.count(QStringLiteral("webhook received by ops-receiver: demo/web Queued"))),
             1);

    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
