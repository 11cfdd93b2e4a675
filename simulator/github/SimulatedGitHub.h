// A simulated GitHub REST API (repositories, Actions workflow runs and GitHub Container Registry
// package versions) over real HTTP/1.1 on loopback, for integration tests, benchmarks and the
// demo mode. Its server is the Docker Hub simulator's (SimServer: raw response writing, fault
// injection, latency, TLS), so hangs, resets and delays are exact.
#pragma once

#include "SimGitHubLimits.h"
#include "SimGitHubStore.h"
#include "SimServer.h"

#include <QHash>
#include <QSet>
#include <QStringList>
#include <QUrlQuery>

class SimulatedGitHub : public SimServer
{
    Q_OBJECT
public:
    explicit SimulatedGitHub(QObject *parent = nullptr);
    ~SimulatedGitHub() override;

    QUrl baseUrl() const override; // http://127.0.0.1:PORT, plus the path prefix if set
    // GitHub Enterprise Server style, e.g. "/api/v3": only paths under it are served, and every
    // answer carries X-GitHub-Enterprise-Version: 3.14.
    void setPathPrefix(const QString &prefix);

    // data
    // An organization lists at /orgs/{o}/repos, a user at /users/{o}/repos only.
    void addOwner(const QString &owner, bool organization = true);
    void addRepository(const SimGhRepo &repo); // creates a missing owner as an organization
    // prefix-0001.. each with one successful push run of ci.yml on main; the first is pushed last.
    void generateRepositories(const QString &owner, int count,
                              const QString &prefix = QStringLiteral("repo"));
    // Returns the workflow id (0 if the repository is unknown). A run naming an unknown
    // workflow file creates it, named after its path.
    qint64 addWorkflow(const QString &fullName, const QString &file, const QString &name = {},
                       bool dispatchable = true);
    // Returns the run id (0 if the repository is unknown); push also sets pushed_at = now.
    qint64 addRun(const QString &fullName, SimGhRun run, bool push = false);
    // updated_at = now; the conclusion is dropped unless status is "completed".
    bool setRunStatus(const QString &fullName, qint64 runId, const QString &status,
                      const QString &conclusion);
    void push(const QString &fullName); // pushed_at = now
    QList<SimGhRun> runs(const QString &fullName) const; // newest first
    qint64 repositoryId(const QString &fullName) const; // 0 if unknown
    qint64 ownerId(const QString &owner) const; // 0 if unknown
    // GitHub Container Registry (GET /orgs|users/{o}/packages/container/{name}/versions, and
    // /user/packages/... for a token's user owner). One version per digest; each tag stays only
    // on the newest version that names it. A missing owner is created as an organization;
    // created invalid => now; digest "" => a new generated "sha256:..." one. Returns the
    // version id. A version for a digest the package has gets the tags added instead.
    qint64 addPackageVersion(const QString &owner, const QString &package, const QStringList &tags,
                             const QDateTime &created = {}, const QString &digest = {});
    // A push: a new version now, with a new digest, holding the tag.
    qint64 pushPackageTag(const QString &owner, const QString &package, const QString &tag);
    // newest first; empty if the package is unknown
    QList<SimGhPackageVersion> packageVersions(const QString &owner, const QString &package) const;
    // The demo set: organization "acme-gh" with "acme-gh/api" (ci.yml "CI" success and
    // release.yml "Release" failure on main), "acme-gh/web" (ci.yml "CI" in progress) and the
    // container package "acme-gh/base-image" (tag "latest" pushed 2 hours ago).
    void loadDemo();

    // auth: "Authorization: Bearer X" or "token X". An unknown token answers 401 everywhere;
    // without the header the caller is anonymous and sees public repositories only. A token sees
    // the private repositories of `owners`; with actionsWrite it may dispatch, re-run and cancel
    // in every repository it sees (public ones included). Only a classic token with
    // read:packages (classicWithReadPackages) may list package versions, of `owners` only:
    // without a token they answer 401, with a fine-grained one 403.
    void addToken(const QString &token, const QStringList &owners, bool actionsWrite = true,
                  bool classicWithReadPackages = false);

    // limits: x-ratelimit-* headers on every API answer; a 304 and GET /rate_limit are free.
    void setPrimaryRateLimit(int anonymousPerWindow = 60, int tokenPerWindow = 5000,
                             int windowSeconds = 3600);
    void setPrimaryRateLimitStatus(int status); // 403 (default) or 429 when exceeded
    // The next `requests` API requests answer 403 with a secondary-limit message, with
    // retry-after: N unless retryAfterSeconds < 0.
    void setSecondaryRateLimit(int requests, int retryAfterSeconds);
    void disableRateLimits(); // as GitHub Enterprise Server by default: no x-ratelimit headers
    void setPageSizeMax(int max); // default 100

    // dispatch and re-run
    // false: a dispatch body with "return_run_details" answers 422, as on Enterprise Server.
    void setReturnRunDetailsSupported(bool supported);
    // A dispatched or re-run run is queued, in_progress after startAfterMs, then completed with
    // the conclusion finishAfterMs later. Without this call it stays queued.
    void setDispatchedRunLifecycle(int startAfterMs, int finishAfterMs,
                                   const QString &conclusion = QStringLiteral("success"));

    // observation (requestCount() and requests(): SimServer)
    int notModifiedCount() const; // 304 answers given
    // Primary points consumed by that token (empty: the anonymous bucket) since resetCounts().
    int pointsUsed(const QString &token = {}) const;
    void resetCounts();
    int dispatchCount(const QString &fullName) const; // accepted dispatches
    int rerunCount(const QString &fullName) const; // accepted re-runs

Q_SIGNALS:
    // workflow: its file name; ref: the branch (without refs/heads/)
    void dispatched(const QString &fullName, const QString &workflow, const QString &ref,
                    qint64 runId);
    void rerunRequested(const QString &fullName, qint64 runId, bool failedJobsOnly);

protected:
    // the pipeline's GitHub parts (SimGitHubPipeline.cpp)
    std::unique_ptr<Exchange> exchange(const SimRequest &request) override;
    SimHttpResponse tooManyRequests(int retryAfterSeconds) const override;
    SimHttpResponse limitExhausted(qint64 resetUnix) const override;
    SimHttpResponse errorAnswer(int status, const QString &message) const override;
    SimHttpResponse htmlErrorPage(int status) const override;
    SimHttpResponse malformedJson() const override;
    SimHttpResponse notFoundAnswer() const override;

private:
    struct Token
    {
        QSet<QString> owners; // lower-case
        bool actionsWrite = true;
        bool classicWithReadPackages = false;
    };
    // One request on its way through the routes.
    struct Call : Exchange
    {
        Call(SimulatedGitHub &gh, const SimRequest &request) : Exchange(request), gh(gh) { }
        SimHttpResponse respond() override { return gh.respond(*this); }
        void finish(SimHttpResponse &response) override; // Enterprise header, 304 count

        SimulatedGitHub &gh;
        QStringList segments; // below the path prefix
        QUrlQuery query;
        QString token; // empty: anonymous
        bool get = false; // GET or HEAD
    };

    // pipeline (SimGitHubPipeline.cpp)
    SimHttpResponse respond(Call &call);
    SimHttpResponse limited(Call &call);
    SimHttpResponse conditional(const Call &call, SimHttpResponse response);

    // reading routes (SimGitHubRoutes.cpp)
    SimHttpResponse route(Call &call);
    SimHttpResponse rateLimit(const Call &call);
    SimHttpResponse ownerRepositories(const Call &call, const SimGhOwner *owner,
                                      const QString &linkPath);
    // rest: the segments after /repos/{o}/{r} or /repositories/{id}; repo null if unknown.
    SimHttpResponse repositoryRoute(Call &call, SimGhRepoRecord *repo, const QStringList &rest);
    // POST .../dispatches, .../rerun, .../rerun-failed-jobs, .../cancel (rest as above)
    SimHttpResponse writingRoute(const Call &call, SimGhRepoRecord &repo, const QStringList &rest);
    SimHttpResponse listWorkflows(const Call &call, const SimGhRepoRecord &repo,
                                  const QString &linkPath);
    SimHttpResponse listRuns(const Call &call, const SimGhRepoRecord &repo,
                             const SimGhWorkflow *workflow, const QString &linkPath);
    // The [first, end) slice of count items that per_page and page ask for, and the Link header
    // (empty on a single page) whose URLs use linkPath below the base URL.
    void pageOf(const Call &call, int count, int *first, int *end, QByteArray *link,
                const QString &linkPath) const;
    bool canSee(const Call &call, const QString &owner) const;
    // kind: "orgs", "users" or "user" (owner then empty); name: the decoded package name.
    SimHttpResponse listPackageVersions(const Call &call, const QString &kind, const QString &owner,
                                        const QString &name);

    // writing routes (SimGitHubActions.cpp)
    SimHttpResponse dispatch(const Call &call, SimGhRepoRecord &repo, const QString &workflow);
    SimHttpResponse rerun(const Call &call, SimGhRepoRecord &repo, qint64 runId,
                          bool failedJobsOnly);
    SimHttpResponse cancel(const Call &call, SimGhRepoRecord &repo, qint64 runId);
    bool mayWrite(const Call &call) const;
    static SimHttpResponse forbiddenToWrite();
    void startLifecycle(const QString &fullName, qint64 runId);

    SimGitHubStore m_store;
    SimGitHubLimits m_limits;
    QHash<QString, Token> m_tokens;
    QHash<QString, int> m_dispatchCounts; // by canonical full name
    QHash<QString, int> m_rerunCounts;
    QString m_pathPrefix;
    int m_pageSizeMax = 100;
    int m_notModified = 0;
    bool m_returnRunDetails = true;
    int m_lifecycleStartMs = -1; // -1: dispatched runs stay queued
    int m_lifecycleFinishMs = 0;
    QString m_lifecycleConclusion = QStringLiteral("success");
};
