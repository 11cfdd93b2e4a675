// The scaling table: the suite's costs at 100, 1,000 and 10,000 watched repositories, each cell
// a figure and its ratio against a reference measured in the same run, so a reader sees how
// each cost grows. Also the verdicts that only 10,000 repositories can give (start-up and
// memory), and what bounds state.json: its size, its load time against parsing the same bytes
// with QJsonDocument, and the heap it takes once loaded.
#include "BenchCommon.h"
#include "BenchTable.h"

#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "simulator/SimulatedHub.h"
#include "state/WatchState.h"

#include <malloc.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

using namespace hubhook;

namespace bench {

namespace {

struct StateFigures
{
    bool ok = false;
    qint64 bytes = 0;
    double loadMs = 0;
    double parseMs = 0; // QJsonDocument::fromJson of the same bytes: the parse-speed reference
    double heapPerRepoBytes = 0;
};

qint64 heapInUse() { return qint64(mallinfo2().uordblks); }

// A cold sweep of `n` repositories against an in-process simulator writes a real state.json.
StateFigures stateFigures(const Options &o, int n)
{
    StateFigures f;
    SimulatedHub hub;
    hub.generateRepositories(kNamespace, n);
    if (hub.listen() == 0)
        return f;
    const QString dir = o.scratch + QStringLiteral("/scaling-state-%1").arg(n);
    QDir().mkpath(dir);
    {
        MemorySecretStore secrets;
        Engine engine(&secrets);
        engine.setStateDir(dir);
        Config config = benchConfig(hub.baseUrl(), 16);
        if (!applyConfig(engine, config) || !timedSweep(engine, 600000).ok)
            return f;
    }
    const QString path = dir + QStringLiteral("/state.json");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return f;
    const QByteArray bytes = file.readAll();
    f.bytes = bytes.size();
    QList<double> load, parse;
    for (int run = 0; run < 6; ++run) {
        qint64 t = wallNs();
        const QJsonDocument doc = QJsonDocument::fromJson(bytes);
        if (run > 0)
            parse.append(double(wallNs() - t) / 1e6);
        if (doc.isNull())
            return f;
        const qint64 heap = heapInUse();
        t = wallNs();
        auto state = std::make_unique<WatchState>();
        QString warning;
        state->load(path, &warning);
        if (run > 0)
            load.append(double(wallNs() - t) / 1e6);
        if (state->size() != n)
            return f;
        f.heapPerRepoBytes = double(heapInUse() - heap) / n;
    }
    f.loadMs = median(load);
    f.parseMs = median(parse);
    f.ok = true;
    return f;
}

QString stateCellOf(const StateFigures &state)
{
    return state.ok ? QStringLiteral("%1 KiB, %2 ms (%3), %4 B/repo")
                              .arg(state.bytes / 1024)
                              .arg(fixed(state.loadMs, 1), ratioText(state.loadMs / state.parseMs))
                              .arg(qRound(state.heapPerRepoBytes))
                    : QStringLiteral("n/a");
}

QString cellOf(const Result &r)
{
    if (r.failed)
        return QStringLiteral("n/a");
    return r.cell.isEmpty() ? r.value : r.cell;
}

} // namespace

QString stateFiguresText(const Options &o, int repositories)
{
    return QStringLiteral("state.json of %1 repositories: size, load (against parsing it), heap "
                          "per repository: %2")
            .arg(repositories)
            .arg(stateCellOf(stateFigures(o, repositories)));
}

QStringList scalingTable(const Options &base, const std::function<void(const QString &)> &progress,
                         QList<Result> *verdicts)
{
    const QList<int> sizes { 100, 1000, 10000 };
    QStringList rows;
    rows.append(QStringLiteral("Scaling (each cell: the figure, then its ratio against the "
                               "reference measured in the same run):"));
    rows.append(QStringLiteral("| repositories | warm-sweep requests (vs the seed) | cold sweep "
                               "(vs the bound) | CPU per sweep (vs the floor) | RSS (vs the bare "
                               "app) | start-up (vs the bare app) | state.json: size, load (vs "
                               "parse), heap | table refresh 100 changes: median, p90 (vs 16.7 "
                               "ms) |"));
    rows.append(QStringLiteral("|---|---|---|---|---|---|---|---|"));
    for (const int n : sizes) {
        Options o = base;
        o.repositories = n;
        o.idleSeconds = 3;
        o.coldRuns = n >= 10000 ? 1 : 3;
        o.cpuRuns = n >= 10000 ? 3 : 5;
        o.startRuns = 5;
        progress(QStringLiteral("scaling: %1 repositories").arg(n));
        const Result warm = measureWarmRequests(o);
        const Result cold = measureColdSweepTime(o);
        const Result cpu = measureEngineCpu(o);
        const QList<Result> desktop = measureDesktop(o);
        const StateFigures state = stateFigures(o, n);
        const TableTiming table = tableRefreshTiming(n, 100, 20);
        Result rss, start;
        for (const Result &r : desktop) {
            if (r.number == 5)
                rss = r;
            else if (r.number == 6)
                start = r;
        }
        const QString stateCell = stateCellOf(state);
        const QString tableCell = table.rows > 0
                ? QStringLiteral("%1 / %2 ms (%3)")
                          .arg(fixed(table.medianMs, 1), fixed(table.p90Ms, 1),
                               ratioText(table.p90Ms / (1000.0 / 60)))
                : QStringLiteral("n/a");
        rows.append(QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 |")
                            .arg(n)
                            .arg(cellOf(warm), cellOf(cold), cellOf(cpu), cellOf(rss),
                                 cellOf(start), stateCell, tableCell));
        if (n == 10000) {
            // The targets at 10,000 repositories, as verdicts of their own.
            for (Result r : { start, rss }) {
                r.number = r.number == 6 ? 11 : 10;
                r.name += QStringLiteral(" at 10,000 repositories");
                verdicts->append(r);
            }
        }
    }
    return rows;
}

} // namespace bench
