#pragma once

#include "cli/Cli.h"

namespace hubhook {

// `hubhook triggers list`, `hubhook triggers history [NAME] [--json]`.
int triggersCommand(const CliOptions &options);
// `hubhook trigger fire NAME`: fires one trigger now and prints the outcome.
int triggerCommand(const CliOptions &options);

} // namespace hubhook
