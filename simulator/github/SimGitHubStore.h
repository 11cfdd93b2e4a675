// The simulated GitHub's data: owners, repositories, their workflows and workflow runs.
// Names are case-insensitive, as on GitHub; answers use the spelling they were added with.
#pragma once

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

struct SimGhRepo
{
    QString fullName; // "owner/name"
    bool isPrivate = false;
    bool archived = false;
    bool disabled = false;
    bool fork = false;
    QString defaultBranch = QStringLiteral("main");
    QDateTime pushedAt; // invalid => now
};

struct SimGhRun
{
    qint64 id = 0; // 0 => assigned; assigned ids start above 2^32, as GitHub's do
    QString workflow = QStringLiteral("ci.yml"); // file name in .github/workflows
    QString branch = QStringLiteral("main");
    QString event = QStringLiteral("push");
    QString status = QStringLiteral("completed");
    QString conclusion = QStringLiteral("success"); // empty => null; dropped unless completed
    QString headSha; // empty => 40 generated hex digits
    QString actor = QStringLiteral("octocat");
    int runAttempt = 1;
    QDateTime created; // invalid => now
    QDateTime updated; // invalid => now
    QString displayTitle; // empty => the head commit's message
    bool fromFork = false; // head_repository is the actor's fork
};

struct SimGhOwner
{
    QString login;
    qint64 id = 0;
    bool organization = true;
};

struct SimGhWorkflow
{
    qint64 id = 0;
    QString file; // "ci.yml"
    QString name; // "CI"
    bool dispatchable = true;
    int lastRunNumber = 0;
    QDateTime created;
};

struct SimGhRunRecord
{
    SimGhRun run;
    qint64 workflowId = 0;
    int runNumber = 0;
    QDateTime runStartedAt; // the current attempt's start
};

struct SimGhRepoRecord
{
    SimGhRepo repo; // fullName in its canonical spelling, pushedAt valid
    qint64 id = 0;
    QString owner;
    QString name;
    QDateTime created;
    QList<SimGhWorkflow> workflows;
    QList<SimGhRunRecord> runs; // newest first

    // By numeric id or by file name.
    const SimGhWorkflow *workflow(const QString &idOrFile) const;
    const SimGhWorkflow *workflow(qint64 id) const;
    SimGhRunRecord *run(qint64 id);
    // The default branch and every branch that has a run.
    bool hasBranch(const QString &branch) const;
};

// One container image version in GitHub Container Registry: one per digest.
struct SimGhPackageVersion
{
    qint64 id = 0;
    QString digest; // "sha256:" + 64 hex digits: the version's "name"
    QStringList tags; // a tag lives on the newest version that names it
    QDateTime created;
    QDateTime updated;
};

struct SimGhPackage
{
    QString owner; // the owner's spelling
    QString name; // as added; may contain '/'
    qint64 id = 0;
    QList<SimGhPackageVersion> versions; // newest first
};

class SimGitHubStore
{
public:
    // Creates the owner, or changes the kind of an existing one.
    SimGhOwner *addOwner(const QString &login, bool organization);
    const SimGhOwner *owner(const QString &login) const;
    const SimGhOwner *ownerById(qint64 id) const;

    // Creates the repository (and its owner, as an organization) or updates its flags.
    // nullptr when fullName is not "owner/name".
    SimGhRepoRecord *addRepository(const SimGhRepo &repo);
    SimGhRepoRecord *repository(const QString &fullName);
    const SimGhRepoRecord *repository(const QString &fullName) const;
    SimGhRepoRecord *repositoryById(qint64 id);
    QList<const SimGhRepoRecord *> repositories(const QString &owner) const; // by full name
    // prefix-0001.. each with one successful push run of ci.yml on main.
    void generateRepositories(const QString &owner, int count, const QString &prefix);

    // Returns the workflow id (an existing file keeps its id), 0 if the repository is unknown.
    qint64 addWorkflow(const QString &fullName, const QString &file, const QString &name,
                       bool dispatchable);
    // Returns the run id, 0 if the repository is unknown. push bumps pushed_at to now.
    qint64 addRun(const QString &fullName, SimGhRun run, bool push);
    bool setRunStatus(const QString &fullName, qint64 runId, const QString &status,
                      const QString &conclusion);
    // A new attempt: run_attempt + 1, queued, conclusion null, started and updated now.
    bool restartRun(const QString &fullName, qint64 runId);
    void push(const QString &fullName);

    // Adds a container version (creating the package, and its owner as an organization) or, for
    // a digest the package has, adds the tags to that version. Each tag then stays only on the
    // newest version naming it. created invalid => now; digest "" => a new generated one.
    // Returns the version id.
    qint64 addPackageVersion(const QString &owner, const QString &package, const QStringList &tags,
                             const QDateTime &created, const QString &digest);
    const SimGhPackage *package(const QString &owner, const QString &package) const;

    static QString generatedSha(qint64 runId);

private:
    static void sortRuns(SimGhRepoRecord &repo);
    // The package, created (and its owner, as an organization) if new.
    SimGhPackage &packageEntry(const QString &owner, const QString &package);
    // The package's version with that digest, or a new one created at `when` (digest "" => a new
    // generated one). Its index in entry.versions.
    qsizetype versionEntry(SimGhPackage &entry, const QString &digest, const QDateTime &when);
    // Each tag stays only on the newest version naming it (versions are newest first); the
    // versions that lose one are updated at `when`.
    static void keepTagsOnNewest(SimGhPackage &entry, const QStringList &tags,
                                 const QDateTime &when);

    QMap<QString, SimGhOwner> m_owners; // by lower-case login
    QMap<QString, SimGhRepoRecord> m_repos; // by lower-case full name
    qint64 m_nextOwnerId = 9000001;
    qint64 m_nextRepoId = 700000001;
    qint64 m_nextWorkflowId = 61000001;
    qint64 m_nextRunId = 5000000000LL;
    QMap<QString, SimGhPackage> m_packages; // by lower-case "owner\nname"
    qint64 m_nextPackageId = 3100001;
    qint64 m_nextVersionId = 210000001;
};
