#pragma once

#include "core/Build.h"
#include "core/ImageRows.h"

#include <optional>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrl>

// Pure parsing of GitHub REST answers for Actions (shared/reference/wire-formats.md, "GitHub
// Actions"). No network here: every function takes the raw body and returns the value or an
// error naming the field.
namespace hubhook {

// GitHub Actions' run `status` and `conclusion` (see shared/reference/wire-formats.md). A value
// GitHub adds later is Unknown, never Failed. `stale` is Unknown too: the caller drops such runs.
BuildState buildStateFromGitHub(const QString &status, const QString &conclusion);

} // namespace hubhook

namespace hubhook::github {

struct Repository
{
    QString fullName; // "owner/name"
    bool isPrivate = false;
    bool archived = false;
    bool disabled = false;
    bool fork = false;
    QString defaultBranch;
    QDateTime pushedAt; // invalid when never pushed
};

// GET /orgs/{o}/repos, /users/{u}/repos: a JSON array.
std::optional<QList<Repository>> parseRepositories(const QByteArray &body, QString *error);
// GET /repos/{o}/{r}.
std::optional<Repository> parseRepository(const QByteArray &body, QString *error);

struct RunsPage
{
    qint64 totalCount = 0;
    QList<Build> runs; // normalised; `stale` runs are left out
};
// GET .../actions/runs: {"total_count", "workflow_runs": [...]}. Each run becomes a Build whose
// tag is workflowRowKey(workflow, branch); the workflow is its file name (".github/workflows/
// ci.yml" -> "ci.yml"), or its numeric id for a dynamic workflow that has no file.
std::optional<RunsPage> parseRuns(const QByteArray &body, QString *error);

// The workflow key of a run's `path` and `workflow_id`.
QString workflowKey(const QString &path, qint64 workflowId);

// The `rel="next"` URL of a Link header; empty on the last page (or without a header).
QUrl nextPageUrl(const QByteArray &linkHeader);

// GET /orgs/{o}/packages/container/{name}/versions: one ImageTag per tag of each version
// (digest = the version's `name`, pushed = its `created_at`), newest version first.
std::optional<QList<ImageTag>> parsePackageVersions(const QByteArray &body, QString *error);

// A dispatch's answer with `return_run_details` (200): the new run's id, 0 if none.
qint64 parseDispatchRunId(const QByteArray &body);

// GitHub's `message` of an error body, limited in length; empty if there is none. Never HTML.
QString errorMessage(const QByteArray &body);

} // namespace hubhook::github
