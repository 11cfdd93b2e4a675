#pragma once

#include <QString>

namespace hubhook {

// What a build is doing, independent of the provider's own encoding.
// NeedsAttention: waiting for a person (GitHub's `action_required`: an approval). Skipped: it
// ran to no verdict (GitHub's `neutral` and `skipped`), which is neither a failure nor a fix.
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

// Docker Hub's build-history `status` codes were never documented; this is the mapping open
// source clients agree on (see shared/reference/wire-formats.md). Kept in one place so it is
// easy to correct.
BuildState buildStateFromDockerHub(int statusCode);

// GitHub Actions' run `status` and `conclusion` (see shared/reference/wire-formats.md). A value
// GitHub adds later is Unknown, never Failed. `stale` is Unknown too: the caller drops such runs.
BuildState buildStateFromGitHub(const QString &status, const QString &conclusion);

// Stable lower-case name used in JSON output and state files: success, queued, building, ...
QString buildStateName(BuildState state);
BuildState buildStateFromName(const QString &name); // Unknown for anything else

// Queued or building: the build may still change, so its history is worth polling.
bool isActive(BuildState state);

} // namespace hubhook
