#pragma once

#include "cli/Cli.h"
#include "config/Config.h"

#include <QHash>

namespace hubhook {

// For the commands: loads --config (printing its errors) and resolves the secrets it refers
// to from the environment and the keychain (`secretErrors`: why one is missing, by name).
// False on a config error.
bool loadConfigWithSecrets(const CliOptions &options, Config *config,
                           QHash<QString, QString> *secrets,
                           QHash<QString, QString> *secretErrors = nullptr);

} // namespace hubhook
