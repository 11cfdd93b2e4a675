#include "models/BuildTableModel.h"
#include "support/Clock.h"

#include "core/SweepReport.h"
#include "engine/Engine.h"
#include "state/WatchState.h"
#include "support/TimeText.h"

#include <QSortFilterProxyModel>

#include <algorithm>

namespace hubhook {

namespace {

// "45s", "3m 20s", "1h 5m", "2d 3h"; `coarse` drops the seconds once there is a minute.
QString formatSpan(qint64 ms, bool coarse)
{
    const qint64 s = ms / 1000;
    const qint64 d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60, sec = s % 60;
    const auto two = [](qint64 a, const char *ua, qint64 b, const char *ub) {
        const QString first = QString::number(a) + QLatin1String(ua);
        return b ? first + QLatin1Char(' ') + QString::number(b) + QLatin1String(ub) : first;
    };
    if (d || h)
        return d ? two(d, "d", h, "h") : two(h, "h", m, "m");
    return m ? two(m, "m", coarse ? 0 : sec, "s") : two(sec, "s", 0, "");
}

// Milliseconds the build took (finished) or has been going on (`running`), -1 when unknown.
qint64 durationMs(const Build &b, bool hasBuild, const QDateTime &now, bool *running)
{
    *running = hasBuild && isActive(b.state);
    if (!hasBuild || b.image || !b.created.isValid()) // an image's push takes no time
        return -1;
    if (*running)
        return std::max<qint64>(0, b.created.msecsTo(now));
    if (!b.updated.isValid() || b.updated < b.created)
        return -1;
    return b.created.msecsTo(b.updated);
}

// Sorted, distinct rows as contiguous [first, last] ranges, lowest first.
QList<std::pair<int, int>> rowRanges(QList<int> rows)
{
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QList<std::pair<int, int>> ranges;
    for (int row : std::as_const(rows)) {
        if (!ranges.isEmpty() && ranges.last().second == row - 1)
            ranges.last().second = row;
        else
            ranges.append({ row, row });
    }
    return ranges;
}

} // namespace

BuildTableModel::BuildTableModel(QObject *parent) : QAbstractTableModel(parent) { }

QString BuildTableModel::rowKey(const QString &account, const QString &repository,
                                const QString &tag)
{
    return account + QLatin1Char('|') + repository + QLatin1Char('|') + tag;
}

void BuildTableModel::attach(Engine *engine)
{
    disconnect(m_connection);
    reset(engine->state());
    m_connection = connect(
            engine, &Engine::sweepFinished, this,
            [this, engine](const SweepReport &report) { apply(engine->state(), report); });
}

void BuildTableModel::reset(const WatchState &state)
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_repos.clear();
    for (const RepoState &s : state.all()) {
        m_repos.insert(s.key(), repoOf(s));
        for (const Row &row : rowsFor(s)) {
            m_index.insert(row.key, int(m_rows.size()));
            m_rows.append(row);
        }
    }
    endResetModel();
}

QList<BuildTableModel::Row> BuildTableModel::rowsFor(const RepoState &s)
{
    QList<Row> rows;
    Row row;
    row.account = s.account;
    row.repository = s.repository;
    row.error = s.error;
    row.noAutomatedBuilds = s.noAutomatedBuilds;
    if (s.builds.isEmpty()) {
        row.key = rowKey(s.account, s.repository, QString());
        rows.append(row);
        return rows;
    }
    row.hasBuild = true;
    for (const Build &b : s.builds) {
        // One row per tag: the engine keeps the newest build of each, but never trust it twice.
        auto same = [&b](const Row &r) { return r.build.tag == b.tag; };
        if (std::any_of(rows.cbegin(), rows.cend(), same))
            continue;
        row.key = rowKey(s.account, s.repository, b.tag);
        row.build = b;
        rows.append(row);
    }
    return rows;
}

BuildTableModel::Repo BuildTableModel::repoOf(const RepoState &s)
{
    return Repo { s.account, s.repository, s.builds, s.error, s.noAutomatedBuilds };
}

void BuildTableModel::apply(const WatchState &state, const SweepReport &report)
{
    QList<int> removed, changed;
    QList<Row> added;
    bool forgotten = false;
    const QList<Update> updates = collectUpdates(state, report, &removed, &forgotten);
    if (forgotten)
        forgetRemoved(state, &removed);
    removeRowList(removed);
    applyUpdates(updates, &changed, &added);
    emitChanged(changed);
    appendRows(added);
}

// Repositories the state forgot, covered by the sweep or not: a hash lookup each, no diff.
void BuildTableModel::forgetRemoved(const WatchState &state, QList<int> *removed)
{
    for (auto it = m_repos.begin(); it != m_repos.end();) {
        if (state.find(it.key())) {
            ++it;
            continue;
        }
        collectRemovals(it.value(), {}, removed);
        it = m_repos.erase(it);
    }
}

// One pass over the state with one lookup per repository, as a sweep covers every repository
// of a namespace: unchanged ones (same shared build list, same error) cost nothing, changed ones
// count when the sweep covered them, new ones (covered or not) always. `forgotten`: the model
// knows repositories the state no longer has.
QList<BuildTableModel::Update> BuildTableModel::collectUpdates(const WatchState &state,
                                                               const SweepReport &report,
                                                               QList<int> *removed,
                                                               bool *forgotten) const
{
    QList<Update> updates;
    qsizetype known = 0;
    const QHash<QString, RepoState> &repos = state.repositories();
    for (auto it = repos.cbegin(); it != repos.cend(); ++it) {
        const RepoState &s = it.value();
        const auto old = m_repos.constFind(it.key());
        if (old != m_repos.constEnd()) {
            ++known;
            if ((old->error == s.error && old->noAutomatedBuilds == s.noAutomatedBuilds
                 && old->builds.size() == s.builds.size()
                 && old->builds.constData() == s.builds.constData())
                || !report.repositories.contains(it.key()))
                continue;
        }
        Update u { &s, rowsFor(s) };
        if (old != m_repos.constEnd())
            collectRemovals(*old, u.wanted, removed);
        updates.append(u);
    }
    *forgotten = known != m_repos.size();
    return updates;
}

void BuildTableModel::applyUpdates(const QList<Update> &updates, QList<int> *changed,
                                   QList<Row> *added)
{
    for (const Update &u : updates) {
        for (const Row &row : u.wanted) {
            const int at = m_index.value(row.key, -1);
            if (at < 0) {
                added->append(row);
                continue;
            }
            Row &old = m_rows[at];
            if (old.build != row.build || old.error != row.error || old.hasBuild != row.hasBuild
                || old.noAutomatedBuilds != row.noAutomatedBuilds)
                changed->append(at);
            old = row;
        }
        m_repos.insert(u.state->key(), repoOf(*u.state));
    }
}

void BuildTableModel::appendRows(QList<Row> added)
{
    if (added.isEmpty())
        return;
    // QSet order varies between runs: append in a stable order, each repository's tags newest
    // first as the engine keeps them.
    std::stable_sort(added.begin(), added.end(), [](const Row &a, const Row &b) {
        return a.repository != b.repository ? a.repository < b.repository : a.account < b.account;
    });
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(added.size()) - 1);
    for (const Row &row : std::as_const(added)) {
        m_index.insert(row.key, int(m_rows.size()));
        m_rows.append(row);
    }
    endInsertRows();
}

void BuildTableModel::collectRemovals(const Repo &repo, const QList<Row> &wanted,
                                      QList<int> *removed) const
{
    QStringList oldKeys;
    if (repo.builds.isEmpty())
        oldKeys.append(rowKey(repo.account, repo.repository, QString()));
    for (const Build &b : repo.builds)
        oldKeys.append(rowKey(repo.account, repo.repository, b.tag));
    for (const QString &key : std::as_const(oldKeys)) {
        auto same = [&key](const Row &r) { return r.key == key; };
        if (std::any_of(wanted.cbegin(), wanted.cend(), same))
            continue;
        const int at = m_index.value(key, -1);
        if (at >= 0)
            removed->append(at);
    }
}

void BuildTableModel::removeRowList(const QList<int> &rows)
{
    const auto ranges = rowRanges(rows);
    // Highest range first, so the lower indices stay valid.
    for (auto it = ranges.crbegin(); it != ranges.crend(); ++it) {
        const auto [first, last] = *it;
        beginRemoveRows(QModelIndex(), first, last);
        for (int i = first; i <= last; ++i)
            m_index.remove(m_rows.at(i).key);
        m_rows.remove(first, last - first + 1);
        for (int i = first; i < m_rows.size(); ++i)
            m_index[m_rows.at(i).key] = i;
        endRemoveRows();
    }
}

void BuildTableModel::emitChanged(const QList<int> &rows)
{
    for (const auto &[first, last] : rowRanges(rows))
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void BuildTableModel::setNow(const QDateTime &now) { m_now = now; }

QDateTime BuildTableModel::now() const { return m_now.isValid() ? m_now : Clock::now(); }

void BuildTableModel::refreshRelativeTimes()
{
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, StartedColumn), index(int(m_rows.size()) - 1, DurationColumn),
                       { Qt::DisplayRole, SortRole });
}

int BuildTableModel::rowForKey(const QString &key) const { return m_index.value(key, -1); }

Build BuildTableModel::buildAt(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return Build();
    return m_rows.at(row).build;
}

int BuildTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int BuildTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BuildTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return QVariant();
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return cellData(row, index.column(), false);
    case Qt::ToolTipRole:
        return toolTipData(row, index.column());
    case SortRole:
        return cellData(row, index.column(), true);
    case StatusRole:
        return int(row.build.state);
    case BuildRole:
        return QVariant::fromValue(row.build);
    case RepositoryRole:
        return row.repository;
    case TagRole:
        return row.build.tag;
    case UrlRole:
        return row.build.url;
    case ErrorRole:
        return row.error;
    case KeyRole:
        return row.key;
    case AccountRole:
        return row.account;
    default:
        return QVariant();
    }
}

QVariant BuildTableModel::cellData(const Row &row, int column, bool sort) const
{
    const Build &b = row.build;
    const QString none = QStringLiteral("-");
    switch (column) {
    case RepositoryColumn: // when sorting, the account breaks ties (a tab sorts before names)
        return sort ? QString(row.repository + QLatin1Char('\t') + row.account) : row.repository;
    case TagColumn:
        return row.hasBuild ? tagText(b) : sort ? QString() : none;
    case StatusColumn:
        if (row.hasBuild)
            return sort ? QVariant(statusSeverity(b.state)) : QVariant(statusText(b));
        if (sort)
            return int(row.error.isEmpty() ? NoBuildSeverity : RepositoryErrorSeverity);
        if (!row.error.isEmpty())
            return QStringLiteral("error");
        return row.noAutomatedBuilds ? tr("no automated builds") : none;
    case StartedColumn:
    case UpdatedColumn: {
        const QDateTime &time = column == StartedColumn ? b.created : b.updated;
        if (sort)
            return time.isValid() ? QVariant(time) : QVariant();
        if (b.image && column == UpdatedColumn && time.isValid())
            return tr("pushed %1").arg(formatAge(time, now())); // "pushed 3h ago"
        return formatAge(time, now()); // "-" when invalid
    }
    case DurationColumn: {
        bool running = false;
        const qint64 ms = durationMs(b, row.hasBuild, now(), &running);
        if (ms < 0)
            return sort ? QVariant() : QVariant(none);
        if (sort || !running)
            return sort ? QVariant(ms) : QVariant(formatSpan(ms, false));
        return (b.state == BuildState::Queued ? QStringLiteral("queued %1")
                                              : QStringLiteral("running %1"))
                .arg(formatSpan(ms, true));
    }
    case CauseColumn:
        if (row.hasBuild && b.image)
            return imageDetail(b);
        return sort || !b.cause.isEmpty() ? b.cause : none;
    case ProviderColumn:
        return row.hasBuild ? providerText(b) : sort ? QString() : none;
    }
    return QVariant();
}

QVariant BuildTableModel::toolTipData(const Row &row, int column) const
{
    const Build &b = row.build;
    const bool active = row.hasBuild && isActive(b.state);
    QString tip;
    if (column == RepositoryColumn)
        tip = QStringLiteral("%1 (account %2)").arg(row.repository, row.account);
    else if (row.hasBuild && b.image
             && (column == TagColumn || column == StatusColumn || column == CauseColumn
                 || column == UpdatedColumn))
        tip = imageDetails(b)
                + (column == TagColumn && !b.url.isEmpty() ? QStringLiteral("\n") + b.url
                                                           : QString());
    else if (column == TagColumn && isWorkflowRun(b))
        tip = workflowRunDetails(b) + QStringLiteral("\n") + b.url;
    else if (column == TagColumn)
        tip = b.url;
    else if (column == StatusColumn && row.hasBuild && isWorkflowRun(b))
        tip = workflowRunDetails(b);
    else if (column == StatusColumn && row.hasBuild)
        tip = QStringLiteral("status code %1, build %2").arg(b.statusCode).arg(b.id);
    else if (column == StartedColumn)
        tip = formatApiTime(b.created);
    else if (column == UpdatedColumn)
        tip = formatApiTime(b.updated);
    else if (column == DurationColumn && active && b.created.isValid())
        tip = QStringLiteral("since %1").arg(formatApiTime(b.created));
    else if (column == DurationColumn && b.created.isValid() && b.updated.isValid())
        tip = QStringLiteral("%1 to %2").arg(formatApiTime(b.created), formatApiTime(b.updated));
    if (!row.error.isEmpty())
        tip += (tip.isEmpty() ? QString() : QStringLiteral("\n")) + QStringLiteral("Error: ")
                + row.error;
    else if (!row.hasBuild && row.noAutomatedBuilds && column == StatusColumn)
        tip = tr("The provider has no build history for this repository: its images are "
                 "pushed from elsewhere (a CI job). Checked again every few hours.");
    return tip.isEmpty() ? QVariant() : QVariant(tip);
}

QVariant BuildTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char *const titles[ColumnCount]
            = { QT_TR_NOOP("Repository"), QT_TR_NOOP("Tag / workflow"), QT_TR_NOOP("Status"),
                QT_TR_NOOP("Started"),    QT_TR_NOOP("Updated"),        QT_TR_NOOP("Duration"),
                QT_TR_NOOP("Cause"),      QT_TR_NOOP("Provider") };
    if (section < 0 || section >= ColumnCount)
        return QVariant();
    return tr(titles[section]);
}

QHash<int, QByteArray> BuildTableModel::roleNames() const
{
    static const std::pair<int, const char *> custom[] = {
        { SortRole, "sortValue" },        { StatusRole, "status" }, { BuildRole, "build" },
        { RepositoryRole, "repository" }, { TagRole, "tag" },       { UrlRole, "url" },
        { ErrorRole, "error" },           { KeyRole, "key" },       { AccountRole, "account" }
    };
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    for (const auto &[role, name] : custom)
        names.insert(role, name);
    return names;
}

QSortFilterProxyModel *BuildTableModel::createProxy(BuildTableModel *source, QObject *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(source);
    proxy->setSortRole(SortRole);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy->setDynamicSortFilter(true);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setFilterKeyColumn(-1);
    return proxy;
}

} // namespace hubhook
