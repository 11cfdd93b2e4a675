#pragma once

#include "core/Build.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QMetaObject>
#include <QString>

class QSortFilterProxyModel;

namespace hubhook {

class Engine;
class WatchState;
struct RepoState;
struct SweepReport;

// One row per (account, repository, tag): the newest build of each tag (for a provider of
// workflow runs, of each workflow and branch). A repository without builds (not read yet, or only
// an error) has one row with an empty tag. Qt Core only: the widget layer colours rows by
// StatusRole.
class BuildTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RepositoryColumn,
        TagColumn,
        StatusColumn,
        StartedColumn,
        UpdatedColumn,
        DurationColumn,
        CauseColumn,
        ProviderColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        // Raw values for sorting: QString, QDateTime, qint64 msecs (Duration) or the status
        // severity (int, see statusSeverity()). Unknown values are an invalid QVariant, which
        // QSortFilterProxyModel sorts last in ascending order.
        SortRole = Qt::UserRole + 1,
        StatusRole, // int(hubhook::BuildState); Unknown for a repository without builds
        BuildRole, // QVariant::fromValue<hubhook::Build>
        RepositoryRole, // "ns/name"
        TagRole,
        UrlRole,
        ErrorRole, // the repository's latest error, empty when fine
        KeyRole, // "account|ns/name|tag", stable for the life of the row
        AccountRole
    };
    Q_ENUM(Role)

    // Severity used by SortRole on the Status column, most urgent first.
    enum Severity {
        FailedSeverity,
        StaleSeverity, // an image tag older than its watch's max_age
        RepositoryErrorSeverity, // no build known, but the repository has an error
        NeedsAttentionSeverity,
        CancelledSeverity,
        QueuedSeverity,
        BuildingSeverity,
        SuccessSeverity,
        SkippedSeverity,
        UnknownSeverity,
        NoBuildSeverity
    };
    static int statusSeverity(BuildState state);

    // The words the table uses. Tag column: a build's tag ("latest"), or a workflow run's
    // workflow and branch ("CI · main"; its row key "ci.yml@main" is never shown). Status:
    // the state's name, "waits for approval" for NeedsAttention. Provider: the provider's
    // display name (core/ProviderInfo). A workflow run's details (run, attempt, branch,
    // commit, actor, event), one per line, for tooltips.
    // Image rows (Build::image): the tag, for a glob with its newest match ("v1.* → v1.2");
    // "fresh" or "stale"; the registry's name; the detail "digest 0123456789ab · max age
    // 1d2h"; and a tooltip with the full digest, the last push and the limit.
    static bool isWorkflowRun(const Build &build);
    static QString tagText(const Build &build);
    static QString statusText(BuildState state);
    static QString statusText(const Build &build);
    static QString providerName(const QString &provider);
    static QString providerText(const Build &build);
    static QString workflowRunDetails(const Build &build);
    static QString imageDetail(const Build &build);
    static QString imageDetails(const Build &build);

    explicit BuildTableModel(QObject *parent = nullptr);

    // Resets from the engine's current state, then applies every Engine::sweepFinished.
    void attach(Engine *engine);
    // Full model reset: only at start.
    void reset(const WatchState &state);
    // Incremental update after a sweep: dataChanged, inserts at the end, removals; never a reset.
    void apply(const WatchState &state, const SweepReport &report);

    // The clock for relative times; an invalid time (the default) means the current time.
    void setNow(const QDateTime &now);
    QDateTime now() const;
    // dataChanged for the Started, Updated and Duration columns of every row.
    void refreshRelativeTimes();

    int rowForKey(const QString &key) const; // -1 when absent
    Build buildAt(int row) const; // a default Build when out of range or without builds
    static QString rowKey(const QString &account, const QString &repository, const QString &tag);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // A proxy sorting by SortRole (dynamically) and filtering case-insensitively on the display
    // text of every column.
    static QSortFilterProxyModel *createProxy(BuildTableModel *source, QObject *parent = nullptr);

private:
    struct Row
    {
        QString key;
        QString account;
        QString repository;
        QString error;
        Build build; // a default Build (tag "") for a repository without builds
        bool hasBuild = false;
        bool noAutomatedBuilds = false; // see RepoState
    };
    struct Repo
    {
        QString account;
        QString repository;
        QList<Build> builds; // shared with the WatchState's list while it is unchanged
        QString error;
        bool noAutomatedBuilds = false;
    };
    struct Update
    {
        const RepoState *state;
        QList<Row> wanted;
    };
    static Repo repoOf(const RepoState &state);
    void forgetRemoved(const WatchState &state, QList<int> *removed);
    QList<Update> collectUpdates(const WatchState &state, const SweepReport &report,
                                 QList<int> *removed, bool *forgotten) const;
    void applyUpdates(const QList<Update> &updates, QList<int> *changed, QList<Row> *added);
    void appendRows(QList<Row> added);
    QVariant cellData(const Row &row, int column, bool sort) const; // Display or SortRole
    QVariant toolTipData(const Row &row, int column) const;
    static QList<Row> rowsFor(const RepoState &state);
    void collectRemovals(const Repo &repo, const QList<Row> &wanted, QList<int> *removed) const;
    void removeRowList(const QList<int> &rows);
    void emitChanged(const QList<int> &rows);

    QList<Row> m_rows;
    QHash<QString, int> m_index; // row key -> row
    QHash<QString, Repo> m_repos; // repository key -> what the rows were built from
    QDateTime m_now;
    QMetaObject::Connection m_connection;
};

} // namespace hubhook

Q_DECLARE_METATYPE(hubhook::Build)
