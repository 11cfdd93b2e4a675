// Shared by the benchmark suite: results, statistics, /proc sampling, child processes and the
// engine driven against a simulated Docker Hub.
#pragma once

#include "config/Config.h"
#include "engine/Sweep.h"

#include <functional>
#include <memory>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

namespace hubhook {
class Engine;
}

namespace bench {

// One of the seven figures. Printed as `name: value (ratio)`; `target` and `pass` go to the
// verdict block, `note` to the closing note.
struct Result
{
    int number = 0;
    QString name;
    QString value;
    QString ratio;
    QString target;
    bool pass = false;
    bool failed = false; // could not be measured (the note says why)
    QString note;
    QString cell; // the figure in a few characters, for the scaling table
    // The verdict: `measured` against `limit`; lower is better unless `higherIsBetter`.
    double measured = 0;
    double limit = 0;
    bool higherIsBetter = false;
    void judge(double r, double l, bool higher = false)
    {
        measured = r;
        limit = l;
        higherIsBetter = higher;
        pass = higher ? r >= l : r <= l;
    }
    // How far from the target, in percent of the limit (0 when met).
    double missPercent() const
    {
        if (pass || failed || measured <= 0)
            return 0;
        return higherIsBetter ? (limit / measured - 1) * 100 : (measured / limit - 1) * 100;
    }
};

struct Options
{
    int idleSeconds = 60;
    int repositories = 1000;
    // Repetitions (the scaling table takes fewer at 10,000 repositories); the first start-up
    // and CPU run of each kind is a warm-up and is dropped.
    int coldRuns = 3;
    int cpuRuns = 11;
    int startRuns = 7;
    QList<int> only; // empty: every measure
    bool verbose = false;
    QString scratch; // a private directory for configs, state dirs and HOME of children
};

double median(QList<double> values);
double percentile(QList<double> values, double p); // p in [0, 1]
QString fixed(double value, int decimals);
QString ratioText(double ratio); // "1.07x"

// Time in nanoseconds: monotonic wall clock and this process's CPU (every thread).
qint64 wallNs();
qint64 processCpuNs();

// What /proc says about a running process, summed over its threads.
struct ProcSample
{
    bool ok = false;
    qint64 cpuNs = 0; // sum of /proc/PID/task/*/schedstat (ns precision)
    qint64 cpuTicksNs = 0; // /proc/PID/stat utime + stime (10 ms ticks, includes dead threads)
    qint64 wakeups = 0; // voluntary + nonvoluntary context switches of every thread
    qint64 rssKiB = 0; // VmRSS
    qint64 hwmKiB = 0; // VmHWM
    int threads = 0;
    QHash<qint64, QPair<qint64, qint64>> perThread; // tid -> (cpu ns, context switches)
};
ProcSample sampleProcess(qint64 pid);
// CPU (ns) and wake-ups between two samples, thread by thread: a thread that exited in between
// is not counted (the process-wide sums would go down), one that started counts in full.
QPair<qint64, qint64> sampleDelta(const ProcSample &before, const ProcSample &after);

// Facts about the machine for the header of the report.
QStringList machineFacts();

// Runs the event loop until `done()` is true or `timeoutMs` passed; returns done().
bool waitUntil(const std::function<bool()> &done, int timeoutMs, int sliceMs = 10);
void sleepWithEvents(int ms);

// A path of the build: compiled in, overridable by an environment variable.
QString binaryPath(const char *envName, const char *builtIn);

// The simulator in its own process (`hubhook-simulator --port 0 --scenario FILE`), so that
// its CPU never counts against the process that measures.
class SimulatorProcess
{
public:
    ~SimulatorProcess();
    bool start(const QJsonObject &scenario, const QString &dir, QString *error);
    QUrl url() const { return m_url; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    void stop();

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
};

// {"latency_ms": L, "namespaces": {"bench": {"generate": {"count": N}}, "empty": ...0}}
QJsonObject generatedScenario(int repositories, int latencyMs);
inline const QString kNamespace = QStringLiteral("bench");
inline const QString kEmptyNamespace = QStringLiteral("empty"); // no repositories
QString generatedRepository(int index, int count); // "bench/repo-0001" as the simulator names it

// A config watching the bench namespace anonymously at `base`.
hubhook::Config benchConfig(const QUrl &base, int concurrency = 4);
// The same as a config.json for the hubhook executable.
QByteArray benchConfigJson(const QUrl &base, const QString &pollInterval,
                           const QString &ns = kNamespace);

// Applies the config and waits until the engine is ready.
bool applyConfig(hubhook::Engine &engine, const hubhook::Config &config, int timeoutMs = 10000);

// One sweep; wall and CPU time (this process) from sweepNow() to sweepFinished.
struct TimedSweep
{
    bool ok = false;
    hubhook::SweepReport report;
    qint64 wallNs = 0;
    qint64 cpuNs = 0;
};
TimedSweep timedSweep(hubhook::Engine &engine, int timeoutMs = 120000);

// The measures, each in its own file.
Result measureWarmRequests(const Options &o);
Result measureColdSweepTime(const Options &o);
Result measureEngineCpu(const Options &o);
Result measureTableRefresh(const Options &o);
Result measureGitHubWarmSweep(const Options &o);
Result measureImageWarmSweep(const Options &o);
// 4, 5 and 6 share one display, one tray host and one simulator.
QList<Result> measureDesktop(const Options &o);
// The scaling table's lines (100, 1,000 and 10,000 repositories); the verdicts that need 10,000
// repositories (numbers 10 and 11) go to `verdicts`.
QStringList scalingTable(const Options &o, const std::function<void(const QString &)> &progress,
                         QList<Result> *verdicts);
// Only the state.json cell of the table, for `repositories` (--state-figures N).
QString stateFiguresText(const Options &o, int repositories);

} // namespace bench
