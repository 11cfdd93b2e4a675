// The simulated hub's data: namespaces, repositories, their builds and tags.
#pragma once

#include "SimTypes.h"

#include <QList>
#include <QMap>
#include <QString>

struct SimTag
{
    QString name;
    QDateTime lastPushed;
    QString digest; // "sha256:" + 64 hex digits
    bool topLevelDigest = true; // false: old tags lack the top-level "digest" (images[0] has it)
    qint64 size = 0; // bytes
    QString updater; // last_updater_username
};

struct SimRepository
{
    QString ns;
    QString name;
    QString owner;
    QString description;
    bool isPrivate = false;
    int starCount = 0;
    qint64 pullCount = 0;
    QDateTime lastUpdated; // invalid => never pushed (JSON null)
    QDateTime dateRegistered;
    QList<SimBuild> builds; // newest first
    QMap<QString, SimTag> tags;

    QString fullName() const { return ns + QLatin1Char('/') + name; }
};

class SimStore
{
public:
    void addNamespace(const QString &ns);
    bool hasNamespace(const QString &ns) const;
    // Creates the repository, or updates privacy and owner of an existing one.
    SimRepository *addRepository(const QString &ns, const QString &name, bool isPrivate,
                                 const QString &owner);
    SimRepository *repository(const QString &fullName);
    const SimRepository *repository(const QString &fullName) const;
    SimRepository *repository(const QString &ns, const QString &name);
    const SimRepository *repository(const QString &ns, const QString &name) const;
    QList<const SimRepository *> repositories(const QString &ns) const; // sorted by name
    void generateRepositories(const QString &ns, int count, const QString &prefix);

    // Returns the build id, 0 if the repository is unknown.
    qint64 addBuild(const QString &fullName, SimBuild build, bool touch);
    bool setBuildStatus(const QString &fullName, qint64 buildId, int status, bool touch);
    void touchRepository(const QString &fullName);
    // digest "" => generated: a new one for every push at a different time.
    void setTag(const QString &fullName, const QString &tag, const QDateTime &lastPushed,
                const QString &digest = {}, bool topLevelDigest = true);

    // A queued or building build for the tag, if any.
    static const SimBuild *pendingBuild(const SimRepository &repo, const QString &tag);
    static bool isPending(int status);
    static QString newBuildCode();

private:
    static void sortBuilds(SimRepository &repo);
    void setTag(SimRepository &repo, const QString &tag, const QDateTime &lastPushed,
                const QString &digest = {}, bool topLevelDigest = true);

    QMap<QString, QMap<QString, SimRepository>> m_namespaces;
    qint64 m_nextBuildId = 1000;
    quint64 m_digestSerial = 0;
};
