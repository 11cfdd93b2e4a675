// Measure 7: the build table of the real window (BuildTableModel, its sorting proxy, the status
// decorations and the QTableView, as MainWindow sets them up) with 10,000 rows, applying a
// sweep in which 100 rows change; sorted by a column the changes move, with and without a filter.
#include "BenchTable.h"

#include "BenchCommon.h"

#include "engine/Engine.h"
#include "models/BuildTableModel.h"
#include "secrets/Secrets.h"
#include "ui/window/MainWindow.h"

#include <QApplication>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>

using namespace hubhook;

namespace bench {

namespace {

constexpr int kRepositories = 5000;
constexpr int kTagsPerRepository = 2; // 10,000 rows
constexpr int kChangedRows = 100;
constexpr int kSamples = 40;
constexpr int kWarmUps = 3;
constexpr double kFrameMs = 1000.0 / 60;
// Rows that fail move in and out of this filter as the sweeps go round.
const QString kFilter = QStringLiteral("fail");

Build makeBuild(const QString &repository, const QString &tag, BuildState state, qint64 id,
                const QDateTime &when)
{
    Build b;
    b.repository = repository;
    b.tag = tag;
    b.state = state;
    b.statusCode = state == BuildState::Success ? 10 : state == BuildState::Building ? 2 : -1;
    b.id = id;
    b.buildCode = QStringLiteral("bench%1").arg(id, 10, 10, QLatin1Char('0'));
    b.created = when.addSecs(-300);
    b.updated = when;
    b.url = QStringLiteral("https://hub.docker.com/repository/docker/%1/builds/%2")
                    .arg(repository, b.buildCode);
    return b;
}

} // namespace

TableTiming tableRefreshTiming(int repositories, int changes, int samples, const QString &filter,
                               int sortColumn)
{
    TableTiming t;
    // An engine without a config: the window attaches to it, but every update below is applied
    // to the window's own model directly, as Engine::sweepFinished would.
    QTemporaryDir stateDir;
    MemorySecretStore secrets;
    Engine engine(&secrets);
    engine.setStateDir(stateDir.path());
    MainWindow window(&engine);
    window.resize(1280, 800);
    if (sortColumn >= 0)
        window.view()->sortByColumn(sortColumn,
                                    sortColumn == BuildTableModel::StartedColumn
                                                    || sortColumn == BuildTableModel::UpdatedColumn
                                            ? Qt::DescendingOrder
                                            : Qt::AscendingOrder);
    window.filter()->setText(filter);

    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QString tags[kTagsPerRepository] = { QStringLiteral("latest"), QStringLiteral("dev") };
    WatchState state;
    SweepReport report; // a sweep covers every repository of the namespace
    QStringList keys;
    qint64 nextId = 1;
    for (int i = 0; i < repositories; ++i) {
        const QString name = QStringLiteral("bench/repo-%1").arg(i + 1, 5, 10, QLatin1Char('0'));
        RepoState &s = state.upsert(QStringLiteral("hub"), name);
        s.watch = QStringLiteral("bench/*");
        s.listedUpdated = now.addSecs(-i);
        s.historyUpdated = s.listedUpdated;
        s.historyFetchedAt = now;
        for (const QString &tag : tags) {
            const BuildState st = i % 97 == 0 ? BuildState::Failed
                    : i % 89 == 0             ? BuildState::Building
                                              : BuildState::Success;
            s.builds.append(makeBuild(name, tag, st, nextId++, now.addSecs(-i * 60)));
        }
        keys.append(s.key());
        report.repositories.insert(s.key());
    }
    BuildTableModel *model = window.model();
    model->setNow(now);
    model->reset(state);
    window.show();
    QCoreApplication::processEvents();
    window.view()->viewport()->repaint();
    t.rows = model->rowCount();
    if (t.rows != repositories * kTagsPerRepository) {
        t.error = QStringLiteral("the model shows %1 rows, not %2")
                          .arg(t.rows)
                          .arg(repositories * kTagsPerRepository);
        return t;
    }

    // Each sweep: changes / 2 repositories spread over the table, both tags, move on (success ->
    // building -> failed -> success), so rows change their sort position (and filter) too.
    const BuildState cycle[] = { BuildState::Building, BuildState::Failed, BuildState::Success };
    const int changedRepositories
            = std::max(1, std::min(changes / kTagsPerRepository, repositories));
    const int stride = std::max(1, repositories / changedRepositories);
    QList<double> times;
    int first = 0;
    for (int run = 0; run < samples + kWarmUps; ++run) {
        report.changes.clear();
        for (int k = 0; k < changedRepositories; ++k) {
            const int i = (first + k * stride) % repositories;
            RepoState *s = state.find(keys.at(i));
            QList<Build> builds;
            for (const Build &before : std::as_const(s->builds)) {
                const Build after = makeBuild(s->repository, before.tag, cycle[run % 3], nextId++,
                                              now.addSecs(run));
                report.changes.append(BuildChange { before, after });
                builds.append(after);
            }
            s->builds = builds;
        }
        first += 1;
        const qint64 start = wallNs();
        model->apply(state, report);
        QCoreApplication::processEvents();
        window.view()->viewport()->repaint();
        const double ms = double(wallNs() - start) / 1e6;
        if (run >= kWarmUps)
            times.append(ms);
    }
    t.medianMs = median(times);
    t.p90Ms = percentile(times, 0.9);
    t.maxMs = percentile(times, 1.0);
    t.visibleRows = window.proxy()->rowCount();
    t.ok = true;
    return t;
}

Result measureTableRefresh(const Options &)
{
    Result r;
    r.number = 7;
    r.name = QStringLiteral("Table refresh");
    r.target = QStringLiteral("p90 under one 60 Hz frame (16.7 ms)");

    // Sorted by status (as the window starts) and by the last update, the second with a filter
    // that the changing rows enter and leave; the worse p90 is the figure.
    struct Case
    {
        QString what;
        QString filter;
        int column;
        TableTiming timing;
    };
    QList<Case> cases = {
        { QStringLiteral("sorted by status"), QString(), int(BuildTableModel::StatusColumn), {} },
        { QStringLiteral("sorted by status, filter \"%1\"").arg(kFilter),
          kFilter,
          int(BuildTableModel::StatusColumn),
          {} },
        { QStringLiteral("sorted by last update"),
          QString(),
          int(BuildTableModel::UpdatedColumn),
          {} },
    };
    const Case *worst = nullptr;
    for (Case &c : cases) {
        c.timing = tableRefreshTiming(kRepositories, kChangedRows, kSamples, c.filter, c.column);
        if (!c.timing.ok) {
            r.failed = true;
            r.note = c.timing.error;
            return r;
        }
        if (!worst || c.timing.p90Ms > worst->timing.p90Ms)
            worst = &c;
    }
    const TableTiming &w = worst->timing;
    r.value = QStringLiteral("p90 %1 ms, median %2 ms")
                      .arg(fixed(w.p90Ms, 2), fixed(w.medianMs, 2));
    r.ratio = QStringLiteral("p90 %1, median %2 one 60 Hz frame of %3 ms")
                      .arg(ratioText(w.p90Ms / kFrameMs), ratioText(w.medianMs / kFrameMs),
                           fixed(kFrameMs, 1));
    r.judge(w.p90Ms / kFrameMs, 1.0);
    QStringList each;
    for (const Case &c : std::as_const(cases))
        each.append(QStringLiteral("%1: p90 %2, median %3, max %4 ms (%5 rows shown)")
                            .arg(c.what, fixed(c.timing.p90Ms, 2), fixed(c.timing.medianMs, 2),
                                 fixed(c.timing.maxMs, 2))
                            .arg(c.timing.visibleRows));
    r.note = QStringLiteral("worst case %1; %2 sweeps each after %3 warm-ups, %4 rows, %5 "
                            "changing, %6 platform, window 1280x800. %7")
                     .arg(worst->what)
                     .arg(kSamples)
                     .arg(kWarmUps)
                     .arg(w.rows)
                     .arg(kChangedRows)
                     .arg(QGuiApplication::platformName(), each.join(QStringLiteral("; ")));
    return r;
}

} // namespace bench
