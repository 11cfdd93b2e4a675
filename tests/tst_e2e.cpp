#include "models/BuildTableModel.h"
#include "simulator/SimulatedHub.h"
#include "tests/support/ToolCheck.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/tray/TrayApp.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace hubhook;

// The desktop application as a user has it, under tests/with-session.sh display: a real X
// server (Xvfb), a real tray host (trayer), a real notification daemon (dunst), a session bus
// and an unlocked gnome-keyring, and the simulated Docker Hub. Screenshots of the tray, the
// window and the settings dialog are saved under the build directory.
class TestEndToEnd : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void trayIconIsEmbedded();
    void failureBecomesADesktopNotification();
    void rebuildButtonFiresTheTrigger();
    void tokenGoesToTheKeychainNotTheFile();

private:
    bool iconInsideTrayer();
    int trayIconPixels(bool red);
    QString run(const QString &program, const QStringList &args);
    void screenshot(const QString &name, QWidget *widget = nullptr);
    QProcess m_trayer;
    QProcess m_dunst;
    std::unique_ptr<SimulatedHub> m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TrayApplication> m_app;
    QString m_configPath;
};

QString TestEndToEnd::run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    p.waitForFinished(15000);
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

bool TestEndToEnd::iconInsideTrayer()
{
    // `xwininfo -root -tree` lists trayer's panel as: 0x400003 "panel": ("panel" "trayer") ...
    static const QRegularExpression panel(
            QStringLiteral(R"((0x[0-9a-f]+) "panel": \("panel" "trayer"\))"));
    const auto m = panel.match(run("xwininfo", { "-root", "-tree" }));
    if (!m.hasMatch())
        return false;
    const QString inside = run("xwininfo", { "-tree", "-id", m.captured(1) });
    // The embedded icon window carries the application's name.
    return inside.contains(QStringLiteral("\"%1\"").arg(QCoreApplication::applicationName()));
}

// Pixels of the tray icon as painted on the X screen that are clearly red (failing icon) or
// clearly green (all good).
int TestEndToEnd::trayIconPixels(bool wantRed)
{
    const QRect r = m_app->tray().icon()->geometry();
    if (r.isEmpty())
        return 0;
    const QImage image = QGuiApplication::primaryScreen()
                                 ->grabWindow(0, r.x(), r.y(), r.width(), r.height())
                                 .toImage();
    int red = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            red += wantRed ? c.red() > 150 && c.green() < 90 && c.blue() < 90
                           : c.green() > 120 && c.red() < 90 && c.blue() < 110;
        }
    return red;
}

void TestEndToEnd::screenshot(const QString &name, QWidget *widget)
{
    const QString dir = qEnvironmentVariable("HUBHOOK_SCREENSHOT_DIR", QDir::tempPath());
    QDir().mkpath(dir);
    const QPixmap shot = widget ? widget->grab() : QGuiApplication::primaryScreen()->grabWindow(0);
    QVERIFY(shot.save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

void TestEndToEnd::initTestCase()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY")
        || QGuiApplication::platformName() != QLatin1String("xcb"))
        QFAIL("needs tests/with-session.sh display (Xvfb)");
    // dunstctl asks busctl (systemd) for the history: a minimal Debian has neither.
    const QString absent = toolcheck::missing({ { "trayer", "trayer" },
                                                { "dunst", "dunst" },
                                                { "dunstctl", "dunst" },
                                                { "busctl", "systemd" },
                                                { "xwininfo", "x11-utils" },
                                                { "secret-tool", "libsecret-tools" } });
    QVERIFY2(absent.isEmpty(), qPrintable(absent));
    m_trayer.start("trayer",
                   { "--edge", "top", "--align", "right", "--widthtype", "request", "--height",
                     "32", "--SetDockType", "true", "--transparent", "false" });
    QVERIFY2(m_trayer.waitForStarted(), "trayer is missing (apt-get install trayer)");
    QTRY_VERIFY_WITH_TIMEOUT(QSystemTrayIcon::isSystemTrayAvailable(), 15000);
    m_dunst.start("dunst", { "-config", "/dev/null" });
    QVERIFY2(m_dunst.waitForStarted(), "dunst is missing (apt-get install dunst)");
    QTRY_VERIFY_WITH_TIMEOUT(QDBusConnection::sessionBus().interface()->isServiceRegistered(
                                     "org.freedesktop.Notifications"),
                             15000);

    m_hub = std::make_unique<SimulatedHub>();
    QVERIFY(m_hub->listen(0));
    m_hub->addRepository("acme", "api");
    m_hub->addRepository("acme", "web");
    SimBuild ok;
    ok.status = 10;
    m_hub->addBuild("acme/api", ok);
    m_hub->addBuild("acme/web", ok);
    const QString token = m_hub->addTriggerToken("acme/api");
    m_dir = std::make_unique<QTemporaryDir>();
    m_configPath = m_dir->filePath("config.json");
    QFile f(m_configPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QStringLiteral(R"({"version": 1, "poll_interval": "10m",
        "accounts": {"hub": {"provider": "dockerhub", "base_url": "%1"}},
        "watch": [{"account": "hub", "namespace": "acme"}],
        "triggers": [{"name": "api-rebuild", "url": "%1/u/acme/api/trigger/%2/",
                      "body": {"docker_tag": "latest"},
                      "expect_build": {"repository": "acme/api", "tag": "latest", "within": "30m"}}]})")
                    .arg(m_hub->baseUrl().toString(), token)
                    .toUtf8());
    f.close();
    TrayOptions options;
    options.configPath = m_configPath;
    options.stateDir = m_dir->filePath("state");
    // A state from an earlier run: read only after the icon is shown.
    QVERIFY(QDir().mkpath(options.stateDir));
    QFile state(options.stateDir + "/state.json");
    QVERIFY(state.open(QIODevice::WriteOnly));
    state.write(R"({"version": 1, "repositories": [{"account": "hub", "repository": "acme/old",
        "watch": "acme/*", "builds": []}]})");
    state.close();
    m_app = std::make_unique<TrayApplication>(options);
    QSignalSpy swept(&m_app->engine(), &Engine::sweepFinished);
    QSignalSpy started(m_app.get(), &TrayApplication::started);
    m_app->start();
    // The icon first: shown (saying it is starting) before the state or the config is read.
    QVERIFY(m_app->tray().icon()->isVisible());
    QVERIFY2(m_app->tray().toolTip().contains("starting"), qPrintable(m_app->tray().toolTip()));
    QVERIFY(!m_app->isStarted());
    QCOMPARE(m_app->engine().state().size(), 0);
    QVERIFY(started.wait(10000));
    QVERIFY(m_app->engine().state().find("hub|acme/old") != nullptr);
    QVERIFY(swept.wait(15000));
}

void TestEndToEnd::cleanupTestCase()
{
    m_app.reset();
    m_hub.reset();
    for (QProcess *p : { &m_dunst, &m_trayer }) {
        if (p->state() != QProcess::NotRunning) {
            p->terminate();
            if (!p->waitForFinished(5000))
                p->kill();
            p->waitForFinished(5000);
        }
    }
}

void TestEndToEnd::trayIconIsEmbedded()
{
    QVERIFY(m_app->tray().icon()->isVisible());
    // trayer reparents the icon's XEmbed window into its panel: the X tree shows it there.
    QTRY_VERIFY_WITH_TIMEOUT(iconInsideTrayer(), 10000);
    QVERIFY(m_app->tray().toolTip().contains("all builds good"));
    QTRY_VERIFY_WITH_TIMEOUT(trayIconPixels(false) > 20, 10000); // the green "all good" icon
    screenshot("tray");
}

void TestEndToEnd::failureBecomesADesktopNotification()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_app->notifier().usesDBus(), 10000); // asked asynchronously
    SimBuild failed;
    failed.status = -1;
    failed.cause = "TRIGGERED_VIA_API";
    m_hub->addBuild("acme/web", failed);
    QSignalSpy swept(&m_app->engine(), &Engine::sweepFinished);
    m_app->engine().sweepNow();
    QVERIFY(swept.wait(15000));
    QTRY_VERIFY_WITH_TIMEOUT(run("dunstctl", { "count", "displayed" }).trimmed().toInt() >= 1,
                             10000);
    // The icon in the tray turned red (the failing icon), as painted on the X screen.
    QTRY_VERIFY_WITH_TIMEOUT(trayIconPixels(true) > 20, 10000);
    screenshot("notification");
    run("dunstctl", { "close-all" });
    QTRY_VERIFY_WITH_TIMEOUT(run("dunstctl", { "history" }).contains("Build failed: acme/web"),
                             10000);
    // Words, not codes: what failed, when, and why.
    const QString history = run("dunstctl", { "history" });
    QVERIFY2(history.contains("The build of acme/web:latest failed at"), qPrintable(history));
    QVERIFY(history.contains("Cause: a trigger URL or the API."));
    QVERIFY(!history.contains("status -1"));
    QVERIFY(m_app->tray().toolTip().contains("failing"));
}

void TestEndToEnd::rebuildButtonFiresTheTrigger()
{
    m_app->showWindow();
    MainWindow &w = m_app->window();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTableView *view = w.view();
    // Select acme/api's row, as a user clicks it.
    int row = -1;
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        if (view->model()->index(r, BuildTableModel::RepositoryColumn).data().toString()
            == "acme/api")
            row = r;
    }
    QVERIFY(row >= 0);
    const QRect cell
            = view->visualRect(view->model()->index(row, BuildTableModel::RepositoryColumn));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    QTRY_VERIFY(w.rebuildAction()->isEnabled());
    auto *bar = w.findChild<QToolBar *>("toolbar");
    QVERIFY(bar);
    QWidget *button = bar->widgetForAction(w.rebuildAction());
    QVERIFY(button);
    screenshot("window", &w);
    QTest::mouseClick(button, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->triggerCount("acme/api"), 1, 10000);
    // A repository without a trigger cannot be rebuilt.
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        if (view->model()->index(r, BuildTableModel::RepositoryColumn).data().toString()
            == "acme/web") {
            QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                              view->visualRect(view->model()->index(r, 0)).center());
        }
    }
    QTRY_VERIFY(!w.rebuildAction()->isEnabled());
    QVERIFY(w.rebuildAction()->toolTip().contains("No trigger"));
}

void TestEndToEnd::tokenGoesToTheKeychainNotTheFile()
{
    const QString token = "dckr_pat_e2e-canary-5a6b7c";
    m_app->openSettings();
    SettingsDialog *dialog = m_app->settings();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QLineEdit *tokenField = dialog->findChild<QLineEdit *>("tokenEdit");
    QLineEdit *userField = dialog->findChild<QLineEdit *>("usernameEdit");
    QVERIFY2(tokenField && userField, "the Accounts page has usernameEdit and tokenEdit");
    userField->setText("alice");
    tokenField->setText(token);
    screenshot("settings", dialog);
    QString error;
    QVERIFY2(dialog->save(&error), qPrintable(error));
    QFile f(m_configPath);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray config = f.readAll();
    QVERIFY(!config.contains(token.toUtf8()));
    QVERIFY(config.contains("secret:"));
    const QString stored
            = run("secret-tool", { "search", "--all", "server", "io.github.hubhook.Hubhook" });
    QVERIFY2(stored.contains(token), qPrintable(stored));
}

QTEST_MAIN(TestEndToEnd)
#include "tst_e2e.moc"
