#include "SimulatedGitHub.h"

SimulatedGitHub::SimulatedGitHub(QObject *parent) : SimServer(parent) { }

SimulatedGitHub::~SimulatedGitHub() = default;

QUrl SimulatedGitHub::baseUrl() const
{
    QUrl url = SimServer::baseUrl();
    url.setPath(m_pathPrefix);
    return url;
}

void SimulatedGitHub::setPathPrefix(const QString &prefix)
{
    QString clean = prefix;
    while (clean.endsWith(QLatin1Char('/')))
        clean.chop(1);
    if (!clean.isEmpty() && !clean.startsWith(QLatin1Char('/')))
        clean.prepend(QLatin1Char('/'));
    m_pathPrefix = clean;
}

void SimulatedGitHub::addOwner(const QString &owner, bool organization)
{
    m_store.addOwner(owner, organization);
}

void SimulatedGitHub::addRepository(const SimGhRepo &repo)
{
    if (!m_store.addRepository(repo))
        qWarning("SimulatedGitHub::addRepository: bad full name %s", qPrintable(repo.fullName));
}

void SimulatedGitHub::generateRepositories(const QString &owner, int count, const QString &prefix)
{
    m_store.generateRepositories(owner, count, prefix);
}

qint64 SimulatedGitHub::addWorkflow(const QString &fullName, const QString &file,
                                    const QString &name, bool dispatchable)
{
    return m_store.addWorkflow(fullName, file, name, dispatchable);
}

qint64 SimulatedGitHub::addRun(const QString &fullName, SimGhRun run, bool push)
{
    const qint64 id = m_store.addRun(fullName, run, push);
    if (id == 0)
        qWarning("SimulatedGitHub::addRun: unknown repository %s", qPrintable(fullName));
    return id;
}

bool SimulatedGitHub::setRunStatus(const QString &fullName, qint64 runId, const QString &status,
                                   const QString &conclusion)
{
    return m_store.setRunStatus(fullName, runId, status, conclusion);
}

void SimulatedGitHub::push(const QString &fullName) { m_store.push(fullName); }

QList<SimGhRun> SimulatedGitHub::runs(const QString &fullName) const
{
    QList<SimGhRun> out;
    if (const SimGhRepoRecord *repo = m_store.repository(fullName)) {
        for (const SimGhRunRecord &record : repo->runs)
            out.append(record.run);
    }
    return out;
}

qint64 SimulatedGitHub::repositoryId(const QString &fullName) const
{
    const SimGhRepoRecord *repo = m_store.repository(fullName);
    return repo ? repo->id : 0;
}

qint64 SimulatedGitHub::ownerId(const QString &owner) const
{
    const SimGhOwner *entry = m_store.owner(owner);
    return entry ? entry->id : 0;
}

void SimulatedGitHub::loadDemo()
{
    const QString api = QStringLiteral("acme-gh/api");
    const QString web = QStringLiteral("acme-gh/web");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    addOwner(QStringLiteral("acme-gh"), true);
    SimGhRepo repo;
    repo.fullName = api;
    repo.pushedAt = now.addSecs(-20 * 60);
    addRepository(repo);
    repo.fullName = web;
    repo.pushedAt = now.addSecs(-5 * 60);
    addRepository(repo);
    addWorkflow(api, QStringLiteral("ci.yml"), QStringLiteral("CI"));
    addWorkflow(api, QStringLiteral("release.yml"), QStringLiteral("Release"));
    addWorkflow(web, QStringLiteral("ci.yml"), QStringLiteral("CI"));

    SimGhRun ci;
    ci.created = now.addSecs(-20 * 60);
    ci.updated = now.addSecs(-16 * 60);
    ci.displayTitle = QStringLiteral("Add health endpoint");
    addRun(api, ci);
    SimGhRun release = ci;
    release.workflow = QStringLiteral("release.yml");
    release.conclusion = QStringLiteral("failure");
    release.created = now.addSecs(-19 * 60);
    release.updated = now.addSecs(-12 * 60);
    addRun(api, release);
    SimGhRun building;
    building.status = QStringLiteral("in_progress");
    building.created = now.addSecs(-5 * 60);
    building.updated = now.addSecs(-4 * 60);
    building.displayTitle = QStringLiteral("Redesign the landing page");
    addRun(web, building);

    addPackageVersion(QStringLiteral("acme-gh"), QStringLiteral("base-image"),
                      { QStringLiteral("latest") }, now.addSecs(-2 * 3600));
}

qint64 SimulatedGitHub::addPackageVersion(const QString &owner, const QString &package,
                                          const QStringList &tags, const QDateTime &created,
                                          const QString &digest)
{
    return m_store.addPackageVersion(owner, package, tags, created, digest);
}

qint64 SimulatedGitHub::pushPackageTag(const QString &owner, const QString &package,
                                       const QString &tag)
{
    return m_store.addPackageVersion(owner, package, { tag }, QDateTime::currentDateTimeUtc(), {});
}

QList<SimGhPackageVersion> SimulatedGitHub::packageVersions(const QString &owner,
                                                            const QString &package) const
{
    const SimGhPackage *entry = m_store.package(owner, package);
    return entry ? entry->versions : QList<SimGhPackageVersion>();
}

void SimulatedGitHub::addToken(const QString &token, const QStringList &owners, bool actionsWrite,
                               bool classicWithReadPackages)
{
    Token entry;
    for (const QString &owner : owners)
        entry.owners.insert(owner.toLower());
    entry.actionsWrite = actionsWrite;
    entry.classicWithReadPackages = classicWithReadPackages;
    m_tokens.insert(token, entry);
}

void SimulatedGitHub::setPrimaryRateLimit(int anonymousPerWindow, int tokenPerWindow,
                                          int windowSeconds)
{
    m_limits.configure(anonymousPerWindow, tokenPerWindow, windowSeconds);
}

void SimulatedGitHub::setPrimaryRateLimitStatus(int status) { m_limits.setExceededStatus(status); }

void SimulatedGitHub::setSecondaryRateLimit(int requests, int retryAfterSeconds)
{
    m_limits.setSecondary(requests, retryAfterSeconds);
}

void SimulatedGitHub::disableRateLimits() { m_limits.disable(); }

void SimulatedGitHub::setPageSizeMax(int max) { m_pageSizeMax = qMax(1, max); }

void SimulatedGitHub::setReturnRunDetailsSupported(bool supported)
{
    m_returnRunDetails = supported;
}

void SimulatedGitHub::setDispatchedRunLifecycle(int startAfterMs, int finishAfterMs,
                                                const QString &conclusion)
{
    m_lifecycleStartMs = qMax(0, startAfterMs);
    m_lifecycleFinishMs = qMax(0, finishAfterMs);
    m_lifecycleConclusion = conclusion;
}

int SimulatedGitHub::notModifiedCount() const { return m_notModified; }

int SimulatedGitHub::pointsUsed(const QString &token) const { return m_limits.pointsUsed(token); }

void SimulatedGitHub::resetCounts()
{
    clearRequests();
    m_notModified = 0;
    m_limits.resetPoints();
    m_dispatchCounts.clear();
    m_rerunCounts.clear();
}

int SimulatedGitHub::dispatchCount(const QString &fullName) const
{
    const SimGhRepoRecord *repo = m_store.repository(fullName);
    return repo ? m_dispatchCounts.value(repo->repo.fullName) : 0;
}

int SimulatedGitHub::rerunCount(const QString &fullName) const
{
    const SimGhRepoRecord *repo = m_store.repository(fullName);
    return repo ? m_rerunCounts.value(repo->repo.fullName) : 0;
}
