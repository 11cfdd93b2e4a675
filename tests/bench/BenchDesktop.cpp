// Measures 4-6: the tray application as a user runs it, on a private Xvfb display with a tray
// host (trayer), against the bare QSystemTrayIcon hello-world of this suite. Both processes are
// observed from outside through /proc; each pair of figures is taken in the same conditions
// (start-ups alternate, the idle window is shared), so a noisy machine shifts both alike.
#include "BenchCommon.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace bench {

namespace {

constexpr double kMiB = 1024.0;

// A child process whose stderr is scanned for marker lines, with the time each first appeared.
class Child
{
public:
    Child(const QString &program, const QStringList &args, const QProcessEnvironment &env,
          bool echo)
        : m_echo(echo)
    {
        m_process.setProgram(program);
        m_process.setArguments(args);
        m_process.setProcessEnvironment(env);
        m_process.setStandardOutputFile(QProcess::nullDevice());
        QObject::connect(&m_process, &QProcess::readyReadStandardError, [this] { read(); });
    }
    ~Child() { stop(); }

    bool start()
    {
        m_started = wallNs();
        m_process.start();
        return m_process.waitForStarted(10000);
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    qint64 pid() const { return m_process.processId(); }
    bool running() const { return m_process.state() == QProcess::Running; }
    // Milliseconds from start() to the first line containing `marker`, -1 until then.
    double msTo(const QByteArray &marker) const
    {
        const auto it = m_seen.constFind(marker);
        return it == m_seen.constEnd() ? -1 : double(*it - m_started) / 1e6;
    }
    void watch(const QByteArray &marker) { m_markers.append(marker); }
    int count(const QByteArray &marker) const { return int(m_log.count(marker)); }
    bool waitFor(const QByteArray &marker, int timeoutMs)
    {
        return waitUntil([&] { return msTo(marker) >= 0 || !running(); }, timeoutMs, 1)
                && msTo(marker) >= 0;
    }
    QByteArray log() const { return m_log; }

private:
    void read()
    {
        const qint64 now = wallNs();
        const QByteArray chunk = m_process.readAllStandardError();
        m_log += chunk;
        if (m_echo)
            std::fwrite(chunk.constData(), 1, size_t(chunk.size()), stderr);
        for (const QByteArray &m : std::as_const(m_markers)) {
            if (!m_seen.contains(m) && m_log.contains(m))
                m_seen.insert(m, now);
        }
    }

    QProcess m_process;
    bool m_echo;
    qint64 m_started = 0;
    QByteArray m_log;
    QList<QByteArray> m_markers;
    QHash<QByteArray, qint64> m_seen;
};

// Xvfb on a free display (-displayfd), a private session bus when there is none, and trayer.
class Desktop
{
public:
    ~Desktop()
    {
        for (auto it = m_helpers.rbegin(); it != m_helpers.rend(); ++it) {
            (*it)->terminate();
            if (!(*it)->waitForFinished(3000)) {
                (*it)->kill();
                (*it)->waitForFinished(3000);
            }
        }
    }

    bool start(const Options &o, QString *error)
    {
        QDir().mkpath(o.scratch + QStringLiteral("/home"));
        for (const char *d : { "config", "state", "data", "cache", "runtime" })
            QDir().mkpath(o.scratch + QStringLiteral("/xdg/") + QLatin1String(d));
        QFile::setPermissions(o.scratch + QStringLiteral("/xdg/runtime"),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("HOME"), o.scratch + QStringLiteral("/home"));
        for (const char *d : { "CONFIG", "STATE", "DATA", "CACHE", "RUNTIME" }) {
            const QString name
                    = QStringLiteral("XDG_%1_%2")
                              .arg(QLatin1String(d),
                                   QLatin1String(qstrcmp(d, "RUNTIME") ? "HOME" : "DIR"));
            m_env.insert(name,
                         o.scratch + QStringLiteral("/xdg/") + QString::fromLatin1(d).toLower());
        }
        m_env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
        m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
        m_env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        m_env.remove(QStringLiteral("QT_LOGGING_RULES"));

        // -displayfd 1: Xvfb picks a free display and writes its number to stdout.
        QProcess *xvfb = helper(QStringLiteral("Xvfb"),
                                { QStringLiteral("-displayfd"), QStringLiteral("1"),
                                  QStringLiteral("-screen"), QStringLiteral("0"),
                                  QStringLiteral("1280x800x24"), QStringLiteral("-nolisten"),
                                  QStringLiteral("tcp") },
                                m_env);
        const QByteArray display = readLine(xvfb, 15000);
        if (display.isEmpty() || display.toInt() < 0) {
            *error = QStringLiteral("Xvfb did not start (apt-get install xvfb)");
            return false;
        }
        m_env.insert(QStringLiteral("DISPLAY"), QLatin1Char(':') + QString::fromLatin1(display));

        // A private session bus, started with DISPLAY set so that a service it activates (the
        // notification daemon Hubhook asks for) can open the display.
        QProcess *bus = helper(QStringLiteral("dbus-daemon"),
                               { QStringLiteral("--session"), QStringLiteral("--nofork"),
                                 QStringLiteral("--print-address=1") },
                               m_env);
        const QByteArray address = readLine(bus, 10000);
        if (address.isEmpty()) {
            *error = QStringLiteral("dbus-daemon did not start (apt-get install dbus)");
            return false;
        }
        m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QString::fromLatin1(address));

        QProcess *trayer = helper(QStringLiteral("trayer"),
                                  { QStringLiteral("--edge"), QStringLiteral("top"),
                                    QStringLiteral("--align"), QStringLiteral("right"),
                                    QStringLiteral("--widthtype"), QStringLiteral("request"),
                                    QStringLiteral("--height"), QStringLiteral("24") },
                                  m_env);
        if (!trayer->waitForStarted(5000)) {
            *error = QStringLiteral("trayer did not start (apt-get install trayer)");
            return false;
        }
        QProcess probe;
        probe.setProcessEnvironment(m_env);
        probe.setProcessChannelMode(QProcess::MergedChannels);
        probe.start(bareTray(), { QStringLiteral("--probe") });
        if (!probe.waitForFinished(20000) || probe.exitCode() != 0) {
            *error = QStringLiteral("no system tray became available on the Xvfb display");
            return false;
        }
        return true;
    }

    QProcessEnvironment env() const { return m_env; }
    static QString bareTray()
    {
        return binaryPath("HUBHOOK_BENCH_BARE_TRAY", HUBHOOK_BENCH_BARE_TRAY_BINARY);
    }

private:
    QProcess *helper(const QString &program, const QStringList &args,
                     const QProcessEnvironment &env)
    {
        auto *p = new QProcess;
        p->setProcessEnvironment(env);
        p->setStandardErrorFile(QProcess::nullDevice());
        p->start(program, args);
        m_helpers.emplace_back(p);
        return p;
    }
    static QByteArray readLine(QProcess *p, int timeoutMs)
    {
        QByteArray out;
        const qint64 deadline = wallNs() + qint64(timeoutMs) * 1000000;
        while (!out.contains('\n') && wallNs() < deadline && p->state() != QProcess::NotRunning) {
            p->waitForReadyRead(100);
            out += p->readAllStandardOutput();
        }
        return out.contains('\n') ? out.left(out.indexOf('\n')).trimmed() : QByteArray();
    }

    QProcessEnvironment m_env;
    std::vector<std::unique_ptr<QProcess>> m_helpers;
};

QString hubhookBinary() { return binaryPath("HUBHOOK_BINARY", HUBHOOK_BENCH_HUBHOOK_BINARY); }

Result failed(int number, const QString &name, const QString &why)
{
    Result r;
    r.number = number;
    r.name = name;
    r.failed = true;
    r.note = why;
    return r;
}

} // namespace

QList<Result> measureDesktop(const Options &o)
{
    const QString idleName = QStringLiteral("Idle cost");
    const QString memoryName = QStringLiteral("Memory");
    const QString startName = QStringLiteral("Start-up");
    auto allFailed = [&](const QString &why) {
        return QList<Result> { failed(4, idleName, why), failed(5, memoryName, why),
                               failed(6, startName, why) };
    };

    // The simulator in its own process: its CPU and wake-ups are nobody's.
    SimulatorProcess sim;
    QString error;
    if (!sim.start(generatedScenario(o.repositories, 0), o.scratch, &error))
        return allFailed(error);
    Desktop desktop;
    if (!desktop.start(o, &error))
        return allFailed(error);
    const QProcessEnvironment env = desktop.env();

    // A poll interval of ten minutes: after its first sweep the app is idle for the window.
    // A second config watches a namespace without repositories: what Hubhook costs before any
    // data, to say what bounds a figure.
    auto writeConfig = [&](const QString &name, const QString &ns) {
        const QString path = o.scratch + QLatin1Char('/') + name;
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)
            || f.write(benchConfigJson(sim.url(), QStringLiteral("10m"), ns)) < 0)
            return QString();
        return path;
    };
    const QString config = writeConfig(QStringLiteral("desktop-config.json"), kNamespace);
    const QString emptyConfig
            = writeConfig(QStringLiteral("desktop-config-empty.json"), kEmptyNamespace);
    if (config.isEmpty() || emptyConfig.isEmpty())
        return allFailed(QStringLiteral("cannot write the configs"));
    const QByteArray shown = "tray icon shown";
    const QByteArray swept = "sweep done in";
    auto hubArgs = [](const QString &cfg, const QString &state) {
        return QStringList { QStringLiteral("--config"), cfg, QStringLiteral("--state-dir"),
                             state };
    };

    // 6. Start-up. A warm state directory (what a user's login start finds): one headless
    // sweep fills it first. Runs alternate between the apps; each is stopped once its icon is
    // shown. Also timed, to say what bounds the figure: Hubhook with an empty state directory,
    // and `hubhook --version` (exec, dynamic linking, no QApplication).
    const QString warmState = o.scratch + QStringLiteral("/desktop-state-warm");
    {
        QProcess once;
        once.setProcessEnvironment(env);
        once.setStandardOutputFile(QProcess::nullDevice());
        once.setStandardErrorFile(QProcess::nullDevice());
        once.start(hubhookBinary(),
                   QStringList { QStringLiteral("--headless"), QStringLiteral("--once") }
                           + hubArgs(config, warmState));
        if (!once.waitForFinished(120000) || once.exitCode() != 0)
            return allFailed(QStringLiteral("hubhook --headless --once failed (exit %1)")
                                     .arg(once.exitCode()));
    }
    enum Kind { Warm, Bare, NoState, Version, KindCount };
    QList<double> starts[KindCount];
    const int kStartRuns = std::max(2, o.startRuns); // the first of each is a warm-up, dropped
    for (int run = 0; run < kStartRuns; ++run) {
        for (int k = 0; k < KindCount; ++k) {
            const Kind kind = Kind((k + run) % KindCount);
            if (kind == Version) {
                QProcess version;
                version.setProcessEnvironment(env);
                version.setStandardOutputFile(QProcess::nullDevice());
                const qint64 t = wallNs();
                version.start(hubhookBinary(), { QStringLiteral("--version") });
                version.waitForFinished(10000);
                if (run > 0)
                    starts[kind].append(double(wallNs() - t) / 1e6);
                continue;
            }
            const QString fresh = o.scratch + QStringLiteral("/desktop-state-none-%1").arg(run);
            Child child(kind == Bare ? Desktop::bareTray() : hubhookBinary(),
                        kind == Bare ? QStringList()
                                     : hubArgs(config, kind == Warm ? warmState : fresh),
                        env, o.verbose);
            child.watch(shown);
            if (!child.start() || !child.waitFor(shown, 30000))
                return allFailed(QStringLiteral("%1 showed no tray icon: %2")
                                         .arg(kind == Bare ? QStringLiteral("the bare tray app")
                                                           : QStringLiteral("hubhook"),
                                              QString::fromUtf8(child.log().right(300))));
            if (run > 0)
                starts[kind].append(child.msTo(shown));
            child.stop();
        }
    }

    // 4 and 5. The apps run side by side: Hubhook from an empty state directory (its first
    // sweep reads all 1,000 histories, which it then holds), the bare app, and Hubhook watching
    // an empty namespace. Once the sweeps are done and things settled, all are sampled at the
    // start and the end of the same idle window.
    Child hub(hubhookBinary(), hubArgs(config, o.scratch + QStringLiteral("/desktop-state-cold")),
              env, o.verbose);
    Child bare(Desktop::bareTray(), {}, env, o.verbose);
    Child empty(hubhookBinary(),
                hubArgs(emptyConfig, o.scratch + QStringLiteral("/desktop-state-empty")), env,
                o.verbose);
    for (Child *c : { &hub, &bare, &empty }) {
        c->watch(shown);
        c->watch(swept);
    }
    if (!hub.start() || !bare.start() || !empty.start() || !hub.waitFor(swept, 120000)
        || !empty.waitFor(swept, 60000) || !bare.waitFor(shown, 30000) || hub.msTo(shown) < 0)
        return allFailed(QStringLiteral("the tray apps did not come up: %1")
                                 .arg(QString::fromUtf8(hub.log().right(300))));
    sleepWithEvents(3000);
    const ProcSample hub0 = sampleProcess(hub.pid()), bare0 = sampleProcess(bare.pid());
    const ProcSample empty0 = sampleProcess(empty.pid());
    sleepWithEvents(o.idleSeconds * 1000);
    const ProcSample hub1 = sampleProcess(hub.pid()), bare1 = sampleProcess(bare.pid());
    const ProcSample empty1 = sampleProcess(empty.pid());
    const int sweepsDuringIdle = hub.count(swept) - 1;
    for (Child *c : { &hub, &bare, &empty })
        c->stop();
    if (!hub0.ok || !hub1.ok || !bare0.ok || !bare1.ok || !empty1.ok)
        return allFailed(QStringLiteral("a tray app exited during the idle window"));

    QList<Result> results;
    {
        Result r;
        r.number = 4;
        r.name = idleName;
        r.target = QStringLiteral("<= 1.2x the bare app's CPU");
        const auto hubDelta = sampleDelta(hub0, hub1), bareDelta = sampleDelta(bare0, bare1);
        const auto emptyDelta = sampleDelta(empty0, empty1);
        const double hubCpu = double(hubDelta.first) / 1e6;
        const double bareCpu = double(bareDelta.first) / 1e6;
        const double emptyCpu = double(emptyDelta.first) / 1e6;
        const qint64 hubWake = hubDelta.second, bareWake = bareDelta.second;
        const qint64 emptyWake = emptyDelta.second;
        // Below 1 ms in the window both are as good as zero: the ratio counts them as 1 ms.
        const double ratio = std::max(hubCpu, 1.0) / std::max(bareCpu, 1.0);
        r.value = QStringLiteral("%1 ms CPU and %2 wake-ups in %3 s")
                          .arg(fixed(hubCpu, 1))
                          .arg(hubWake)
                          .arg(o.idleSeconds);
        r.ratio = QStringLiteral("%1 the bare tray app's %2 ms CPU; %3 wake-ups against its %4")
                          .arg(ratioText(ratio), fixed(bareCpu, 1))
                          .arg(hubWake)
                          .arg(bareWake);
        r.judge(ratio, 1.2);
        r.note = QStringLiteral(
                         "CPU from /proc/PID/task/*/schedstat (ns; CPU below 1 ms counts as 1 "
                         "ms in the ratio), wake-ups = voluntary + nonvoluntary context switches "
                         "of every thread (hubhook %1 threads at the end, bare %2; a thread that "
                         "ended during the window is left out); %3 sweep(s) during the window. "
                         "Hubhook watching an empty namespace: %4 ms CPU, %5 wake-ups. "
                         "CPU since exec: hubhook %6 ms, bare %7 ms")
                         .arg(hub1.threads)
                         .arg(bare1.threads)
                         .arg(sweepsDuringIdle)
                         .arg(fixed(emptyCpu, 1))
                         .arg(emptyWake)
                         .arg(fixed(double(hub1.cpuNs) / 1e6, 0),
                              fixed(double(bare1.cpuNs) / 1e6, 0));
        results.append(r);
    }
    {
        Result r;
        r.number = 5;
        r.name = memoryName;
        const double hubMiB = double(hub1.rssKiB) / kMiB, bareMiB = double(bare1.rssKiB) / kMiB;
        const double emptyMiB = double(empty1.rssKiB) / kMiB;
        const double ratio = hubMiB / bareMiB;
        r.value = QStringLiteral("%1 MiB RSS").arg(fixed(hubMiB, 1));
        r.ratio = QStringLiteral("%1 the bare tray app's %2 MiB")
                          .arg(ratioText(ratio), fixed(bareMiB, 1));
        // The targets ("Providers as plug-ins": the HTTP server is out of the tray
        // binary): 1.25x at 1,000 repositories, 1.75x at 10,000.
        const double limit = o.repositories >= 10000 ? 1.75 : 1.25;
        r.target = QStringLiteral("<= %1x the bare app's RSS").arg(limit);
        r.judge(ratio, limit);
        const double perRepoKiB = (hubMiB - emptyMiB) * kMiB / std::max(1, o.repositories);
        r.cell = QStringLiteral("%1 MiB, %2 (%3 KiB/repo)")
                         .arg(fixed(hubMiB, 1), ratioText(ratio), fixed(perRepoKiB, 1));
        r.note = QStringLiteral("VmRSS after the idle window, %1 repositories with their "
                                "histories (peak VmHWM %2 MiB; bare %3 MiB). Hubhook watching no "
                                "repository: %4 MiB (%5 the bare app), so the %1 repositories "
                                "add %6 MiB (%7 KiB each) and the rest is the app itself")
                         .arg(o.repositories)
                         .arg(fixed(double(hub1.hwmKiB) / kMiB, 1),
                              fixed(double(bare1.hwmKiB) / kMiB, 1), fixed(emptyMiB, 1),
                              ratioText(emptyMiB / bareMiB), fixed(hubMiB - emptyMiB, 1),
                              fixed(perRepoKiB, 1));
        results.append(r);
    }
    {
        Result r;
        r.number = 6;
        r.name = startName;
        r.target = QStringLiteral("<= 1.3x the bare app");
        const double h = median(starts[Warm]), b = median(starts[Bare]);
        const double ratio = h / b;
        r.value = QStringLiteral("%1 ms to the tray icon").arg(fixed(h, 0));
        r.ratio = QStringLiteral("%1 the bare tray app's %2 ms").arg(ratioText(ratio), fixed(b, 0));
        r.judge(ratio, 1.3);
        r.cell = QStringLiteral("%1 ms, %2").arg(fixed(h, 0), ratioText(ratio));
        auto list = [](const QList<double> &v) {
            QStringList s;
            for (double x : v)
                s.append(fixed(x, 0));
            return s.join(QStringLiteral(", "));
        };
        r.note = QStringLiteral("exec to the \"tray icon shown\" log line (after "
                                "QSystemTrayIcon::show() with a tray available), medians of %1 "
                                "alternating runs after a warm-up; hubhook %2 ms, bare %3 ms, with "
                                "a warm state directory of %4 repositories (read after the icon). "
                                "Hubhook with an empty state directory: %5 ms (so the state's "
                                "size costs %6 ms before the icon); "
                                "`hubhook --version` (exec and dynamic linking only): %7 ms")
                         .arg(kStartRuns - 1)
                         .arg(list(starts[Warm]), list(starts[Bare]))
                         .arg(o.repositories)
                         .arg(fixed(median(starts[NoState]), 0),
                              fixed(h - median(starts[NoState]), 0),
                              fixed(median(starts[Version]), 0));
        results.append(r);
    }
    return results;
}

} // namespace bench
