// Hubhook: one executable. The tray application by default; headless, one-shot and the
// `config` / `secret` commands on request. All of them drive the same engine (app/).
#include "Cli.h"

#include <QCoreApplication>

#ifdef HUBHOOK_WITH_UI
#include "TrayApp.h"
#include <QApplication>
#endif

int main(int argc, char *argv[])
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    const hubhook::CliOptions options = hubhook::parseCommandLine(arguments);

    QCoreApplication::setOrganizationName(QStringLiteral("hubhook"));
    QCoreApplication::setApplicationName(QStringLiteral("hubhook"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUBHOOK_VERSION));

    if (hubhook::wantsTray(options)) {
#ifdef HUBHOOK_WITH_UI
        QApplication app(argc, argv);
        return hubhook::runTray(options);
#else
        hubhook::CliOptions headless = options;
        headless.headless = true;
        QCoreApplication app(argc, argv);
        return hubhook::runCli(headless);
#endif
    }
    QCoreApplication app(argc, argv);
    return hubhook::runCli(options);
}
