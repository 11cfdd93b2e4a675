// The writing routes of the simulated GitHub: workflow dispatch, re-run, cancel, and the
// lifecycle a run started by them goes through.
#include "SimulatedGitHub.h"

#include "SimGitHubJson.h"

#include <QJsonDocument>
#include <QTimer>

#include <optional>

namespace {

SimHttpResponse notFound() { return SimGitHubJson::error(404, QStringLiteral("Not Found")); }

SimHttpResponse invalid(const QString &message) { return SimGitHubJson::error(422, message); }

SimHttpResponse emptyObject(int status)
{
    return SimGitHubJson::answer(status, QJsonDocument(QJsonObject()));
}

// Why GitHub refuses a dispatch's body (422) before it looks at the workflow and the branch;
// nothing when it takes it.
std::optional<SimHttpResponse> invalidDispatch(const QJsonObject &body, bool runDetailsSupported)
{
    if (body.value(QLatin1String("ref")).toString().isEmpty())
        return invalid(QStringLiteral("Invalid request.\n\n\"ref\" wasn't supplied."));
    if (body.contains(QLatin1String("return_run_details")) && !runDetailsSupported)
        return invalid(QStringLiteral(
                "Invalid request.\n\n\"return_run_details\" is not a permitted key."));
    const QJsonValue inputs = body.value(QLatin1String("inputs"));
    if (!inputs.isUndefined() && !inputs.isNull() && !inputs.isObject())
        return invalid(QStringLiteral("Invalid request.\n\nFor 'properties/inputs', the value is "
                                      "not an object."));
    if (inputs.toObject().size() > 25)
        return invalid(QStringLiteral("Invalid request.\n\nNo more than 25 properties are "
                                      "allowed; %1 were supplied.")
                               .arg(inputs.toObject().size()));
    return std::nullopt;
}

// The run a dispatch queues: no new commit, so on the branch's head.
SimGhRun dispatchedRun(const SimGhRepoRecord &repo, const SimGhWorkflow &workflow,
                       const QString &branch)
{
    SimGhRun run;
    run.workflow = workflow.file;
    run.branch = branch;
    run.event = QStringLiteral("workflow_dispatch");
    run.status = QStringLiteral("queued");
    run.conclusion.clear();
    run.displayTitle = workflow.name;
    for (const SimGhRunRecord &record : repo.runs) {
        if (record.run.branch == branch) {
            run.headSha = record.run.headSha;
            break;
        }
    }
    return run;
}

// The answer to a dispatch with "return_run_details": true.
SimHttpResponse runDetails(const QUrl &api, const QString &fullName, qint64 runId)
{
    const QString path = QStringLiteral("/repos/%1/actions/runs/%2").arg(fullName).arg(runId);
    QUrl runUrl = api;
    runUrl.setPath(runUrl.path() + path);
    return SimGitHubJson::answer(
            200,
            QJsonDocument(QJsonObject {
                    { QStringLiteral("workflow_run_id"), runId },
                    { QStringLiteral("run_url"), runUrl.toString(QUrl::FullyEncoded) },
                    { QStringLiteral("html_url"),
                      SimGitHubJson::htmlUrl(
                              QStringLiteral("%1/actions/runs/%2").arg(fullName).arg(runId)) } }));
}

} // namespace

bool SimulatedGitHub::mayWrite(const Call &call) const
{
    // Visibility was checked by the route; writing needs the token's Actions: write.
    return m_tokens.value(call.token).actionsWrite;
}

SimHttpResponse SimulatedGitHub::forbiddenToWrite()
{
    return SimGitHubJson::error(403,
                                QStringLiteral("Resource not accessible by personal access token"));
}

SimHttpResponse SimulatedGitHub::dispatch(const Call &call, SimGhRepoRecord &repo,
                                          const QString &workflowKey)
{
    if (!mayWrite(call))
        return forbiddenToWrite();
    const SimGhWorkflow *workflow = repo.workflow(workflowKey);
    if (!workflow)
        return notFound();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(call.request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject())
        return SimGitHubJson::error(400, QStringLiteral("Problems parsing JSON"));
    const QJsonObject body = document.object();
    if (const std::optional<SimHttpResponse> refused = invalidDispatch(body, m_returnRunDetails))
        return *refused;
    if (!workflow->dispatchable)
        return invalid(QStringLiteral("Workflow does not have 'workflow_dispatch' trigger"));
    const QString ref = body.value(QLatin1String("ref")).toString();
    QString branch = ref;
    if (branch.startsWith(QLatin1String("refs/heads/")))
        branch = branch.mid(11);
    if (!repo.hasBranch(branch))
        return invalid(QStringLiteral("No ref found for: %1").arg(ref));

    const QString fullName = repo.repo.fullName;
    const QString file = workflow->file;
    const qint64 runId = m_store.addRun(fullName, dispatchedRun(repo, *workflow, branch), false);
    ++m_dispatchCounts[fullName];
    startLifecycle(fullName, runId);
    Q_EMIT dispatched(fullName, file, branch, runId);

    if (body.value(QLatin1String("return_run_details")).toBool())
        return runDetails(baseUrl(), fullName, runId);
    SimHttpResponse response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

SimHttpResponse SimulatedGitHub::rerun(const Call &call, SimGhRepoRecord &repo, qint64 runId,
                                       bool failedJobsOnly)
{
    if (!mayWrite(call))
        return forbiddenToWrite();
    SimGhRunRecord *record = repo.run(runId);
    if (!record)
        return notFound();
    if (record->run.status != QLatin1String("completed"))
        return SimGitHubJson::error(
                403,
                QStringLiteral("This workflow run cannot be rerun while it is still running."));
    const QString fullName = repo.repo.fullName;
    m_store.restartRun(fullName, runId);
    ++m_rerunCounts[fullName];
    startLifecycle(fullName, runId);
    Q_EMIT rerunRequested(fullName, runId, failedJobsOnly);
    return emptyObject(201);
}

SimHttpResponse SimulatedGitHub::cancel(const Call &call, SimGhRepoRecord &repo, qint64 runId)
{
    if (!mayWrite(call))
        return forbiddenToWrite();
    SimGhRunRecord *record = repo.run(runId);
    if (!record)
        return notFound();
    if (record->run.status == QLatin1String("completed"))
        return SimGitHubJson::error(
                409, QStringLiteral("Cannot cancel a workflow run that is completed."));
    m_store.setRunStatus(repo.repo.fullName, runId, QStringLiteral("completed"),
                         QStringLiteral("cancelled"));
    return emptyObject(202);
}

void SimulatedGitHub::startLifecycle(const QString &fullName, qint64 runId)
{
    SimGhRepoRecord *repo = m_store.repository(fullName);
    const SimGhRunRecord *record = repo ? repo->run(runId) : nullptr;
    if (m_lifecycleStartMs < 0 || !record)
        return;
    // Each step applies only while the run is still in the attempt and state it left it in:
    // a cancel or a newer attempt takes over.
    const int attempt = record->run.runAttempt;
    auto stillAt = [this, fullName, runId, attempt](const char *status) {
        SimGhRepoRecord *current = m_store.repository(fullName);
        const SimGhRunRecord *run = current ? current->run(runId) : nullptr;
        return run && run->run.runAttempt == attempt && run->run.status == QLatin1String(status);
    };
    const int finishMs = m_lifecycleFinishMs;
    const QString conclusion = m_lifecycleConclusion;
    QTimer::singleShot(
            m_lifecycleStartMs, this, [this, fullName, runId, finishMs, conclusion, stillAt] {
                if (!stillAt("queued"))
                    return;
                setRunStatus(fullName, runId, QStringLiteral("in_progress"), {});
                QTimer::singleShot(finishMs, this, [this, fullName, runId, conclusion, stillAt] {
                    if (stillAt("in_progress"))
                        setRunStatus(fullName, runId, QStringLiteral("completed"), conclusion);
                });
            });
}
