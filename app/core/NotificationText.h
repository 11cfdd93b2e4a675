#pragma once

#include "core/Event.h"

#include <QDateTime>
#include <QHash>
#include <QString>

namespace hubhook {

// What a desktop notification says about an event: sentences a person reads at a glance (what,
// which image and tag, since when, the cause, a link). Codes (status numbers, event type
// names) stay in webhook payloads. Pure, so that tests read the exact words.
struct NotificationText
{
    QString title;
    QString body;
};

// `now` dates the "5 minutes ago"; times are shown in the local time zone.
NotificationText notificationText(const Event &event, const QDateTime &now);

// A watched build started building (notifications.on_start): "Build started: X".
NotificationText startedText(const Build &build, const QDateTime &now);

// "a trigger URL or the API" for TRIGGERED_VIA_API, and other providers' causes in words.
QString describeCause(const QString &cause);

// Which events deserve a notification now. A trigger that keeps misfiring (the same
// trigger.failed or trigger.no_build again and again) notifies once per `quietMs`; the repeats
// are counted and mentioned in the next notification. Build events are each news: one per build.
class RepeatFilter
{
public:
    explicit RepeatFilter(qint64 quietMs = 60 * 60 * 1000) : m_quietMs(quietMs) { }

    // True when the event should be shown; *repeats is how many were held back since the last
    // one shown for the same trigger.
    bool admit(const Event &event, const QDateTime &now, int *repeats);

private:
    struct Seen
    {
        QDateTime shownAt;
        int heldBack = 0;
    };
    qint64 m_quietMs;
    QHash<QString, Seen> m_seen;
};

} // namespace hubhook
