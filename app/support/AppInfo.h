#pragma once

#include <QString>

namespace hubhook {

// The application id: the desktop entry's name, the keychain service, the notification's
// desktop-entry hint and the D-Bus name of the single-instance guard.
inline const QString kAppId = QStringLiteral("io.github.hubhook.Hubhook");
inline const QString kAppName = QStringLiteral("Hubhook");

} // namespace hubhook
