#pragma once

#include "core/BuildState.h"
#include "core/ProviderInfo.h"
#include "support/TimeText.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace hubhook {

// One build as Hubhook sees it, whatever the provider.
struct Build
{
    QString provider = defaultProviderId(); // a registered provider's id (core/ProviderInfo)
    QString repository; // "namespace/name" (or "owner/name")
    // The row's key within its repository: a tag; for a provider of workflow runs
    // "<workflow file>@<branch>" (see workflowRowKey()).
    QString tag;
    BuildState state = BuildState::Unknown;
    int statusCode = 0; // the provider's raw code, kept for payloads and for unknown states
    qint64 id = 0;
    QString buildCode;
    QDateTime created;
    QDateTime updated;
    // How the provider wrote them below the millisecond (some write microseconds); presentation
    // only, not part of ==.
    TimeFraction createdFraction;
    TimeFraction updatedFraction;
    QString cause; // empty when the provider sent null
    QString url; // the build's page for humans
    // Workflow runs (empty for tag builds): the workflow's file and name, the branch, the
    // commit, who started it, why (`push`, `schedule`, ...) and which attempt (re-runs keep
    // the run's id and count up).
    QString workflow;
    QString workflowName;
    QString branch;
    QString commit;
    QString actor;
    QString event;
    int attempt = 0;
    // An image row (an image watch: a tag's last push, however it was built): `digest` is the
    // tag's digest (`id` a number derived from it, `buildCode` its short form), `created` and
    // `updated` its last push, `maxAgeMs` the watch's limit (0: none).
    bool image = false;
    QString digest;
    qint64 maxAgeMs = 0;
    // (The provider's whole record is not kept: a payload in the provider's format is rendered
    // from these fields, and 10,000 watched repositories stay a few MiB.)

    // The form used by `--json` output and the state file.
    QJsonObject toJson() const;
    static Build fromJson(const QJsonObject &object);
    // Shares the fields that repeat across repositories (provider, tag, cause, workflow,
    // branch, event, actor) with every other Build holding the same text (support/StringPool).
    void poolStrings();

    // The same run, attempt included: a re-run of a failed run is a new outcome.
    bool sameRun(const Build &other) const { return id == other.id && attempt == other.attempt; }
    // How people name the row: "acme/web:latest", or "acme/api CI (main)".
    QString label() const;

    bool operator==(const Build &other) const;
    bool operator!=(const Build &other) const { return !(*this == other); }
};

// The fields of a build's JSON, in one place for every writer of it (Build::toJson, and
// state.json's fast text writer): `v` gets string(key, QString), nullable(key, QString: null
// when empty), integer(key, qint64) and time(key, QDateTime, TimeFraction: null when invalid).
template<typename Visitor>
void visitBuildFields(const Build &b, Visitor &v)
{
    v.string("provider", b.provider);
    v.string("repository", b.repository);
    v.string("tag", b.tag);
    v.string("status", buildStateName(b.state));
    v.integer("status_code", b.statusCode);
    v.integer("build_id", b.id);
    v.nullable("build_code", b.buildCode);
    v.time("created", b.created, b.createdFraction);
    v.time("updated", b.updated, b.updatedFraction);
    v.nullable("cause", b.cause);
    v.nullable("url", b.url);
    v.nullable("workflow", b.workflow);
    v.nullable("workflow_name", b.workflowName);
    v.nullable("branch", b.branch);
    v.nullable("commit", b.commit);
    v.nullable("actor", b.actor);
    v.nullable("event", b.event);
    v.integer("attempt", b.attempt);
    v.string("kind", b.image ? QStringLiteral("image") : QStringLiteral("build"));
    v.nullable("digest", b.digest);
    v.integer("max_age_ms", b.maxAgeMs);
}

// The key of a row of workflow runs (one per workflow and branch): "ci.yml@main".
inline QString workflowRowKey(const QString &workflow, const QString &branch)
{
    return workflow + QLatin1Char('@') + branch;
}

// The newest build of each tag, newest first: what a table shows for one repository.
QList<Build> latestPerTag(const QList<Build> &history);

} // namespace hubhook
