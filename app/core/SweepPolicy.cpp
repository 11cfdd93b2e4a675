#include "core/SweepPolicy.h"

namespace hubhook {

bool shouldFetch(FetchReason reason)
{
    return reason != FetchReason::None && reason != FetchReason::BackingOff;
}

QString fetchReasonName(FetchReason reason)
{
    switch (reason) {
    case FetchReason::None:
        return QStringLiteral("unchanged");
    case FetchReason::NeverSeen:
        return QStringLiteral("new");
    case FetchReason::Changed:
        return QStringLiteral("changed");
    case FetchReason::Active:
        return QStringLiteral("active");
    case FetchReason::Retry:
        return QStringLiteral("retry");
    case FetchReason::Refresh:
        return QStringLiteral("refresh");
    case FetchReason::BackingOff:
        return QStringLiteral("backing-off");
    }
    return {};
}

FetchReason historyFetchReason(const RepoState *known, const QDateTime &listedUpdated,
                               const QDateTime &now, qint64 refreshMs)
{
    if (!known || !known->historyFetchedAt.isValid())
        return known && known->failures > 0 && known->nextAttempt.isValid()
                        && now < known->nextAttempt
                ? FetchReason::BackingOff
                : FetchReason::NeverSeen;
    if (known->failures > 0)
        return known->nextAttempt.isValid() && now < known->nextAttempt ? FetchReason::BackingOff
                                                                        : FetchReason::Retry;
    if (known->noAutomatedBuilds)
        return known->historyFetchedAt.msecsTo(now)
                        >= refreshDueMs(known->key(), std::max(refreshMs, kNoBuildsRecheckMs))
                ? FetchReason::Refresh
                : FetchReason::None;
    if (listedUpdated != known->historyUpdated)
        return FetchReason::Changed;
    if (known->hasActiveBuild())
        return FetchReason::Active;
    if (known->historyFetchedAt.msecsTo(now) >= refreshDueMs(known->key(), refreshMs))
        return FetchReason::Refresh;
    return FetchReason::None;
}

qint64 refreshDueMs(const QString &key, qint64 refreshMs)
{
    // FNV-1a: stable across runs and machines (qHash is seeded per process).
    quint32 h = 2166136261u;
    for (const QChar c : key) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return refreshMs + qint64(h % 1000) * refreshMs / 2000;
}

qint64 backoffDelayMs(int failures)
{
    if (failures <= 1)
        return 0;
    const int doublings = std::min(failures - 2, 5);
    return std::min<qint64>(60000LL << doublings, 30 * 60 * 1000);
}

} // namespace hubhook
