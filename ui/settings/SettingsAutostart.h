#pragma once

#include <QString>

namespace hubhook {

// $XDG_CONFIG_HOME/autostart/<kAppId>.desktop: the XDG autostart entry that starts Hubhook at
// login.
QString autostartPath();
// The entry's text, as packaging's <kAppId>-autostart.desktop: Exec=hubhook, plus --config PATH
// when `configPath` is not the default.
QByteArray autostartEntry(const QString &configPath);
// Writes (enabled) or removes (disabled) the entry. False with *error set on failure.
bool applyAutostart(bool enabled, const QString &configPath, QString *error);

} // namespace hubhook
