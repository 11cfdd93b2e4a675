#include "SimGitHubJson.h"

#include <QJsonArray>

namespace {

QString apiUrl(const QUrl &api, const QString &path)
{
    QUrl url = api;
    url.setPath(api.path() + path);
    return url.toString(QUrl::FullyEncoded);
}

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonObject login(const QString &name)
{
    return { { QStringLiteral("login"), name },
             { QStringLiteral("type"), QStringLiteral("User") },
             { QStringLiteral("html_url"), SimGitHubJson::htmlUrl(name) } };
}

} // namespace

QString SimGitHubJson::isoTime(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QJsonObject SimGitHubJson::message(const QString &message, const QString &documentationUrl)
{
    QJsonObject out { { QStringLiteral("message"), message } };
    out.insert(QStringLiteral("documentation_url"),
               documentationUrl.isEmpty() ? QStringLiteral("https://docs.github.com/rest")
                                          : documentationUrl);
    return out;
}

QString SimGitHubJson::htmlUrl(const QString &path)
{
    return QStringLiteral("https://github.com/") + path;
}

SimHttpResponse SimGitHubJson::answer(int status, const QJsonDocument &document)
{
    SimHttpResponse response = SimHttpWire::json(status, document);
    response.contentType = QByteArrayLiteral("application/json; charset=utf-8");
    return response;
}

SimHttpResponse SimGitHubJson::error(int status, const QString &text,
                                     const QString &documentationUrl)
{
    return answer(status, QJsonDocument(message(text, documentationUrl)));
}

QJsonObject SimGitHubJson::owner(const SimGhOwner &owner, const QUrl &api)
{
    return { { QStringLiteral("login"), owner.login },
             { QStringLiteral("id"), owner.id },
             { QStringLiteral("type"),
               owner.organization ? QStringLiteral("Organization") : QStringLiteral("User") },
             { QStringLiteral("url"), apiUrl(api, QStringLiteral("/users/") + owner.login) },
             { QStringLiteral("html_url"), htmlUrl(owner.login) } };
}

QJsonObject SimGitHubJson::repository(const SimGhRepoRecord &repo, const SimGhOwner &owner,
                                      const QUrl &api)
{
    const QString full = repo.repo.fullName;
    return { { QStringLiteral("id"), repo.id },
             { QStringLiteral("name"), repo.name },
             { QStringLiteral("full_name"), full },
             { QStringLiteral("owner"), SimGitHubJson::owner(owner, api) },
             { QStringLiteral("private"), repo.repo.isPrivate },
             { QStringLiteral("visibility"),
               repo.repo.isPrivate ? QStringLiteral("private") : QStringLiteral("public") },
             { QStringLiteral("archived"), repo.repo.archived },
             { QStringLiteral("disabled"), repo.repo.disabled },
             { QStringLiteral("fork"), repo.repo.fork },
             { QStringLiteral("default_branch"), repo.repo.defaultBranch },
             { QStringLiteral("created_at"), isoTime(repo.created) },
             { QStringLiteral("pushed_at"), isoTime(repo.repo.pushedAt) },
             { QStringLiteral("updated_at"), isoTime(repo.repo.pushedAt) },
             { QStringLiteral("html_url"), htmlUrl(full) },
             { QStringLiteral("url"), apiUrl(api, QStringLiteral("/repos/") + full) } };
}

QJsonObject SimGitHubJson::workflow(const SimGhRepoRecord &repo, const SimGhWorkflow &workflow,
                                    const QUrl &api)
{
    const QString full = repo.repo.fullName;
    const QString path = QStringLiteral(".github/workflows/") + workflow.file;
    return {
        { QStringLiteral("id"), workflow.id },
        { QStringLiteral("name"), workflow.name },
        { QStringLiteral("path"), path },
        { QStringLiteral("state"), QStringLiteral("active") },
        { QStringLiteral("created_at"), isoTime(workflow.created) },
        { QStringLiteral("updated_at"), isoTime(workflow.created) },
        { QStringLiteral("url"),
          apiUrl(api,
                 QStringLiteral("/repos/%1/actions/workflows/%2").arg(full).arg(workflow.id)) },
        { QStringLiteral("html_url"),
          htmlUrl(QStringLiteral("%1/blob/%2/%3").arg(full, repo.repo.defaultBranch, path)) },
        { QStringLiteral("badge_url"),
          htmlUrl(QStringLiteral("%1/workflows/%2/badge.svg").arg(full, workflow.name)) }
    };
}

namespace {

// The commit a run built: its id, message and author.
QJsonObject headCommit(const SimGhRun &run, const QString &message)
{
    return {
        { QStringLiteral("id"), run.headSha },
        { QStringLiteral("tree_id"), SimGitHubStore::generatedSha(-run.id) },
        { QStringLiteral("message"), message },
        { QStringLiteral("timestamp"), SimGitHubJson::isoTime(run.created) },
        { QStringLiteral("author"),
          QJsonObject { { QStringLiteral("name"), run.actor },
                        { QStringLiteral("email"), run.actor + QStringLiteral("@example.com") } } },
    };
}

// A run's API links: itself, re-run, cancel, jobs, logs, the previous attempt, its workflow.
QJsonObject runLinks(const QString &full, const SimGhRunRecord &record, const QUrl &api)
{
    const SimGhRun &run = record.run;
    const QString runPath = QStringLiteral("/repos/%1/actions/runs/%2").arg(full).arg(run.id);
    return {
        { QStringLiteral("url"), apiUrl(api, runPath) },
        { QStringLiteral("rerun_url"), apiUrl(api, runPath + QStringLiteral("/rerun")) },
        { QStringLiteral("cancel_url"), apiUrl(api, runPath + QStringLiteral("/cancel")) },
        { QStringLiteral("jobs_url"), apiUrl(api, runPath + QStringLiteral("/jobs")) },
        { QStringLiteral("logs_url"), apiUrl(api, runPath + QStringLiteral("/logs")) },
        { QStringLiteral("previous_attempt_url"),
          run.runAttempt > 1 ? QJsonValue(
                  apiUrl(api, runPath + QStringLiteral("/attempts/%1").arg(run.runAttempt - 1)))
                             : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("workflow_url"),
          apiUrl(api,
                 QStringLiteral("/repos/%1/actions/workflows/%2")
                         .arg(full)
                         .arg(record.workflowId)) },
    };
}

} // namespace

QJsonObject SimGitHubJson::run(const SimGhRepoRecord &repo, const SimGhRunRecord &record,
                               const QUrl &api)
{
    const SimGhRun &run = record.run;
    const QString full = repo.repo.fullName;
    const SimGhWorkflow *workflow = repo.workflow(record.workflowId);
    const QString title
            = run.displayTitle.isEmpty() ? QStringLiteral("commit message") : run.displayTitle;
    const bool completed = run.status == QLatin1String("completed");
    const QString headRepository = run.fromFork ? run.actor + QLatin1Char('/') + repo.name : full;
    QJsonObject out {
        { QStringLiteral("id"), run.id },
        { QStringLiteral("name"), workflow ? workflow->name : run.workflow },
        { QStringLiteral("display_title"), title },
        { QStringLiteral("head_branch"), run.branch },
        { QStringLiteral("head_sha"), run.headSha },
        { QStringLiteral("path"), QStringLiteral(".github/workflows/") + run.workflow },
        { QStringLiteral("run_number"), record.runNumber },
        { QStringLiteral("run_attempt"), run.runAttempt },
        { QStringLiteral("event"), run.event },
        { QStringLiteral("status"), run.status },
        { QStringLiteral("conclusion"),
          completed ? stringOrNull(run.conclusion) : QJsonValue(QJsonValue::Null) },
        { QStringLiteral("workflow_id"), record.workflowId },
        { QStringLiteral("created_at"), isoTime(run.created) },
        { QStringLiteral("updated_at"), isoTime(run.updated) },
        { QStringLiteral("run_started_at"), isoTime(record.runStartedAt) },
        { QStringLiteral("html_url"),
          htmlUrl(QStringLiteral("%1/actions/runs/%2").arg(full).arg(run.id)) },
        { QStringLiteral("actor"), login(run.actor) },
        { QStringLiteral("triggering_actor"), login(run.actor) },
        { QStringLiteral("pull_requests"), QJsonArray() },
        { QStringLiteral("head_commit"), headCommit(run, title) },
        { QStringLiteral("repository"),
          QJsonObject { { QStringLiteral("id"), repo.id },
                        { QStringLiteral("name"), repo.name },
                        { QStringLiteral("full_name"), full } } },
        { QStringLiteral("head_repository"),
          QJsonObject { { QStringLiteral("name"), repo.name },
                        { QStringLiteral("full_name"), headRepository } } },
    };
    const QJsonObject links = runLinks(full, record, api);
    for (auto it = links.begin(); it != links.end(); ++it)
        out.insert(it.key(), it.value());
    return out;
}

QJsonObject SimGitHubJson::packageVersion(const SimGhPackage &package,
                                          const SimGhPackageVersion &version, bool organization,
                                          const QUrl &api)
{
    const QString kind = organization ? QStringLiteral("orgs") : QStringLiteral("users");
    // Nested names travel as %2F in API paths. Concatenated, not arg()ed: the "%2F" must not be
    // taken for a placeholder.
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(package.name));
    QUrl url = api;
    url.setPath(api.path() + QLatin1Char('/') + kind + QLatin1Char('/') + package.owner
                        + QStringLiteral("/packages/container/") + encoded
                        + QStringLiteral("/versions/") + QString::number(version.id),
                QUrl::TolerantMode);
    QJsonArray tags;
    for (const QString &tag : version.tags)
        tags.append(tag);
    const QString page
            = kind + QLatin1Char('/') + package.owner + QStringLiteral("/packages/container/");
    return {
        { QStringLiteral("id"), version.id },
        { QStringLiteral("name"), version.digest },
        { QStringLiteral("url"), url.toString(QUrl::FullyEncoded) },
        { QStringLiteral("package_html_url"),
          htmlUrl(page + QStringLiteral("package/") + package.name) },
        { QStringLiteral("created_at"), isoTime(version.created) },
        { QStringLiteral("updated_at"), isoTime(version.updated) },
        { QStringLiteral("html_url"),
          htmlUrl(page + package.name + QLatin1Char('/') + QString::number(version.id)) },
        { QStringLiteral("metadata"),
          QJsonObject { { QStringLiteral("package_type"), QStringLiteral("container") },
                        { QStringLiteral("container"),
                          QJsonObject { { QStringLiteral("tags"), tags } } } } },
    };
}
