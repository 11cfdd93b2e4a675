#pragma once

#include "config/Config.h"
#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "ui/settings/SettingsDialog.h"
#include "ui/tray/Notifier.h"
#include "ui/tray/TrayIcon.h"
#include "ui/window/MainWindow.h"

#include <memory>
#include <QObject>
#include <QPointer>

namespace hubhook {

// Where the tray application reads and writes (main.cpp fills it from the command line).
struct TrayOptions
{
    QString configPath;
    QString stateDir;
    QString logFile; // empty: stderr only
};

// The desktop application: wires the engine to the tray icon, the window, desktop
// notifications and the settings dialog. The end-to-end test drives this same object.
class TrayApplication : public QObject
{
    Q_OBJECT
public:
    explicit TrayApplication(const TrayOptions &options);

    // Shows the tray icon at once; then (from the event loop) reads the state and the config,
    // connects the notifications, shows the window when needed and starts polling, and emits
    // started(). Nothing that grows with the number of repositories comes before the icon.
    void start();
    bool isStarted() const { return m_started; }
    void showWindow();
    void openSettings();
    void openFirstRun(); // the three questions of a first start without a config
    void muteRepository(const QString &repository);

    Engine &engine() { return m_engine; }
    TrayIcon &tray() { return m_tray; }
    MainWindow &window(); // created on first use
    Notifier &notifier() { return *m_notifier; } // after started()
    SettingsDialog *settings() const { return m_settings; }

Q_SIGNALS:
    void started();

private:
    void finishStart();
    void apply(const Config &config);
    void setNote(const QString &note);

    TrayOptions m_options;
    KeychainSecretStore m_secrets;
    Engine m_engine;
    TrayIcon m_tray;
    std::unique_ptr<MainWindow> m_window;
    QString m_note; // shown above the window's table
    std::unique_ptr<Notifier> m_notifier; // created after the icon: it talks to D-Bus
    bool m_trayAvailable = false;
    bool m_started = false;
    Config m_config;
    QPointer<SettingsDialog> m_settings;
};

// Runs the tray application until Quit (one instance per user and config). A QApplication
// must exist.
int runTray(const TrayOptions &options);

} // namespace hubhook
