#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

// `hubhook --headless --demo`: within the first minute of the built-in scenario a build fails,
// one stays queued past the threshold, one recovers and a scheduled trigger fires; the
// webhooks reach the simulator's receiver and are printed.
class TestDemo : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headlessDemoShowsTheWholeStory();
};

void TestDemo::headlessDemoShowsTheWholeStory()
{
    const QString binary = qEnvironmentVariable("HUBHOOK_BINARY");
    QVERIFY(QFile::exists(binary));
    QProcess p;
    p.start(binary, { "--headless", "--demo" });
    QVERIFY(p.waitForStarted());
    QString out, err;
    auto seen = [&](const QString &text) {
        out += QString::fromUtf8(p.readAllStandardOutput());
        err += QString::fromUtf8(p.readAllStandardError());
        return out.contains(text) || err.contains(text);
    };
    QTRY_VERIFY_WITH_TIMEOUT(seen("webhook received by ops-receiver: demo/worker Failed"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(seen("webhook received by ops-receiver: demo/web Queued"), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(seen("webhook received by ops-receiver: demo/api Failed"), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(seen("webhook received by ops-receiver: demo/worker Recovered"),
                             60000);
    QTRY_VERIFY_WITH_TIMEOUT(seen("trigger \"base-image-refresh\" (schedule): HTTP 200"), 60000);
    QVERIFY(seen("webhook received by team-chat: build.failed"));
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
