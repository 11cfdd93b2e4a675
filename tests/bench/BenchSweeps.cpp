// Measures 1-3: what one sweep costs in requests, in wall time against the network bound and in
// CPU against a client that fetches the same responses and parses nothing.
#include "BenchCommon.h"

#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "simulator/SimulatedHub.h"

#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUrlQuery>

using namespace hubhook;

namespace bench {

namespace {

constexpr int kChanged = 10;
constexpr int kActive = 5;
constexpr int kConcurrency = 4; // Config's default
constexpr int kLatencyMs = 20;

QString freshDir(const Options &o, const QString &what)
{
    static int n = 0;
    const QString dir = o.scratch + QStringLiteral("/%1-%2").arg(what).arg(++n);
    QDir().mkpath(dir);
    return dir;
}

} // namespace

// 1. The simulator runs in this process: only the number of requests it receives matters.
Result measureWarmRequests(const Options &o)
{
    Result r;
    r.number = 1;
    r.name = QStringLiteral("Requests per warm sweep");
    r.target = QStringLiteral("at most pages + changed + active, a ratio of 40x or better");

    SimulatedHub hub;
    hub.generateRepositories(kNamespace, o.repositories);
    const int n = o.repositories;
    // Five repositories with a build running (status 2): the engine re-reads them every sweep.
    QStringList active;
    for (int i = 0; i < kActive; ++i) {
        active.append(generatedRepository(n / 2 + i * 7 + 1, n));
        SimBuild building;
        building.status = 2;
        hub.addBuild(active.last(), building, true);
    }
    if (hub.listen() == 0) {
        r.failed = true;
        r.note = QStringLiteral("the simulator could not listen");
        return r;
    }
    MemorySecretStore secrets;
    Engine engine(&secrets);
    engine.setStateDir(freshDir(o, QStringLiteral("warm")));
    if (!applyConfig(engine, benchConfig(hub.baseUrl(), kConcurrency))) {
        r.failed = true;
        r.note = QStringLiteral("the engine did not apply its config");
        return r;
    }
    if (!timedSweep(engine).ok) { // cold: lists and reads every history
        r.failed = true;
        r.note = QStringLiteral("the cold sweep did not finish");
        return r;
    }
    // Three warm rounds, each with ten other repositories pushed (a new successful build,
    // `last_updated` moves); the worst round counts.
    int worst = 0, pages = 0, fetched = 0;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < kChanged; ++i) {
            SimBuild pushed;
            pushed.status = 10;
            hub.addBuild(generatedRepository(1 + (round * 97 + i * 13) % n, n), pushed, true);
        }
        hub.resetCounts();
        const TimedSweep t = timedSweep(engine);
        if (!t.ok) {
            r.failed = true;
            r.note = QStringLiteral("a warm sweep did not finish");
            return r;
        }
        const int requests = hub.requestCount();
        if (requests >= worst) {
            worst = requests;
            pages = t.report.listingPages;
            fetched = t.report.historiesFetched;
        }
    }
    const int wanted = pages + kChanged + kActive;
    // The seed's poller: one listing, then every repository's history.
    const int seedRequests = o.repositories + 1;
    const double ratio = double(seedRequests) / std::max(1, worst);
    r.value = QStringLiteral("%1 requests").arg(worst);
    r.ratio = QStringLiteral("%1 fewer than the seed's %2").arg(ratioText(ratio)).arg(seedRequests);
    r.judge(ratio, 40.0, true);
    r.pass = r.pass && worst <= wanted;
    r.cell = QStringLiteral("%1 (%2 fewer)").arg(worst).arg(ratioText(ratio));
    r.note = QStringLiteral("%1 listing pages + %2 histories (%3 changed + %4 building); "
                            "bound pages + changed + active = %5")
                     .arg(pages)
                     .arg(fetched)
                     .arg(kChanged)
                     .arg(kActive)
                     .arg(wanted);
    return r;
}

// 2. The simulator runs in its own process so that the engine's CPU cannot delay its answers
// (on two cores the two processes do not compete with a third).
Result measureColdSweepTime(const Options &o)
{
    Result r;
    r.number = 2;
    r.name = QStringLiteral("Cold sweep time against the network limit");
    r.target = QStringLiteral("<= 1.15x the bound");
    SimulatorProcess sim;
    QString error;
    if (!sim.start(generatedScenario(o.repositories, kLatencyMs), o.scratch, &error)) {
        r.failed = true;
        r.note = error;
        return r;
    }
    QList<double> walls, simCpu, engineCpu;
    int pages = 0;
    for (int run = 0; run < o.coldRuns; ++run) {
        MemorySecretStore secrets;
        Engine engine(&secrets);
        engine.setStateDir(freshDir(o, QStringLiteral("cold")));
        if (!applyConfig(engine, benchConfig(sim.url(), kConcurrency))) {
            r.failed = true;
            r.note = QStringLiteral("the engine did not apply its config");
            return r;
        }
        const ProcSample simBefore = sampleProcess(sim.pid());
        const TimedSweep t = timedSweep(engine);
        simCpu.append(double(sampleProcess(sim.pid()).cpuNs - simBefore.cpuNs) / 1e6);
        engineCpu.append(double(t.cpuNs) / 1e6);
        if (!t.ok || t.report.historiesFetched != o.repositories) {
            r.failed = true;
            r.note = QStringLiteral("the cold sweep did not read every history (%1 of %2)")
                             .arg(t.report.historiesFetched)
                             .arg(o.repositories);
            return r;
        }
        pages = t.report.listingPages;
        walls.append(double(t.wallNs) / 1e6);
    }
    const double bound = pages * kLatencyMs + double(o.repositories) * kLatencyMs / kConcurrency;
    const double wall = median(walls);
    const double ratio = wall / bound;
    r.value = QStringLiteral("%1 ms").arg(fixed(wall, 0));
    r.ratio = QStringLiteral("%1 the bound %2 ms = %3 pages x %4 ms + %5 repositories x %4 ms / %6")
                      .arg(ratioText(ratio))
                      .arg(fixed(bound, 0))
                      .arg(pages)
                      .arg(kLatencyMs)
                      .arg(o.repositories)
                      .arg(kConcurrency);
    r.judge(ratio, 1.15);
    r.cell = QStringLiteral("%1 s, %2").arg(fixed(wall / 1000, 1), ratioText(ratio));
    // Histories are read while the next listing page loads, so a sweep can beat the bound; the
    // tightest schedule packs every request into the slots: (pages + repositories) x latency /
    // concurrency.
    const double packed = double(pages + o.repositories) * kLatencyMs / kConcurrency;
    r.note = QStringLiteral("median of %3 cold sweeps (%1 ms), concurrency %2, simulator in its "
                            "own process; histories are read while the next listing page loads, "
                            "so the tightest possible schedule is %4 ms (%5 of it). CPU during "
                            "a sweep (medians): this process %6 ms, the simulator %7 ms")
                     .arg([&] {
                         QStringList s;
                         for (double w : walls)
                             s.append(fixed(w, 0));
                         return s.join(QStringLiteral(", "));
                     }())
                     .arg(kConcurrency)
                     .arg(o.coldRuns)
                     .arg(fixed(packed, 0), ratioText(wall / packed))
                     .arg(fixed(median(engineCpu), 0), fixed(median(simCpu), 0));
    return r;
}

namespace {

// The floor of measure 3: the same GETs (the listing pages one after the other, then every
// history with the same concurrency and headers), each reply read and thrown away.
qint64 floorFetch(const QUrl &base, int pages, int repositories, int concurrency)
{
    QNetworkAccessManager nam;
    auto url = [&](const QString &path, const QList<QPair<QString, QString>> &query) {
        QUrl u = base;
        u.setPath(path);
        QUrlQuery q;
        q.setQueryItems(query);
        u.setQuery(q);
        return u;
    };
    QList<QUrl> histories;
    for (int i = 1; i <= repositories; ++i)
        histories.append(url(QStringLiteral("/v2/repositories/%1/buildhistory/")
                                     .arg(generatedRepository(i, repositories)),
                             { { QStringLiteral("page"), QStringLiteral("1") },
                               { QStringLiteral("page_size"), QStringLiteral("10") } }));
    QEventLoop loop;
    int page = 0, next = 0, running = 0, done = 0;
    std::function<void()> pump;
    auto get = [&](const QUrl &u, std::function<void()> after) {
        QNetworkRequest request(u);
        request.setRawHeader("Accept", "application/json");
        request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Hubhook-bench-floor"));
        QNetworkReply *reply = nam.get(request);
        QObject::connect(reply, &QNetworkReply::finished, &loop, [reply, after] {
            reply->readAll();
            reply->deleteLater();
            after();
        });
    };
    pump = [&] {
        while (running < concurrency && next < histories.size()) {
            ++running;
            get(histories.at(next++), [&] {
                --running;
                if (++done == histories.size())
                    loop.quit();
                else
                    pump();
            });
        }
    };
    std::function<void()> listPage = [&] {
        ++page;
        get(url(QStringLiteral("/v2/namespaces/%1/repositories").arg(kNamespace),
                { { QStringLiteral("page"), QString::number(page) },
                  { QStringLiteral("page_size"), QStringLiteral("100") } }),
            [&] { page < pages ? listPage() : pump(); });
    };
    const qint64 cpu = processCpuNs();
    listPage();
    QTimer::singleShot(120000, &loop, &QEventLoop::quit);
    loop.exec();
    return done == histories.size() ? processCpuNs() - cpu : -1;
}

} // namespace

// 3. The engine runs in this process and the simulator in its own, so this process's CPU time
// (CLOCK_PROCESS_CPUTIME_ID: every thread, including Qt's HTTP thread) is the client's alone.
// Engine and floor runs alternate so that a noisy neighbour hits both alike.
Result measureEngineCpu(const Options &o)
{
    Result r;
    r.number = 3;
    r.name = QStringLiteral("Engine CPU per sweep");
    r.target = QStringLiteral("<= 1.5x the floor");
    SimulatorProcess sim;
    QString error;
    if (!sim.start(generatedScenario(o.repositories, 0), o.scratch, &error)) {
        r.failed = true;
        r.note = error;
        return r;
    }
    QList<double> engineMs, floorMs, saveMs;
    int pages = 0;
    const int kRuns = std::max(2, o.cpuRuns); // the first of each is a warm-up and is dropped
    for (int run = 0; run < kRuns; ++run) {
        MemorySecretStore secrets;
        Engine engine(&secrets);
        engine.setStateDir(freshDir(o, QStringLiteral("cpu")));
        if (!applyConfig(engine, benchConfig(sim.url(), kConcurrency))) {
            r.failed = true;
            r.note = QStringLiteral("the engine did not apply its config");
            return r;
        }
        const TimedSweep t = timedSweep(engine);
        if (!t.ok || t.report.historiesFetched != o.repositories) {
            r.failed = true;
            r.note = QStringLiteral("the cold sweep did not read every history");
            return r;
        }
        pages = t.report.listingPages;
        const qint64 floor = floorFetch(sim.url(), pages, o.repositories, kConcurrency);
        if (floor < 0) {
            r.failed = true;
            r.note = QStringLiteral("the floor client did not finish");
            return r;
        }
        if (run == 0)
            continue;
        engineMs.append(double(t.cpuNs) / 1e6);
        floorMs.append(double(floor) / 1e6);
        // What part of it is writing state.json (Engine::saveState at the end of a sweep).
        const qint64 before = processCpuNs();
        QString saveError;
        engine.state().save(o.scratch + QStringLiteral("/cpu-state-copy.json"), &saveError);
        saveMs.append(double(processCpuNs() - before) / 1e6);
    }
    const double engine = median(engineMs), floor = median(floorMs);
    const double ratio = engine / floor;
    r.value = QStringLiteral("%1 ms CPU").arg(fixed(engine, 0));
    r.ratio = QStringLiteral("%1 the floor's %2 ms: plain QNetworkAccessManager, same %3 GETs, "
                             "no parsing")
                      .arg(ratioText(ratio))
                      .arg(fixed(floor, 0))
                      .arg(pages + o.repositories);
    r.judge(ratio, 1.5);
    r.cell = QStringLiteral("%1 ms, %2").arg(fixed(engine, 0), ratioText(ratio));
    auto list = [](const QList<double> &v) {
        QStringList s;
        for (double x : v)
            s.append(fixed(x, 0));
        return s.join(QStringLiteral(", "));
    };
    const double save = median(saveMs);
    r.note = QStringLiteral("medians of %1 alternating runs after a warm-up; engine %2 ms, floor "
                            "%3 ms; zero latency, simulator in its own process. Of the engine's "
                            "%4 ms, writing state.json for %5 repositories (WatchState::save, "
                            "timed apart) is %6 ms; without it the ratio would be %7")
                     .arg(kRuns - 1)
                     .arg(list(engineMs), list(floorMs), fixed(engine, 0))
                     .arg(o.repositories)
                     .arg(fixed(save, 1), ratioText((engine - save) / floor));
    return r;
}

} // namespace bench
