#pragma once

#include <QString>
#include <QStringList>

namespace hubhook {

// Exit codes of every mode.
enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitConfigError = 2, ExitNothingFetched = 3 };

struct CliOptions
{
    QString configPath; // --config, default $XDG_CONFIG_HOME/hubhook/config.json
    QString stateDir; // --state-dir, default $XDG_STATE_HOME/hubhook
    bool headless = false;
    bool once = false;
    bool json = false;
    bool verbose = false;
    bool version = false;
    bool help = false;
    bool allFailed = false; // deliveries retry --all-failed
    bool demo = false; // --demo: against the simulated providers (hubhook-simulator)
    int demoSpeed = 1; // --demo-speed N: the demo's story N times faster (1-100)
    QStringList command; // positional words: "config check", "secret set NAME", ...
    QString error; // usage error, reported with exit code 2
};

CliOptions parseCommandLine(const QStringList &arguments);
QString helpText();

// True when the options ask for the tray application (no subcommand, not headless).
bool wantsTray(const CliOptions &options);

// Runs every non-tray mode. A QCoreApplication must exist; this runs its event loop as needed.
int runCli(const CliOptions &options);

// The log file of modes that run the engine: <state dir>/hubhook.log.
QString logFilePath(const CliOptions &options);

} // namespace hubhook
