#pragma once

#include "cli/Cli.h"

namespace hubhook {

// `hubhook cctray`: the rows of the last sweep (state.json) as a cctray feed on standard output.
int cctrayCommand(const CliOptions &options);

} // namespace hubhook
