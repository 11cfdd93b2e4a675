#include "ui/tray/TrayApp.h"

#include "config/Config.h"
#include "config/ConfigWriter.h"
#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "support/AppInfo.h"
#include "support/Logging.h"
#include "ui/settings/FirstRunDialog.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/tray/Notifier.h"
#include "ui/tray/SingleInstance.h"
#include "ui/tray/TrayIcon.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QDesktopServices>
#include <QFile>
#include <QPointer>
#include <QTimer>
#include <QUrl>

namespace hubhook {

TrayApplication::TrayApplication(const TrayOptions &options)
    : m_options(options), m_engine(&m_secrets), m_tray(&m_engine)
{
    connect(&m_tray, &TrayIcon::openWindowRequested, this, &TrayApplication::showWindow);
    connect(&m_tray, &TrayIcon::settingsRequested, this, &TrayApplication::openSettings);
    connect(&m_tray, &TrayIcon::muteRequested, this, [this](qint64 ms) {
        if (m_notifier)
            m_notifier->muteFor(ms);
    });
}

void TrayApplication::start()
{
    // The icon first: a tray app starts with the session, and the user should see it at once,
    // whatever it watches. The state (which grows with the repositories), the config, D-Bus
    // and the rest follow from the event loop.
    m_trayAvailable = QSystemTrayIcon::isSystemTrayAvailable();
    if (m_trayAvailable) {
        m_tray.setStarting(true);
        m_tray.show();
        qCInfo(lcTray) << "tray icon shown";
    }
    QTimer::singleShot(0, this, &TrayApplication::finishStart);
}

void TrayApplication::finishStart()
{
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hubhook.svg")));
    m_engine.setStateDir(m_options.stateDir);
    m_notifier = std::make_unique<Notifier>(&m_engine, m_tray.icon());
    connect(m_notifier.get(), &Notifier::openRequested, this,
            [](const QString &url) { QDesktopServices::openUrl(QUrl(url)); });
    connect(m_notifier.get(), &Notifier::rebuildRequested, &m_engine, &Engine::rebuild);
    connect(m_notifier.get(), &Notifier::muteRequested, this, &TrayApplication::muteRepository);
    m_tray.setStarting(false);

    const bool trayAvailable = m_trayAvailable;
    bool showWindowNow = !trayAvailable;
    bool firstRun = false;
    if (!QFile::exists(m_options.configPath)) {
        const QString why
                = QObject::tr("Not configured: there is no config at %1. Open Settings to add an "
                              "account and what to watch.")
                          .arg(m_options.configPath);
        m_tray.setProblem(
                QObject::tr("not configured (no config at %1)").arg(m_options.configPath));
        setNote(why);
        // Three questions instead of an empty window; cancelling them shows the window.
        firstRun = true;
    } else {
        const ConfigResult cfg = loadConfigFile(m_options.configPath);
        if (cfg.ok()) {
            apply(cfg.config);
            showWindowNow |= !cfg.config.general.startHidden && !trayAvailable;
        } else {
            for (const QString &e : cfg.errors)
                qCWarning(lcConfig).noquote() << e;
            m_tray.setProblem(QObject::tr("config error: %1").arg(cfg.errors.first()));
            setNote(QObject::tr(
                            "The config has errors; nothing is watched until they are fixed:\n%1")
                            .arg(cfg.errors.join(QLatin1Char('\n'))));
            showWindowNow = true;
        }
    }
    if (!trayAvailable) {
        // Without a tray the user would see nothing: the window is the app, and closing it quits.
        qCWarning(lcTray) << "no system tray found; showing the window instead";
        setNote(QObject::tr(
                "No system tray was found (on GNOME, install the AppIndicator "
                "extension), so Hubhook runs in this window. Closing it quits Hubhook."));
        QApplication::setQuitOnLastWindowClosed(true);
    }
    if (firstRun)
        openFirstRun();
    else if (showWindowNow)
        showWindow();
    m_started = true;
    Q_EMIT started();
}

void TrayApplication::apply(const Config &config)
{
    m_config = config;
    m_notifier->setConfig(config.notifications);
    m_tray.setProblem({});
    setNote({});
    m_engine.applyConfig(config);
    m_engine.startPolling();
}

MainWindow &TrayApplication::window()
{
    // Built on first use: most of the day Hubhook is an icon, and a window it never shows
    // should cost neither start-up time nor memory.
    if (!m_window) {
        m_window = std::make_unique<MainWindow>(&m_engine);
        m_window->setNote(m_note);
        connect(m_window.get(), &MainWindow::settingsRequested, this,
                &TrayApplication::openSettings);
        connect(m_window.get(), &MainWindow::muteRequested, this, &TrayApplication::muteRepository);
    }
    return *m_window;
}

void TrayApplication::setNote(const QString &note)
{
    m_note = note;
    if (m_window)
        m_window->setNote(note);
}

void TrayApplication::showWindow()
{
    MainWindow &w = window();
    w.show();
    w.raise();
    w.activateWindow();
}

void TrayApplication::openFirstRun()
{
    auto *dialog = new FirstRunDialog(m_options.configPath, &m_secrets, m_window.get());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FirstRunDialog::configSaved, this, [this](const Config &c) {
        qCInfo(lcConfig).noquote() << "first run: config written to" << m_options.configPath;
        apply(c);
        // Without a tray the window is the app: shown before the dialog closes, or closing the
        // last window would quit.
        if (!QSystemTrayIcon::isSystemTrayAvailable())
            showWindow();
    });
    connect(dialog, &FirstRunDialog::fullSettingsRequested, this, &TrayApplication::openSettings);
    connect(dialog, &QDialog::rejected, this, [this] {
        if (!QFile::exists(m_options.configPath))
            showWindow(); // says "Not configured" and offers Settings
    });
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

void TrayApplication::openSettings()
{
    if (m_settings) {
        m_settings->raise();
        m_settings->activateWindow();
        return;
    }
    m_settings = new SettingsDialog(m_config, m_options.configPath, &m_secrets, m_window.get());
    m_settings->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_settings, &SettingsDialog::configSaved, this, [this](const Config &c) { apply(c); });
    m_settings->show();
}

void TrayApplication::muteRepository(const QString &repository)
{
    if (repository.isEmpty() || m_config.notifications.mutedRepositories.contains(repository))
        return;
    Config c = m_config;
    c.notifications.mutedRepositories.append(repository);
    QString error;
    if (QFile::exists(m_options.configPath) && !saveConfigFile(m_options.configPath, c, &error)) {
        qCWarning(lcConfig).noquote() << error;
        return;
    }
    m_config = c;
    if (m_notifier)
        m_notifier->setConfig(c.notifications);
}

int runTray(const TrayOptions &options)
{
    QApplication::setQuitOnLastWindowClosed(false);
    QApplication::setDesktopFileName(kAppId);
    installLogHandler(options.logFile);
    SingleInstance instance(options.configPath);
    if (!instance.claim()) {
        qCInfo(lcTray) << "Hubhook is already running; asked it to show its window";
        return 0;
    }
    TrayApplication app(options);
    QObject::connect(&instance, &SingleInstance::activated, &app, &TrayApplication::showWindow);
    app.start();
    return QApplication::exec();
}

} // namespace hubhook
