#include "cli/CctrayCommand.h"

#include "cli/Console.h"
#include "core/CctrayFeed.h"
#include "state/WatchState.h"

namespace hubhook {

int cctrayCommand(const CliOptions &o)
{
    if (o.command.size() != 1) {
        printErr(QStringLiteral("usage: hubhook cctray [--state-dir DIR]\n"));
        return ExitConfigError;
    }
    WatchState state;
    QString warning;
    if (!state.load(o.stateDir + QStringLiteral("/state.json"), &warning))
        printErr(warning + QLatin1Char('\n'));
    printOut(QString::fromUtf8(cctrayXml(state.rows())));
    return ExitOk;
}

} // namespace hubhook
