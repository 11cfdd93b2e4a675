#pragma once

#include "config/Config.h"
#include "core/Build.h"

#include <optional>

namespace hubhook {

// The window's Rebuild (and the notification's) for a row that has no configured trigger but
// whose provider rebuilds through its API: GitHub Actions re-runs the failed jobs of a failed
// or cancelled run, or dispatches the row's workflow on its branch. Pure: the engine fires it.
struct RowRebuild
{
    TriggerConfig trigger; // named "Rebuild <row>", expecting a run of the row within 30 min
    qint64 rerunOf = 0; // the run to re-run; 0: dispatch
};
std::optional<RowRebuild> rowRebuild(const Config &config, const Build &row);

} // namespace hubhook
