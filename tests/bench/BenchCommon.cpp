#include "BenchCommon.h"

#include "engine/Engine.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <sys/utsname.h>
#include <unistd.h>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSysInfo>
#include <QThread>
#include <QTimer>

namespace bench {

double median(QList<double> values) { return percentile(std::move(values), 0.5); }

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const double at = p * double(values.size() - 1);
    const auto lo = qsizetype(std::floor(at));
    const auto hi = qsizetype(std::ceil(at));
    return values.at(lo) + (values.at(hi) - values.at(lo)) * (at - double(lo));
}

QString fixed(double value, int decimals) { return QString::number(value, 'f', decimals); }

QString ratioText(double ratio)
{
    if (!std::isfinite(ratio))
        return QStringLiteral("inf x");
    return fixed(ratio, ratio >= 10 ? 1 : 2) + QLatin1Char('x');
}

static qint64 clockNs(clockid_t clock)
{
    timespec ts {};
    clock_gettime(clock, &ts);
    return qint64(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

qint64 wallNs() { return clockNs(CLOCK_MONOTONIC); }

qint64 processCpuNs() { return clockNs(CLOCK_PROCESS_CPUTIME_ID); }

static QByteArray readProc(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll(); // /proc files report size 0: read until EOF
}

static qint64 statusField(const QByteArray &status, const QByteArray &name)
{
    const int at = status.indexOf("\n" + name + ":");
    if (at < 0)
        return 0;
    const int start = at + int(name.size()) + 2;
    const int end = status.indexOf('\n', start);
    return status.mid(start, end - start).trimmed().split(' ').value(0).toLongLong();
}

ProcSample sampleProcess(qint64 pid)
{
    ProcSample s;
    const QString base = QStringLiteral("/proc/%1").arg(pid);
    const QByteArray status = readProc(base + QStringLiteral("/status"));
    const QByteArray stat = readProc(base + QStringLiteral("/stat"));
    if (status.isEmpty() || stat.isEmpty())
        return s;
    s.rssKiB = statusField("\n" + status, "VmRSS");
    s.hwmKiB = statusField("\n" + status, "VmHWM");
    // Fields after the parenthesised command: state is field 3, utime 14, stime 15.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const long tick = sysconf(_SC_CLK_TCK);
    if (fields.size() > 12 && tick > 0)
        s.cpuTicksNs
                = (fields.at(11).toLongLong() + fields.at(12).toLongLong()) * 1000000000LL / tick;
    const QStringList tasks
            = QDir(base + QStringLiteral("/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &tid : tasks) {
        const QString task = base + QStringLiteral("/task/") + tid;
        const QByteArray schedstat = readProc(task + QStringLiteral("/schedstat"));
        const qint64 cpu = schedstat.split(' ').value(0).toLongLong();
        const QByteArray taskStatus = "\n" + readProc(task + QStringLiteral("/status"));
        const qint64 switches = statusField(taskStatus, "voluntary_ctxt_switches")
                + statusField(taskStatus, "nonvoluntary_ctxt_switches");
        s.cpuNs += cpu;
        s.wakeups += switches;
        s.perThread.insert(tid.toLongLong(), { cpu, switches });
        ++s.threads;
    }
    if (s.cpuNs == 0)
        s.cpuNs = s.cpuTicksNs; // no schedstat in this kernel
    s.ok = true;
    return s;
}

QPair<qint64, qint64> sampleDelta(const ProcSample &before, const ProcSample &after)
{
    qint64 cpu = 0, wakeups = 0;
    for (auto it = after.perThread.cbegin(); it != after.perThread.cend(); ++it) {
        const QPair<qint64, qint64> was = before.perThread.value(it.key(), { 0, 0 });
        cpu += it->first - was.first;
        wakeups += it->second - was.second;
    }
    return { cpu, wakeups };
}

QStringList machineFacts()
{
    QString cpu = QStringLiteral("unknown CPU");
    const QList<QByteArray> lines = readProc(QStringLiteral("/proc/cpuinfo")).split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("model name")) {
            cpu = QString::fromUtf8(line.mid(line.indexOf(':') + 1)).simplified();
            break;
        }
    }
    const qint64 memKiB = statusField("\n" + readProc(QStringLiteral("/proc/meminfo")), "MemTotal");
    utsname u {};
    uname(&u);
    const QString load = QString::fromLatin1(readProc(QStringLiteral("/proc/loadavg")))
                                 .section(QLatin1Char(' '), 0, 2);
    return {
        QStringLiteral("machine: %1, %2 cores, %3 GiB RAM, Linux %4 (%5)")
                .arg(cpu)
                .arg(QThread::idealThreadCount())
                .arg(fixed(double(memKiB) / 1024 / 1024, 1))
                .arg(QString::fromLatin1(u.release), QSysInfo::prettyProductName()),
        QStringLiteral("build: Qt %1 (compiled against %2), %3, %4; load average at start %5")
                .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
                     QStringLiteral(HUBHOOK_BENCH_BUILD_TYPE), QStringLiteral(HUBHOOK_BENCH_CXX),
                     load),
    };
}

bool waitUntil(const std::function<bool()> &done, int timeoutMs, int sliceMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() >= timeoutMs)
            return done();
        QEventLoop loop;
        QTimer::singleShot(sliceMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

void sleepWithEvents(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

QString binaryPath(const char *envName, const char *builtIn)
{
    const QString fromEnv = qEnvironmentVariable(envName);
    return fromEnv.isEmpty() ? QString::fromUtf8(builtIn) : fromEnv;
}

SimulatorProcess::~SimulatorProcess() { stop(); }

bool SimulatorProcess::start(const QJsonObject &scenario, const QString &dir, QString *error)
{
    const QString file = dir + QStringLiteral("/scenario-%1.json").arg(wallNs());
    QFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(scenario).toJson()) < 0) {
        *error = QStringLiteral("cannot write %1").arg(file);
        return false;
    }
    f.close();
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(
            binaryPath("HUBHOOK_SIMULATOR_BINARY", HUBHOOK_BENCH_SIMULATOR),
            { QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--scenario"), file });
    if (!m_process->waitForStarted(10000)) {
        *error = QStringLiteral("hubhook-simulator did not start: %1")
                         .arg(m_process->errorString());
        return false;
    }
    QByteArray line;
    QElapsedTimer timer;
    timer.start();
    while (!line.contains('\n') && timer.elapsed() < 20000) {
        if (m_process->state() != QProcess::Running)
            break;
        m_process->waitForReadyRead(200);
        line += m_process->readAllStandardOutput();
    }
    m_url = QUrl(QString::fromUtf8(line.trimmed()));
    if (!m_url.isValid() || m_url.port() <= 0) {
        *error = QStringLiteral("hubhook-simulator printed no URL");
        return false;
    }
    return true;
}

void SimulatorProcess::stop()
{
    if (!m_process)
        return;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->terminate();
        if (!m_process->waitForFinished(5000)) {
            m_process->kill();
            m_process->waitForFinished(5000);
        }
    }
    m_process.reset();
}

QJsonObject generatedScenario(int repositories, int latencyMs)
{
    auto generate = [](int count) {
        return QJsonObject { { QStringLiteral("generate"),
                               QJsonObject { { QStringLiteral("count"), count } } } };
    };
    return { { QStringLiteral("latency_ms"), latencyMs },
             { QStringLiteral("namespaces"),
               QJsonObject { { kNamespace, generate(repositories) },
                             { kEmptyNamespace, generate(0) } } } };
}

QString generatedRepository(int index, int count)
{
    // SimStore::generateRepositories: prefix-NNNN, at least four digits.
    const int width = std::max(4, int(QString::number(count).size()));
    return kNamespace + QStringLiteral("/repo-%1").arg(index, width, 10, QLatin1Char('0'));
}

hubhook::Config benchConfig(const QUrl &base, int concurrency)
{
    hubhook::Config c;
    hubhook::AccountConfig a;
    a.name = QStringLiteral("hub");
    a.baseUrl = base;
    c.accounts.insert(a.name, a);
    hubhook::WatchConfig w;
    w.account = a.name;
    w.ns = kNamespace;
    c.watch.append(w);
    c.concurrency = concurrency;
    c.requestTimeoutMs = 20000;
    c.pollIntervalMs = 10 * 60 * 1000;
    return c;
}

QByteArray benchConfigJson(const QUrl &base, const QString &pollInterval, const QString &ns)
{
    const QJsonObject account { { QStringLiteral("provider"), QStringLiteral("dockerhub") },
                                { QStringLiteral("base_url"), base.toString() } };
    const QJsonObject watch { { QStringLiteral("account"), QStringLiteral("hub") },
                              { QStringLiteral("namespace"), ns } };
    const QJsonObject config {
        { QStringLiteral("version"), 1 },
        { QStringLiteral("poll_interval"), pollInterval },
        { QStringLiteral("accounts"), QJsonObject { { QStringLiteral("hub"), account } } },
        { QStringLiteral("watch"), QJsonArray { watch } },
    };
    return QJsonDocument(config).toJson();
}

bool applyConfig(hubhook::Engine &engine, const hubhook::Config &config, int timeoutMs)
{
    engine.applyConfig(config);
    return waitUntil([&] { return engine.isReady(); }, timeoutMs, 1);
}

TimedSweep timedSweep(hubhook::Engine &engine, int timeoutMs)
{
    TimedSweep t;
    QEventLoop loop;
    qint64 wall = 0, cpu = 0;
    const auto connection = QObject::connect(&engine, &hubhook::Engine::sweepFinished, &loop,
                                             [&](const hubhook::SweepReport &report) {
                                                 t.wallNs = wallNs() - wall;
                                                 t.cpuNs = processCpuNs() - cpu;
                                                 t.report = report;
                                                 t.ok = true;
                                                 loop.quit();
                                             });
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    wall = wallNs();
    cpu = processCpuNs();
    engine.sweepNow();
    if (!t.ok)
        loop.exec();
    QObject::disconnect(connection);
    return t;
}

} // namespace bench
