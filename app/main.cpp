// Hubhook: one executable. The tray application by default; headless, one-shot and the
// `config` / `secret` / `deliveries` / `trigger` commands on request. All of them drive the
// same engine (app/).
#include "cli/Cli.h"
#include "cli/Console.h"
#include "demo/Demo.h"
#include "support/Memory.h"

#include <memory>
#include <QCoreApplication>

#ifdef HUBHOOK_WITH_UI
#include "ui/tray/TrayApp.h"
#include <QApplication>
#endif

namespace {

bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY")
            || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

// Starts the demo's simulator (a child process) and points the options at the demo's config and
// scratch state directory. Should the simulator end on its own, the application ends too.
bool startDemo(hubhook::Demo &demo, hubhook::CliOptions &options)
{
    QString error;
    if (!demo.start(&error)) {
        hubhook::printErr(QStringLiteral("hubhook: the demo cannot start: %1\n").arg(error));
        return false;
    }
    QObject::connect(&demo, &hubhook::Demo::simulatorStopped, &demo, [](const QString &why) {
        hubhook::printErr(QStringLiteral("hubhook: %1: the demo ends\n").arg(why));
        QCoreApplication::exit(hubhook::ExitFailure);
    });
    options.configPath = demo.configPath();
    options.stateDir = demo.stateDir();
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    hubhook::keepLargeBlocksApart();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    hubhook::CliOptions options = hubhook::parseCommandLine(arguments);

    QCoreApplication::setOrganizationName(QStringLiteral("hubhook"));
    QCoreApplication::setApplicationName(QStringLiteral("hubhook"));
    QCoreApplication::setApplicationVersion(QStringLiteral(HUBHOOK_VERSION));

    if (options.demo && hubhook::wantsTray(options) && !haveDisplay()) {
        hubhook::printErr(QStringLiteral("No display: running the demo headless.\n"));
        options.headless = true;
    }
#ifdef HUBHOOK_WITH_UI
    if (hubhook::wantsTray(options)) {
        QApplication app(argc, argv);
        // Only with --demo: it starts hubhook-simulator, and stops it when it goes.
        std::unique_ptr<hubhook::Demo> demo;
        if (options.demo) {
            demo = std::make_unique<hubhook::Demo>(options.demoSpeed);
            if (!startDemo(*demo, options))
                return hubhook::ExitFailure;
        }
        return hubhook::runTray(hubhook::TrayOptions { options.configPath, options.stateDir,
                                                       hubhook::logFilePath(options) });
    }
#else
    options.headless = options.headless || hubhook::wantsTray(options);
#endif
    QCoreApplication app(argc, argv);
    std::unique_ptr<hubhook::Demo> demo;
    if (options.demo) {
        demo = std::make_unique<hubhook::Demo>(options.demoSpeed);
        if (!startDemo(*demo, options))
            return hubhook::ExitFailure;
        QObject::connect(demo.get(), &hubhook::Demo::webhookReceived, demo.get(),
                         [](const QString &line) { hubhook::printOut(line + QLatin1Char('\n')); });
    }
    return hubhook::runCli(options);
}
