#pragma once

#include "config/Config.h"

#include <QByteArray>
#include <QString>

namespace hubhook {

// The inverse of parseConfig(): readable, indented JSON with the keys in the documented order,
// values equal to their defaults left out, durations as "5m" and secrets only as "secret:NAME"
// references (a Config holds names of secrets, never their values).
// For every valid Config c, parseConfig(configToJson(c)).config equals c.
QByteArray configToJson(const Config &config);

// A duration as the config file writes it: "5m", "1h30m", "1s500ms" (exact, never rounded).
QString configDuration(qint64 ms);

// Writes `config` to `path` atomically (QSaveFile), creating the directory, with permissions
// 0600. On failure returns false, sets *error (if given) and leaves any existing file as it was.
bool saveConfigFile(const QString &path, const Config &config, QString *error);

} // namespace hubhook
