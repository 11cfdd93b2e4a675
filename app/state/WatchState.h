#pragma once

#include "core/Build.h"
#include "core/RepoState.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace hubhook {

// All RepoStates, persisted as JSON in the state directory with QSaveFile. A corrupt file is
// moved aside (never deleted) and Hubhook starts from nothing, with a warning.
class WatchState
{
public:
    RepoState *find(const QString &key);
    const RepoState *find(const QString &key) const;
    RepoState &upsert(const QString &account, const QString &repository);
    void remove(const QString &key);
    QList<RepoState> all() const; // a sorted copy, for output
    QList<Build> rows() const; // the newest build of each tag of each repository, sorted so
    // Every RepoState, unordered and without a copy: for the hot paths (status, tooltips).
    const QHash<QString, RepoState> &repositories() const { return m_repos; }
    int size() const { return int(m_repos.size()); }

    // False with `warning` set when the file was corrupt and has been moved aside (nothing is
    // loaded), or when values in it were ignored (an unknown build status, an unreadable time:
    // the rest is loaded).
    bool load(const QString &path, QString *warning);
    bool save(const QString &path, QString *error) const;

private:
    QHash<QString, RepoState> m_repos;
};

} // namespace hubhook
