#pragma once

#include "cli/Cli.h"

namespace hubhook {

// `hubhook deliveries list [--json]`, `hubhook deliveries retry ID|--all-failed`.
int deliveriesCommand(const CliOptions &options);
// `hubhook webhook test NAME`: one sample event to one target, and the outcome.
int webhookCommand(const CliOptions &options);

} // namespace hubhook
