// The SIGKILL soak (scripts/soak.sh; not part of CTest). One process, two roles:
//
//   hubhook-soak [--events N] [--kills K] [--seed S] [--every-ms MS] [--kill-gap-ms MS]
//                                                        the orchestrator
//   hubhook-soak child STATE_DIR HEALTHY FLAKY DRIP N MS a worker: the engine's Outbox +
//                                                        Deliverer, killed again and again
//
// The orchestrator serves three receivers (a healthy one and one failing half its attempts in a
// simulated hub, and one answering a byte a second), starts the worker, kills it with SIGKILL at
// random moments, restarts it, and at the end lets the last worker finish and shut down cleanly.
// The worker enqueues event i (one every few tens of ms, a progress file says where it is) for
// all three targets. Prints events expected, delivered, lost and duplicated (the same
// webhook-id answered 2xx twice), the lock files left, and the healthy target's worst delay.
#include "config/Config.h"
#include "core/Payloads.h"
#include "engine/Deliverer.h"
#include "simulator/SimulatedHub.h"
#include "state/Outbox.h"
#include "tests/soak/RawReceiver.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTimer>

#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace hubhook;

namespace {

// By default 1,000 events over about the 150 s of kills: every kill lands in traffic.
constexpr int kEnqueueEveryMs = 150;

QList<qint64> schedule()
{
    QList<qint64> s { 0 };
    for (int i = 0; i < 30; ++i)
        s.append(i < 3 ? 100 : 300);
    return s;
}

int child(const QStringList &args)
{
    QLoggingCategory::setFilterRules(QStringLiteral("hubhook.*=false"));
    const QString stateDir = args.value(2);
    const int events = args.value(6).toInt();
    const int everyMs = args.value(7).toInt() > 0 ? args.value(7).toInt() : kEnqueueEveryMs;
    Outbox outbox(stateDir);
    QNetworkAccessManager nam;
    Deliverer deliverer(&nam, &outbox);
    auto hook = [](const QString &name, const QString &url, qint64 timeoutMs) {
        WebhookConfig w;
        w.name = name;
        w.url = url;
        w.format = WebhookFormat::Json;
        w.timeoutMs = timeoutMs;
        return w;
    };
    deliverer.setTargets({ hook("healthy", args.value(3), 3000), hook("flaky", args.value(4), 3000),
                           hook("drip", args.value(5), 3000) },
                         {}, schedule());
    deliverer.start();

    const QString progressPath = stateDir + QStringLiteral("/soak-progress");
    QFile progress(progressPath);
    int next = progress.open(QIODevice::ReadOnly) ? progress.readAll().trimmed().toInt() : 0;
    progress.close();
    QFile times(stateDir + QStringLiteral("/soak-enqueued"));
    times.open(QIODevice::WriteOnly | QIODevice::Append);
    QTimer enqueue;
    QObject::connect(&enqueue, &QTimer::timeout, [&] {
        if (next >= events) {
            enqueue.stop();
            return;
        }
        // The time first: a kill before the progress write re-enqueues it on the next run,
        // and the delay counts from the first try (the restart included).
        times.write(QStringLiteral("%1 %2\n")
                            .arg(next)
                            .arg(QDateTime::currentMSecsSinceEpoch())
                            .toLatin1());
        times.flush();
        Event e = sampleEvent(QDateTime::currentDateTimeUtc());
        e.id = QStringLiteral("soak_%1").arg(next);
        deliverer.enqueue(e); // a re-added one (killed before the progress write) is refused
        ++next;
        QSaveFile p(progressPath); // atomic: a kill must not leave it empty (= start over)
        if (p.open(QIODevice::WriteOnly)) {
            p.setDirectWriteFallback(false);
            p.write(QByteArray::number(next));
            p.commit();
        }
    });
    enqueue.start(everyMs);
    // A line on stdin (or its end) asks for a clean shutdown.
    QSocketNotifier quit(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&quit, &QSocketNotifier::activated, qApp, &QCoreApplication::quit);
    return QCoreApplication::exec();
}

int orchestrate(int events, int kills, quint32 seed, int everyMs, int meanGapMs)
{
    QRandomGenerator random(seed);
    SimulatedHub hub;
    if (!hub.listen(0))
        return 2;
    SimFault flaky;
    flaky.pathContains = QStringLiteral("/hooks/flaky");
    flaky.kind = SimFaultKind::ServerError;
    flaky.status = 503;
    flaky.everyNth = 2; // half its attempts fail
    hub.addFault(flaky);
    RawReceiver drip(RawReceiver::Drip);
    drip.setDripIntervalMs(1000); // under the 3 s timeout: only the total deadline ends it
    if (!drip.start())
        return 2;

    QHash<QString, QHash<QString, int>> ok; // target -> webhook-id -> 2xx answers
    QHash<QString, qint64> healthyFirst; // webhook-id -> first 2xx, ms since epoch
    QObject::connect(&hub, &SimulatedHub::webhookReceived, [&](const SimWebhook &h) {
        if (h.status < 200 || h.status >= 300)
            return;
        const QString target = h.name;
        const QString id = h.headers.value(QStringLiteral("webhook-id"));
        ++ok[target][id];
        if (target == QLatin1String("healthy") && !healthyFirst.contains(id))
            healthyFirst.insert(id, QDateTime::currentMSecsSinceEpoch());
    });

    QTemporaryDir dir;
    const QString state = dir.path();
    const QStringList args { QStringLiteral("child"),
                             state,
                             hub.hookUrl("healthy").toString(),
                             hub.hookUrl("flaky").toString(),
                             drip.url().toString(),
                             QString::number(events),
                             QString::number(everyMs) };
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    auto runFor = [](qint64 ms) { // serves the receivers meanwhile, without spinning
        QEventLoop loop;
        QTimer::singleShot(int(ms), &loop, &QEventLoop::quit);
        loop.exec();
    };
    int staleAfterKills = 0;
    QElapsedTimer total;
    total.start();
    for (int k = 0; k < kills; ++k) {
        p.start(QCoreApplication::applicationFilePath(), args);
        p.waitForStarted();
        runFor(meanGapMs / 3 + random.bounded(meanGapMs * 4 / 3)); // meanGapMs on average
        p.kill(); // SIGKILL
        p.waitForFinished();
        staleAfterKills += QDir(state + QStringLiteral("/outbox"))
                                   .entryList({ QStringLiteral("*.lock") }, QDir::Files)
                                   .size();
        std::fprintf(stderr, "\rkill %d/%d, %lld s", k + 1, kills, total.elapsed() / 1000);
    }
    std::fprintf(stderr, "\n");
    // The last run: until both real receivers have every event, then a clean shutdown.
    p.start(QCoreApplication::applicationFilePath(), args);
    p.waitForStarted();
    QElapsedTimer wait;
    wait.start();
    while (wait.elapsed() < 180000
           && (ok.value("healthy").size() < events || ok.value("flaky").size() < events))
        runFor(200);
    runFor(500);
    p.write("quit\n");
    p.closeWriteChannel();
    if (!p.waitForFinished(10000))
        p.kill();
    const int locks = QDir(state + QStringLiteral("/outbox"))
                              .entryList({ QStringLiteral("*.lock") }, QDir::Files)
                              .size();

    QHash<QString, qint64> enqueued;
    QFile times(state + QStringLiteral("/soak-enqueued"));
    if (times.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : times.readAll().split('\n')) {
            const QList<QByteArray> f = line.split(' ');
            if (f.size() == 2 && !enqueued.contains(QStringLiteral("soak_") + f[0]))
                enqueued.insert(QStringLiteral("soak_") + f[0], f[1].toLongLong());
        }
    }
    qint64 worst = 0;
    for (auto it = healthyFirst.begin(); it != healthyFirst.end(); ++it) {
        if (enqueued.contains(it.key()))
            worst = std::max(worst, it.value() - enqueued.value(it.key()));
    }
    const int expected = events * 2; // healthy and flaky; the dripping one never completes
    int delivered = 0, duplicated = 0;
    for (const QString &target : { QStringLiteral("healthy"), QStringLiteral("flaky") }) {
        delivered += ok.value(target).size();
        for (int n : ok.value(target))
            duplicated += n - 1;
    }
    std::printf("soak: %d events x 2 targets (one every %d ms), %d SIGKILLs (every %d ms on "
                "average), %lld s\n",
                events, everyMs, kills, meanGapMs, total.elapsed() / 1000);
    std::printf("expected %d, delivered %d, lost %d, duplicated %d (%.2f %%)\n", expected,
                delivered, expected - delivered, duplicated, 100.0 * duplicated / expected);
    std::printf("lock files: %d left after the kills (removed on the next start), %d after the "
                "last clean shutdown\n",
                staleAfterKills, locks);
    std::printf("healthy target: worst delay %lld ms (from enqueue to its first 2xx, restarts "
                "included); dripping receiver: %d requests\n",
                worst, drip.requests());
    std::fflush(stdout);
    return expected == delivered && locks == 0 ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.value(1) == QLatin1String("child"))
        return child(args);
    int events = 1000, kills = 50, everyMs = kEnqueueEveryMs, gapMs = 3000;
    quint32 seed = 1;
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--events"))
            events = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--kills"))
            kills = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--seed"))
            seed = args[i + 1].toUInt();
        else if (args[i] == QLatin1String("--every-ms")) // between two events
            everyMs = std::max(1, args[i + 1].toInt());
        else if (args[i] == QLatin1String("--kill-gap-ms")) // mean time between two kills
            gapMs = std::max(30, args[i + 1].toInt());
    }
    return orchestrate(events, kills, seed, everyMs, gapMs);
}
