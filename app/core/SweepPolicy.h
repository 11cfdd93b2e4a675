#pragma once

#include "core/RepoState.h"

#include <QDateTime>

namespace hubhook {

// Why a repository's build history is (or is not) read in a sweep. Pure decision logic,
// tested without a network.
enum class FetchReason {
    None, // nothing can have changed
    NeverSeen, // first time this repository shows up
    Changed, // its `last_updated` moved since the history was read
    Active, // a build is queued or building, so it will change
    Retry, // the last read failed and the back-off is over
    Refresh, // nothing visible changed, but the history is older than `history_refresh`
    BackingOff, // the last reads failed; waiting before trying again
};

bool shouldFetch(FetchReason reason);
QString fetchReasonName(FetchReason reason);

// A repository without automated builds is re-read only every kNoBuildsRecheckMs (spread like
// a refresh), whatever its listing says: pushes from CI move its `last_updated` all day.
FetchReason historyFetchReason(const RepoState *known, const QDateTime &listedUpdated,
                               const QDateTime &now, qint64 refreshMs);
constexpr qint64 kNoBuildsRecheckMs = 6 * 60 * 60 * 1000;

// When an unchanged history is due for a refresh: between 1 and 1.5 times `refreshMs`, spread
// by the repository's key so that a namespace read in one sweep is not re-read in one burst.
qint64 refreshDueMs(const QString &key, qint64 refreshMs);

// Delay before retrying a repository after `failures` consecutive failures: the first retry
// is at the next sweep, then 1, 2, 4 ... minutes, at most 30.
qint64 backoffDelayMs(int failures);

} // namespace hubhook
