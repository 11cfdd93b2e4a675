#pragma once

#include <QString>

namespace hubhook {

// What a build is doing, independent of the provider's own encoding.
// NeedsAttention: waiting for a person (an approval, a manual job). Skipped: it ran to no
// verdict, which is neither a failure nor a fix. Each provider maps its own states onto these.
enum class BuildState {
    Success,
    Queued,
    Building,
    Failed,
    Cancelled,
    NeedsAttention,
    Skipped,
    Stale, // an image tag whose last push is older than its watch's `max_age`
    Unknown
};

// Stable lower-case name used in JSON output and state files: success, queued, building, ...
QString buildStateName(BuildState state);
BuildState buildStateFromName(const QString &name); // Unknown for anything else

// Queued or building: the build may still change, so its history is worth polling.
bool isActive(BuildState state);

} // namespace hubhook
