#pragma once

#include <QLoggingCategory>
#include <QString>

Q_DECLARE_LOGGING_CATEGORY(lcPoll)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcSecrets)
Q_DECLARE_LOGGING_CATEGORY(lcState)
Q_DECLARE_LOGGING_CATEGORY(lcDelivery)
Q_DECLARE_LOGGING_CATEGORY(lcNotify)
Q_DECLARE_LOGGING_CATEGORY(lcTrigger)
Q_DECLARE_LOGGING_CATEGORY(lcEvent)
Q_DECLARE_LOGGING_CATEGORY(lcTray)

namespace hubhook {

// Installs the message handler: every message goes through the Redactor, then to stderr and,
// when `logFile` is not empty, to that file (rotated to `.1` past 1 MiB).
void installLogHandler(const QString &logFile);

} // namespace hubhook
