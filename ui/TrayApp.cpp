#include "TrayApp.h"

#include "Config.h"
#include "Engine.h"
#include "Logging.h"
#include "Secrets.h"
#include "TrayIcon.h"

#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QVBoxLayout>

namespace hubhook {

int runTray(const CliOptions &options)
{
    QApplication::setQuitOnLastWindowClosed(false);
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/hubhook.svg")));
    installLogHandler(logFilePath(options));

    KeychainSecretStore secrets;
    Engine engine(&secrets);
    engine.setStateDir(options.stateDir);
    TrayIcon tray(&engine);

    if (!QFile::exists(options.configPath)) {
        tray.setProblem(QObject::tr("not configured: no config at %1 (see the README)")
                                .arg(options.configPath));
    } else {
        const ConfigResult cfg = loadConfigFile(options.configPath);
        if (cfg.ok()) {
            engine.applyConfig(cfg.config);
            engine.startPolling();
        } else {
            for (const QString &e : cfg.errors)
                qCWarning(lcConfig).noquote() << e;
            tray.setProblem(QObject::tr("config error: %1").arg(cfg.errors.first()));
        }
    }

    // Without a system tray the user would see nothing at all: show a small window instead.
    QWidget fallback;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray.show();
    } else {
        qCWarning(lcPoll) << "no system tray found; showing a window instead";
        fallback.setWindowTitle(QStringLiteral("Hubhook"));
        auto *layout = new QVBoxLayout(&fallback);
        auto *note
                = new QLabel(QObject::tr("No system tray was found, so Hubhook shows this window. "
                                         "Closing it quits Hubhook."));
        note->setWordWrap(true);
        auto *status = new QLabel(tray.toolTip());
        layout->addWidget(note);
        layout->addWidget(status);
        QObject::connect(&engine, &Engine::sweepFinished, status,
                         [status, &tray] { status->setText(tray.toolTip()); });
        QApplication::setQuitOnLastWindowClosed(true);
        fallback.show();
    }
    return QApplication::exec();
}

} // namespace hubhook
