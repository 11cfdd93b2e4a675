#include "SimGitHubStore.h"

#include <QCryptographicHash>

#include <algorithm>

namespace {

QDateTime nowUtc()
{
    // Whole seconds: GitHub's times have no fraction, and a stored time must render the same
    // on every answer so that ETags stay stable.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return now.addMSecs(-now.time().msec());
}

QDateTime orNow(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return now;
    const QDateTime utc = time.toUTC();
    return utc.addMSecs(-utc.time().msec());
}

bool splitFullName(const QString &fullName, QString *owner, QString *name)
{
    const qsizetype slash = fullName.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == fullName.size() - 1
        || fullName.indexOf(QLatin1Char('/'), slash + 1) >= 0)
        return false;
    *owner = fullName.left(slash);
    *name = fullName.mid(slash + 1);
    return true;
}

} // namespace

const SimGhWorkflow *SimGhRepoRecord::workflow(const QString &idOrFile) const
{
    bool numeric = false;
    const qint64 id = idOrFile.toLongLong(&numeric);
    if (numeric)
        return workflow(id);
    for (const SimGhWorkflow &entry : workflows) {
        if (entry.file.compare(idOrFile, Qt::CaseInsensitive) == 0)
            return &entry;
    }
    return nullptr;
}

const SimGhWorkflow *SimGhRepoRecord::workflow(qint64 id) const
{
    for (const SimGhWorkflow &entry : workflows) {
        if (entry.id == id)
            return &entry;
    }
    return nullptr;
}

SimGhRunRecord *SimGhRepoRecord::run(qint64 id)
{
    for (SimGhRunRecord &record : runs) {
        if (record.run.id == id)
            return &record;
    }
    return nullptr;
}

bool SimGhRepoRecord::hasBranch(const QString &branch) const
{
    if (branch == repo.defaultBranch)
        return true;
    return std::any_of(runs.cbegin(), runs.cend(),
                       [&](const SimGhRunRecord &record) { return record.run.branch == branch; });
}

SimGhOwner *SimGitHubStore::addOwner(const QString &login, bool organization)
{
    auto it = m_owners.find(login.toLower());
    if (it == m_owners.end())
        it = m_owners.insert(login.toLower(), SimGhOwner { login, m_nextOwnerId++, organization });
    it->organization = organization;
    return &*it;
}

const SimGhOwner *SimGitHubStore::owner(const QString &login) const
{
    auto it = m_owners.constFind(login.toLower());
    return it == m_owners.cend() ? nullptr : &*it;
}

const SimGhOwner *SimGitHubStore::ownerById(qint64 id) const
{
    for (const SimGhOwner &entry : m_owners) {
        if (entry.id == id)
            return &entry;
    }
    return nullptr;
}

SimGhRepoRecord *SimGitHubStore::addRepository(const SimGhRepo &repo)
{
    QString ownerLogin, name;
    if (!splitFullName(repo.fullName, &ownerLogin, &name))
        return nullptr;
    const SimGhOwner *existing = owner(ownerLogin);
    if (!existing)
        existing = addOwner(ownerLogin, true);
    auto it = m_repos.find(repo.fullName.toLower());
    const QDateTime now = nowUtc();
    if (it == m_repos.end()) {
        SimGhRepoRecord record;
        record.id = m_nextRepoId++;
        record.owner = existing->login;
        record.name = name;
        record.created = now.addDays(-90);
        it = m_repos.insert(repo.fullName.toLower(), record);
    }
    it->repo = repo;
    it->repo.fullName = it->owner + QLatin1Char('/') + it->name;
    it->repo.pushedAt = orNow(repo.pushedAt, now);
    if (it->repo.defaultBranch.isEmpty())
        it->repo.defaultBranch = QStringLiteral("main");
    return &*it;
}

SimGhRepoRecord *SimGitHubStore::repository(const QString &fullName)
{
    auto it = m_repos.find(fullName.toLower());
    return it == m_repos.end() ? nullptr : &*it;
}

const SimGhRepoRecord *SimGitHubStore::repository(const QString &fullName) const
{
    auto it = m_repos.constFind(fullName.toLower());
    return it == m_repos.cend() ? nullptr : &*it;
}

SimGhRepoRecord *SimGitHubStore::repositoryById(qint64 id)
{
    for (SimGhRepoRecord &record : m_repos) {
        if (record.id == id)
            return &record;
    }
    return nullptr;
}

QList<const SimGhRepoRecord *> SimGitHubStore::repositories(const QString &owner) const
{
    QList<const SimGhRepoRecord *> out;
    const QString key = owner.toLower() + QLatin1Char('/');
    for (auto it = m_repos.lowerBound(key); it != m_repos.cend() && it.key().startsWith(key); ++it)
        out.append(&*it);
    return out;
}

void SimGitHubStore::generateRepositories(const QString &owner, int count, const QString &prefix)
{
    if (!this->owner(owner))
        addOwner(owner, true);
    const int width = qMax(4, int(QString::number(count).size()));
    const QDateTime base = nowUtc().addSecs(-3600);
    for (int i = 1; i <= count; ++i) {
        SimGhRepo repo;
        repo.fullName
                = QStringLiteral("%1/%2-%3").arg(owner, prefix).arg(i, width, 10, QLatin1Char('0'));
        // Staggered, so that sort=pushed has an order to keep: the first is the newest.
        repo.pushedAt = base.addSecs(-60 * i);
        SimGhRepoRecord *record = addRepository(repo);
        addWorkflow(record->repo.fullName, QStringLiteral("ci.yml"), QStringLiteral("CI"), true);
        SimGhRun run;
        run.created = repo.pushedAt;
        run.updated = repo.pushedAt.addSecs(180);
        run.displayTitle = QStringLiteral("Generated commit %1").arg(i);
        addRun(record->repo.fullName, run, false);
    }
}

qint64 SimGitHubStore::addWorkflow(const QString &fullName, const QString &file,
                                   const QString &name, bool dispatchable)
{
    SimGhRepoRecord *record = repository(fullName);
    if (!record || file.isEmpty())
        return 0;
    for (SimGhWorkflow &entry : record->workflows) {
        if (entry.file.compare(file, Qt::CaseInsensitive) != 0)
            continue;
        if (!name.isEmpty())
            entry.name = name;
        entry.dispatchable = dispatchable;
        return entry.id;
    }
    SimGhWorkflow entry;
    entry.id = m_nextWorkflowId++;
    entry.file = file;
    // A workflow file without a name: key is listed under its path, as on GitHub.
    entry.name = name.isEmpty() ? QStringLiteral(".github/workflows/") + file : name;
    entry.dispatchable = dispatchable;
    entry.created = record->created;
    record->workflows.append(entry);
    return entry.id;
}

qint64 SimGitHubStore::addRun(const QString &fullName, SimGhRun run, bool push)
{
    SimGhRepoRecord *record = repository(fullName);
    if (!record)
        return 0;
    if (run.workflow.isEmpty())
        run.workflow = QStringLiteral("ci.yml");
    qint64 workflowId = 0;
    if (const SimGhWorkflow *known = record->workflow(run.workflow))
        workflowId = known->id;
    else
        workflowId = addWorkflow(fullName, run.workflow, {}, true);
    SimGhWorkflow *workflow = nullptr;
    for (SimGhWorkflow &entry : record->workflows)
        workflow = entry.id == workflowId ? &entry : workflow;
    run.workflow = workflow->file;

    const QDateTime now = nowUtc();
    if (run.id <= 0)
        run.id = m_nextRunId++;
    else
        m_nextRunId = qMax(m_nextRunId, run.id + 1);
    run.created = orNow(run.created, now);
    run.updated = orNow(run.updated, now);
    run.runAttempt = qMax(1, run.runAttempt);
    if (run.status != QLatin1String("completed"))
        run.conclusion.clear();
    if (run.headSha.isEmpty())
        run.headSha = generatedSha(run.id);
    if (run.branch.isEmpty())
        run.branch = record->repo.defaultBranch;

    SimGhRunRecord entry;
    entry.run = run;
    entry.workflowId = workflowId;
    entry.runNumber = ++workflow->lastRunNumber;
    entry.runStartedAt = run.created;
    record->runs.prepend(entry);
    sortRuns(*record);
    if (push)
        record->repo.pushedAt = now;
    return run.id;
}

bool SimGitHubStore::setRunStatus(const QString &fullName, qint64 runId, const QString &status,
                                  const QString &conclusion)
{
    SimGhRepoRecord *record = repository(fullName);
    SimGhRunRecord *entry = record ? record->run(runId) : nullptr;
    if (!entry)
        return false;
    entry->run.status = status;
    entry->run.conclusion = status == QLatin1String("completed") ? conclusion : QString();
    entry->run.updated = nowUtc();
    return true;
}

bool SimGitHubStore::restartRun(const QString &fullName, qint64 runId)
{
    SimGhRepoRecord *record = repository(fullName);
    SimGhRunRecord *entry = record ? record->run(runId) : nullptr;
    if (!entry)
        return false;
    const QDateTime now = nowUtc();
    ++entry->run.runAttempt;
    entry->run.status = QStringLiteral("queued");
    entry->run.conclusion.clear();
    entry->run.updated = now;
    entry->runStartedAt = now;
    return true;
}

void SimGitHubStore::push(const QString &fullName)
{
    if (SimGhRepoRecord *record = repository(fullName))
        record->repo.pushedAt = nowUtc();
}

namespace {

QString packageKey(const QString &owner, const QString &package)
{
    return owner.toLower() + QLatin1Char('\n') + package.toLower();
}

bool newer(const SimGhPackageVersion &a, const SimGhPackageVersion &b)
{
    if (a.created != b.created)
        return a.created > b.created;
    return a.id > b.id;
}

} // namespace

qint64 SimGitHubStore::addPackageVersion(const QString &owner, const QString &package,
                                         const QStringList &tags, const QDateTime &created,
                                         const QString &digest)
{
    if (owner.isEmpty() || package.isEmpty())
        return 0;
    SimGhPackage &entry = packageEntry(owner, package);
    const QDateTime when = created.isValid() ? created.toUTC() : QDateTime::currentDateTimeUtc();
    SimGhPackageVersion &version = entry.versions[versionEntry(entry, digest, when)];
    const qint64 id = version.id;
    for (const QString &tag : tags) {
        if (!version.tags.contains(tag))
            version.tags.append(tag);
    }
    std::stable_sort(entry.versions.begin(), entry.versions.end(), newer);
    keepTagsOnNewest(entry, tags, when);
    return id;
}

SimGhPackage &SimGitHubStore::packageEntry(const QString &owner, const QString &package)
{
    if (!this->owner(owner))
        addOwner(owner, true);
    SimGhPackage &entry = m_packages[packageKey(owner, package)];
    if (entry.id == 0) {
        entry.owner = this->owner(owner)->login;
        entry.name = package;
        entry.id = m_nextPackageId++;
    }
    return entry;
}

qsizetype SimGitHubStore::versionEntry(SimGhPackage &entry, const QString &digest,
                                       const QDateTime &when)
{
    qsizetype found = -1;
    for (qsizetype i = 0; i < entry.versions.size(); ++i) {
        if (!digest.isEmpty() && entry.versions.at(i).digest == digest)
            found = i;
    }
    if (found >= 0) {
        SimGhPackageVersion &version = entry.versions[found];
        if (when > version.updated)
            version.updated = when;
        return found;
    }
    SimGhPackageVersion fresh;
    fresh.id = m_nextVersionId++;
    fresh.digest = digest;
    if (fresh.digest.isEmpty()) {
        const QByteArray seed = (entry.owner + QLatin1Char('/') + entry.name + QLatin1Char('@')
                                 + QString::number(fresh.id))
                                        .toUtf8();
        fresh.digest = QStringLiteral("sha256:")
                + QString::fromLatin1(
                               QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex());
    }
    fresh.created = when;
    fresh.updated = when;
    entry.versions.append(fresh);
    return entry.versions.size() - 1;
}

void SimGitHubStore::keepTagsOnNewest(SimGhPackage &entry, const QStringList &tags,
                                      const QDateTime &when)
{
    for (const QString &tag : tags) {
        bool seen = false;
        for (SimGhPackageVersion &candidate : entry.versions) {
            if (!candidate.tags.contains(tag))
                continue;
            if (!seen) {
                seen = true;
                continue;
            }
            candidate.tags.removeAll(tag);
            candidate.updated = qMax(candidate.updated, when);
        }
    }
}

const SimGhPackage *SimGitHubStore::package(const QString &owner, const QString &package) const
{
    auto it = m_packages.constFind(packageKey(owner, package));
    return it == m_packages.constEnd() ? nullptr : &*it;
}

QString SimGitHubStore::generatedSha(qint64 runId)
{
    return QString::fromLatin1(
            QCryptographicHash::hash(QByteArray::number(runId), QCryptographicHash::Sha1).toHex());
}

void SimGitHubStore::sortRuns(SimGhRepoRecord &repo)
{
    std::stable_sort(repo.runs.begin(), repo.runs.end(),
                     [](const SimGhRunRecord &a, const SimGhRunRecord &b) {
                         if (a.run.created != b.run.created)
                             return a.run.created > b.run.created;
                         return a.run.id > b.run.id;
                     });
}
