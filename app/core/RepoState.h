#pragma once

#include "core/Build.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace hubhook {

// What Hubhook knows about one watched repository between sweeps (and between runs).
struct RepoState
{
    QString account;
    QString repository; // "ns/name"
    QString watch; // label of the watch that found it ("ns/*" or "ns/name")
    QDateTime listedUpdated; // `last_updated` in the latest listing
    QDateTime historyUpdated; // `last_updated` as it was when the history was last read
    QDateTime historyFetchedAt; // invalid until the history was read once
    QList<Build> builds; // newest build of each tag
    QString error; // the latest error for this repository, empty when fine
    // The provider has no build history for it (404): images pushed from CI elsewhere, the usual
    // case today. Normal, not an error: shown as such and re-checked only now and then.
    bool noAutomatedBuilds = false;
    // The watch's filters (tags, workflows, branches, events) its builds were last read with;
    // in memory only. When they change, the history is read again at once.
    QString readWith;
    int failures = 0; // consecutive failed reads
    QDateTime nextAttempt; // backing off until then

    QString key() const { return account + QLatin1Char('|') + repository; }
    bool hasActiveBuild() const;
};

} // namespace hubhook
