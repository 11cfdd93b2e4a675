#include "simulator/SimulatedHub.h"
#include "tests/support/ToolCheck.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The first start of the real `hubhook` executable without a config, as a new user has it:
// under tests/with-session.sh display (Xvfb, a session bus, an unlocked gnome-keyring) with a
// tray host (trayer). The three-question dialog appears, is answered with the keyboard
// (xdotool, through the X server), the config is written without the token, the token goes to
// the keychain, and the app starts polling the (simulated) Docker Hub.
class TestFirstRun : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void withoutTrayTheWindowFollowsTheDialog(); // before the tray host starts
    void firstStartAsksThenWatches();

private:
    QString run(const QString &program, const QStringList &args);
    void xdotool(const QStringList &args);
    QProcess m_trayer;
    QProcess m_app;
    std::unique_ptr<SimulatedHub> m_hub;
};

static const char kToken[] = "dckr_pat_first-run-canary-7c1d";

QString TestFirstRun::run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(15000);
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

void TestFirstRun::xdotool(const QStringList &args)
{
    QProcess p;
    p.start("xdotool", args);
    QVERIFY(p.waitForFinished(15000));
    QVERIFY2(p.exitCode() == 0, qPrintable(QString::fromUtf8(p.readAllStandardError())));
}

void TestFirstRun::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DISPLAY"), "needs tests/with-session.sh display");
    const QString absent = toolcheck::missing({ { "trayer", "trayer" },
                                                { "xdotool", "xdotool" },
                                                { "secret-tool", "libsecret-tools" } });
    QVERIFY2(absent.isEmpty(), qPrintable(absent));
    m_hub = std::make_unique<SimulatedHub>();
    QVERIFY(m_hub->listen(0));
    m_hub->addUser("alice", "not-used", { kToken }, { "acme" });
    m_hub->generateRepositories("acme", 3);
}

void TestFirstRun::cleanupTestCase()
{
    for (QProcess *p : { &m_app, &m_trayer }) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(10000))
                p->kill();
            p->waitForFinished(5000);
        }
    }
    m_hub.reset();
}

// Without a tray the window is the app: answering the questions must leave it open (closing the
// dialog, the last window, used to quit Hubhook).
void TestFirstRun::withoutTrayTheWindowFollowsTheDialog()
{
    QTemporaryDir dir;
    const QString configPath = dir.filePath("config.json");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HUBHOOK_DOCKERHUB_URL", m_hub->baseUrl().toString());
    QProcess app;
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedChannels);
    app.start(qEnvironmentVariable("HUBHOOK_BINARY"),
              { "--config", configPath, "--state-dir", dir.filePath("state") });
    QVERIFY(app.waitForStarted());
    QString window;
    QTRY_VERIFY_WITH_TIMEOUT(
            !(window
              = run("xdotool", { "search", "--onlyvisible", "--name", "^Welcome to Hubhook$" })
                        .trimmed())
                     .isEmpty(),
            20000);
    window = window.section('\n', 0, 0);
    const QList<QStringList> steps { { "key", "Tab", "Tab" },
                                     { "type", "--delay", "15", "acme" },
                                     { "key", "Return" } };
    for (const QStringList &step : steps) {
        QTRY_VERIFY_WITH_TIMEOUT(run("xdotool", { "windowfocus", "--sync", window }).isEmpty()
                                         && run("xdotool", { "getwindowfocus" }).trimmed()
                                                 == window,
                                 10000);
        xdotool(step);
    }
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(configPath), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!run("xdotool", { "search", "--onlyvisible", "--name", "^Hubhook$" })
                                      .trimmed()
                                      .isEmpty(),
                             20000);
    QVERIFY(!app.waitForFinished(1000)); // still running
    QCOMPARE(app.state(), QProcess::Running);
    app.terminate();
    if (!app.waitForFinished(10000))
        app.kill();
    app.waitForFinished(5000);
}

void TestFirstRun::firstStartAsksThenWatches()
{
    // A tray host from here on (the test before ran without one).
    m_trayer.start("trayer",
                   { "--edge", "top", "--align", "right", "--widthtype", "request", "--height",
                     "32", "--SetDockType", "true" });
    QVERIFY(m_trayer.waitForStarted());
    // The tray selection owner exists once trayer's panel window is mapped.
    QTRY_VERIFY_WITH_TIMEOUT(run("xwininfo", { "-root", "-tree" }).contains("\"trayer\""), 15000);
    const QString configPath
            = QDir(qEnvironmentVariable("XDG_CONFIG_HOME")).filePath("hubhook/config.json");
    QVERIFY(!QFile::exists(configPath));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HUBHOOK_DOCKERHUB_URL", m_hub->baseUrl().toString());
    m_app.setProcessEnvironment(env);
    m_app.setProcessChannelMode(QProcess::ForwardedChannels);
    m_app.start(qEnvironmentVariable("HUBHOOK_BINARY"), {});
    QVERIFY(m_app.waitForStarted());

    // The dialog, not the main window, is what a first start shows.
    QString window;
    QTRY_VERIFY_WITH_TIMEOUT(
            !(window
              = run("xdotool", { "search", "--onlyvisible", "--name", "^Welcome to Hubhook$" })
                        .trimmed())
                     .isEmpty(),
            20000);
    QVERIFY(run("xdotool", { "search", "--onlyvisible", "--name", "^Hubhook$" })
                    .trimmed()
                    .isEmpty());
    window = window.section('\n', 0, 0);
    // The tray icon is embedded first: the embedding must not move the focus mid-typing.
    const auto iconInsideTrayer = [&] {
        static const QRegularExpression panel(R"((0x[0-9a-f]+) "panel": \("panel" "trayer"\))");
        const auto m = panel.match(run("xwininfo", { "-root", "-tree" }));
        return m.hasMatch()
                && run("xwininfo", { "-tree", "-id", m.captured(1) }).contains("\"hubhook\"");
    };
    QTRY_VERIFY_WITH_TIMEOUT(iconInsideTrayer(), 20000);
    // Keys go to the focused window: make sure it is the dialog before each step.
    const auto focused = [&] {
        if (run("xdotool", { "getwindowfocus" }).trimmed() != window)
            run("xdotool", { "windowfocus", "--sync", window });
        return run("xdotool", { "getwindowfocus" }).trimmed() == window;
    };
    // Docker Hub user, Tab, access token, Tab, what to watch, Enter.
    const QList<QStringList> steps { { "type", "--delay", "15", "alice" }, { "key", "Tab" },
                                     { "type", "--delay", "15", kToken },  { "key", "Tab" },
                                     { "type", "--delay", "15", "acme" },  { "key", "Return" } };
    for (const QStringList &step : steps) {
        QTRY_VERIFY_WITH_TIMEOUT(focused(), 10000);
        xdotool(step);
    }

    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(configPath), 20000);
    QFile file(configPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray config = file.readAll();
    QVERIFY2(config.contains("\"username\": \"alice\""), config.constData());
    QVERIFY(config.contains("\"namespace\": \"acme\""));
    QVERIFY(config.contains("\"token\": \"secret:hub-token\""));
    QVERIFY(!config.contains(kToken));
    const QString stored
            = run("secret-tool", { "search", "--all", "server", "io.github.hubhook.Hubhook" });
    QVERIFY2(stored.contains(kToken), "the token is not in the keychain");

    // And it watches: logged in with the token, then read the namespace and its histories.
    QTRY_VERIFY_WITH_TIMEOUT(m_hub->requestCount("/v2/auth/token") >= 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(m_hub->requestCount("/buildhistory") >= 3, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(
            QFile::exists(
                    QDir(qEnvironmentVariable("XDG_STATE_HOME")).filePath("hubhook/state.json")),
            20000);
    QVERIFY(run("xdotool", { "search", "--onlyvisible", "--name", "^Welcome to Hubhook$" })
                    .trimmed()
                    .isEmpty());
}

QTEST_GUILESS_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
