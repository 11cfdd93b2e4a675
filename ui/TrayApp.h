#pragma once

#include "Cli.h"

namespace hubhook {

// Runs the tray application until Quit. A QApplication must exist.
int runTray(const CliOptions &options);

} // namespace hubhook
