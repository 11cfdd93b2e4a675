#pragma once

#include "core/Build.h"
#include "core/Event.h"

#include <QDateTime>
#include <QHash>
#include <QList>

namespace hubhook {

struct DetectorSettings
{
    qint64 queuedAlertAfterMs = 60 * 60 * 1000; // `queued_alert_after`
    qint64 ignoreOlderThanMs = 24 * 60 * 60 * 1000; // `ignore_older_than`
};

// What the detector remembers between sweeps and between runs (detector.json in the state
// directory), so that each event is raised once, also across restarts.
struct DetectorState
{
    QHash<QString, QDateTime> fired; // event id -> when it was raised
    QHash<QString, Build> openFailures; // "provider|repository|tag" -> the failure of the streak

    // Forgets fired ids older than `keepMs`: their builds are long out of the history page.
    void prune(const QDateTime &now, qint64 keepMs = 30LL * 24 * 3600 * 1000);
};

// "provider|repository|tag" ("image|provider|image|tag" for an image row): the key of
// DetectorState::openFailures, the same for the detector and for detector.json's reader.
QString failureStreakKey(const Build &build);

// Pure: (previous state, the newest build of each tag, now) -> the events to raise, with the
// state updated. Rules:
//  - build.failed: the build failed and was last updated within `ignore_older_than`, so a first
//    start does not replay old history.
//  - build.stuck: queued for longer than `queued_alert_after` (from its created date).
//  - build.recovered: a success that follows a failure of the same repository and tag.
//  - build.cancelled: a recent cancelled build.
// Each event has a deterministic id and is raised at most once.
QList<Event> detectEvents(DetectorState &state, const QList<Build> &builds, const QDateTime &now,
                          const DetectorSettings &settings);

} // namespace hubhook
