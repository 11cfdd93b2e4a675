#include "core/BuildState.h"

namespace hubhook {

BuildState buildStateFromDockerHub(int statusCode)
{
    switch (statusCode) {
    case 10:
        return BuildState::Success;
    case 0:
    case 1:
    case 11:
        return BuildState::Queued;
    case 2:
    case 3:
        return BuildState::Building;
    case -1:
    case -2:
        return BuildState::Failed;
    case -4:
        return BuildState::Cancelled;
    default:
        // An unknown negative code is an error state Docker Hub added later: treat it as failed.
        return statusCode < 0 ? BuildState::Failed : BuildState::Unknown;
    }
}

BuildState buildStateFromGitHub(const QString &status, const QString &conclusion)
{
    if (status == QLatin1String("in_progress"))
        return BuildState::Building;
    if (status != QLatin1String("completed")) {
        for (const char *queued : { "queued", "waiting", "pending", "requested" }) {
            if (status == QLatin1String(queued))
                return BuildState::Queued;
        }
        return BuildState::Unknown;
    }
    if (conclusion == QLatin1String("success"))
        return BuildState::Success;
    for (const char *failed : { "failure", "timed_out", "startup_failure" }) {
        if (conclusion == QLatin1String(failed))
            return BuildState::Failed;
    }
    if (conclusion == QLatin1String("cancelled"))
        return BuildState::Cancelled;
    if (conclusion == QLatin1String("action_required"))
        return BuildState::NeedsAttention;
    if (conclusion == QLatin1String("neutral") || conclusion == QLatin1String("skipped"))
        return BuildState::Skipped;
    return BuildState::Unknown; // stale, or a conclusion added later
}

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
