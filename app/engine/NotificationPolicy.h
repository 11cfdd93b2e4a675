#pragma once

#include "config/Config.h"
#include "core/Event.h"
#include "core/NotificationText.h"
#include "core/SweepReport.h"

#include <optional>
#include <QDateTime>
#include <QString>

namespace hubhook {

enum class OverallStatus; // engine/Engine.h

// One notification to show, in words (core/NotificationText): what a front end puts on the
// desktop (ui/tray/Notifier) or in the log (--headless).
struct Notification
{
    QString title;
    QString body;
    std::optional<Event> event; // the event it tells of, for its actions (Open, Rebuild, Mute)
    bool sound = false; // ask for the server's warning sound (a failure, with notifications.sound)
};

// Which events and status changes deserve a notification, and what it says; the front ends only
// show the answer. Decides by the config's `notifications` (enabled, `events`,
// `muted_repositories` globs) and a do-not-disturb time; says losing the network once and its
// return once; lets a trigger that keeps misfiring notify once an hour (RepeatFilter), counting
// the repeats held back in the next one.
//
// Pure: no signals, no engine, and "now" is passed in. It lives in engine/, not core/, because it
// decides by config/'s NotificationConfig and the engine's OverallStatus.
//
// Muting is about the desktop only: a muted repository's events still reach the webhooks. That
// is not this class's concern (the engine's Deliverer queues every event before any front end
// hears of it).
class NotificationPolicy
{
public:
    explicit NotificationPolicy(const NotificationConfig &config = NotificationConfig())
        : m_config(config)
    {
    }

    void setConfig(const NotificationConfig &config) { m_config = config; }
    const NotificationConfig &config() const { return m_config; }

    // Do not disturb until `until` (an invalid time: not at all).
    void setMutedUntil(const QDateTime &until) { m_mutedUntil = until; }
    QDateTime mutedUntil() const { return m_mutedUntil; }

    // True when nothing about `repository` may show at `now`: notifications off, do not disturb,
    // or a `muted_repositories` glob matches it (an image "docker.io/acme/base" also
    // as "acme/base"). An empty repository (the network's loss) is muted only by the first two.
    bool isMuted(const QString &repository, const QDateTime &now) const;

    // The notification of an event, if any: it must be one of `events`, not muted, and not a
    // trigger's repeat within the hour.
    std::optional<Notification> onEvent(const Event &event, const QDateTime &now);

    // The notification of a build that started building (`on_start`), if any: one per build,
    // not for a repository seen for the first time, an image, or a muted repository.
    std::optional<Notification> onBuildChange(const BuildChange &change, const QDateTime &now);

    // The notification of a change of the engine's status, if any: going offline, once, and
    // coming back, once (`summary` is then the body: the engine's one-line summary).
    std::optional<Notification> onStatus(OverallStatus status, const QString &summary,
                                         const QDateTime &now);

private:
    NotificationConfig m_config;
    QDateTime m_mutedUntil;
    bool m_offline = false;
    RepeatFilter m_repeats;
};

} // namespace hubhook
