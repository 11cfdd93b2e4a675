#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

// The processes whose parent is `parent` (Linux /proc).
QList<qint64> childrenOf(qint64 parent)
{
    QList<qint64> out;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        QFile stat(QStringLiteral("/proc/%1/stat").arg(entry));
        if (!numeric || !stat.open(QIODevice::ReadOnly))
            continue;
        // "pid (comm) state ppid ...": the command may hold spaces, so read after its ')'.
        const QByteArray text = stat.readAll();
        const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toLongLong() == parent)
            out.append(pid);
    }
    return out;
}

// Not ended (a process that ended but is not reaped yet is a zombie, 'Z').
bool isRunning(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    return text.mid(text.lastIndexOf(')') + 2, 1) != "Z";
}

QProcessEnvironment withoutSimulatorVariable()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("HUBHOOK_SIMULATOR_BINARY"));
    return environment;
}

} // namespace

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
    void theSimulatorIsAChildBesideTheAppThatEndsWithIt();
    void withoutTheSimulatorTheDemoSaysWhereItLooked();
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

// The demo's simulator is hubhook-simulator, found beside hubhook (no variable says where), a
// child process that goes when hubhook is killed: nothing is left listening.
void TestDemo::theSimulatorIsAChildBesideTheAppThatEndsWithIt()
{
#ifndef Q_OS_LINUX
    QSKIP("reads /proc");
#endif
    const QString binary = qEnvironmentVariable("HUBHOOK_BINARY");
    QVERIFY(QFile::exists(QFileInfo(binary).dir().filePath(QStringLiteral("hubhook-simulator"))));
    QProcess p;
    p.setProcessEnvironment(withoutSimulatorVariable());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary, { "--headless", "--demo" });
    QVERIFY(p.waitForStarted());
    QString out;
    QTRY_VERIFY_WITH_TIMEOUT(
            (out += QString::fromUtf8(p.readAll()), out.contains(QLatin1String("sweep done"))),
            20000);
    const auto children = childrenOf(p.processId());
    QCOMPARE(children.size(), 1);
    const qint64 simulator = children.first();
    QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(simulator));
    QVERIFY(cmdline.open(QIODevice::ReadOnly));
    QVERIFY2(cmdline.readAll().contains("hubhook-simulator"), qPrintable(out));
    QVERIFY(isRunning(simulator));

    ::kill(pid_t(p.processId()), SIGKILL); // no clean-up of its own
    QVERIFY(p.waitForFinished(10000));
    QTRY_VERIFY_WITH_TIMEOUT(!isRunning(simulator), 10000);
}

// A missing simulator: a clear message naming where it was looked for, and a failure.
void TestDemo::withoutTheSimulatorTheDemoSaysWhereItLooked()
{
    QProcess named;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("HUBHOOK_SIMULATOR_BINARY"),
                       QStringLiteral("/nonexistent/hubhook-simulator"));
    named.setProcessEnvironment(environment);
    named.start(qEnvironmentVariable("HUBHOOK_BINARY"), { "--headless", "--once", "--demo" });
    QVERIFY(named.waitForFinished(20000));
    QCOMPARE(named.exitCode(), 1);
    const QByteArray namedError = named.readAllStandardError();
    QVERIFY2(namedError.contains("HUBHOOK_SIMULATOR_BINARY names /nonexistent/hubhook-simulator, "
                                 "which is not an executable file"),
             namedError.constData());

    // A hubhook alone in a folder looks beside itself, then where an installation puts it.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString alone = dir.filePath(QStringLiteral("bin/hubhook"));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("bin"))));
    QVERIFY(QFile::copy(qEnvironmentVariable("HUBHOOK_BINARY"), alone));
    QProcess unnamed;
    unnamed.setProcessEnvironment(withoutSimulatorVariable());
    unnamed.start(alone, { "--headless", "--once", "--demo" });
    QVERIFY(unnamed.waitForFinished(20000));
    QCOMPARE(unnamed.exitCode(), 1);
    const QString error = QString::fromUtf8(unnamed.readAllStandardError());
    QVERIFY2(error.contains(QStringLiteral("hubhook-simulator is not installed: looked for %1, ")
                                    .arg(dir.filePath(QStringLiteral("bin/hubhook-simulator")))),
             qPrintable(error));
    QVERIFY2(error.contains(dir.filePath(QStringLiteral("libexec/hubhook/hubhook-simulator"))),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestDemo)
#include "tst_demo.moc"
