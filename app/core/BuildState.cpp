#include "core/BuildState.h"

namespace hubhook {

QString buildStateName(BuildState state)
{
    switch (state) {
    case BuildState::Success:
        return QStringLiteral("success");
    case BuildState::Queued:
        return QStringLiteral("queued");
    case BuildState::Building:
        return QStringLiteral("building");
    case BuildState::Failed:
        return QStringLiteral("failed");
    case BuildState::Cancelled:
        return QStringLiteral("cancelled");
    case BuildState::NeedsAttention:
        return QStringLiteral("needs_attention");
    case BuildState::Skipped:
        return QStringLiteral("skipped");
    case BuildState::Stale:
        return QStringLiteral("stale");
    case BuildState::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

BuildState buildStateFromName(const QString &name)
{
    for (auto s : { BuildState::Success, BuildState::Queued, BuildState::Building,
                    BuildState::Failed, BuildState::Cancelled, BuildState::NeedsAttention,
                    BuildState::Skipped, BuildState::Stale }) {
        if (buildStateName(s) == name)
            return s;
    }
    return BuildState::Unknown;
}

bool isActive(BuildState state)
{
    return state == BuildState::Queued || state == BuildState::Building;
}

} // namespace hubhook
