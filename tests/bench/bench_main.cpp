// hubhook-bench: the benchmark suite (issue "measure what users feel"). Run it with
// scripts/bench.sh; it is not part of the CTest run. Prints a header with the machine, one line
// `name: value (ratio against reference)` per figure, a PASS/MISS verdict per target and a
// closing note that says, for each miss, by how much and what bounds it.
//   hubhook-bench [--only 1,2,...] [--idle-seconds N] [--verbose]
#include "BenchCommon.h"

#include <cstdio>
#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QLoggingCategory>
#include <QTemporaryDir>

namespace {

void print(const QString &line)
{
    std::fprintf(stdout, "%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

void progress(const QString &line)
{
    std::fprintf(stderr, "[bench] %s\n", line.toUtf8().constData());
    std::fflush(stderr);
}

} // namespace

int main(int argc, char *argv[])
{
    // The suite's own window (measure 7) is drawn offscreen; the tray apps of measures 4-6 run
    // on a private Xvfb display the suite starts.
    if (qEnvironmentVariableIsEmpty("HUBHOOK_BENCH_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    else
        qputenv("QT_QPA_PLATFORM", qgetenv("HUBHOOK_BENCH_PLATFORM"));
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hubhook-bench"));
    // The engine logs a line per sweep: keep the report clean (warnings still show).
    QLoggingCategory::setFilterRules(QStringLiteral("hubhook.*.info=false"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Hubhook's benchmark suite."));
    parser.addHelpOption();
    const QCommandLineOption only(QStringLiteral("only"),
                                  QStringLiteral("Run only these measures (1-9, comma-separated)."),
                                  QStringLiteral("LIST"));
    const QCommandLineOption idle(QStringLiteral("idle-seconds"),
                                  QStringLiteral("Length of the idle window of measure 4."),
                                  QStringLiteral("N"), QStringLiteral("60"));
    const QCommandLineOption verbose(QStringLiteral("verbose"),
                                     QStringLiteral("Show the tray apps' logs."));
    const QCommandLineOption scaling(
            QStringLiteral("scaling"),
            QStringLiteral("Also print the scaling table (100, 1,000 and 10,000 repositories; "
                           "the default without --only)."));
    const QCommandLineOption noScaling(QStringLiteral("no-scaling"),
                                       QStringLiteral("Leave the scaling table out."));
    const QCommandLineOption stateOnly(
            QStringLiteral("state-figures"),
            QStringLiteral("Print only state.json's figures for N repositories and exit."),
            QStringLiteral("N"));
    const QCommandLineOption repositories(
            QStringLiteral("repositories"),
            QStringLiteral("Repositories of measures 1-6 (default 1000; the targets are set for "
                           "1000)."),
            QStringLiteral("N"), QStringLiteral("1000"));
    parser.addOptions({ only, idle, verbose, scaling, noScaling, stateOnly, repositories });
    parser.process(app);

    QTemporaryDir scratch(QDir::tempPath() + QStringLiteral("/hubhook-bench-XXXXXX"));
    if (!scratch.isValid()) {
        progress(QStringLiteral("cannot create a scratch directory"));
        return 1;
    }
    bench::Options o;
    o.scratch = scratch.path();
    o.idleSeconds = std::max(1, parser.value(idle).toInt());
    o.verbose = parser.isSet(verbose);
    o.repositories = std::clamp(parser.value(repositories).toInt(), 1, 100000);
    for (const QString &n : parser.value(only).split(QLatin1Char(','), Qt::SkipEmptyParts))
        o.only.append(n.trimmed().toInt());
    auto wanted = [&](int n) { return o.only.isEmpty() || o.only.contains(n); };

    if (parser.isSet(stateOnly)) {
        print(bench::stateFiguresText(o, std::max(1, parser.value(stateOnly).toInt())));
        return 0;
    }
    const QStringList facts = bench::machineFacts();
    const qint64 started = bench::wallNs();
    QList<bench::Result> results;
    auto run = [&](bool want, const QString &what, const std::function<QList<bench::Result>()> &f) {
        if (!want)
            return;
        progress(QStringLiteral("%1...").arg(what));
        const qint64 t = bench::wallNs();
        const QList<bench::Result> rs = f();
        for (const bench::Result &r : rs) {
            if (wanted(r.number))
                results.append(r);
        }
        progress(QStringLiteral("%1 done in %2 s")
                         .arg(what, bench::fixed(double(bench::wallNs() - t) / 1e9, 1)));
    };
    run(wanted(1), QStringLiteral("1 requests per warm sweep"),
        [&] { return QList<bench::Result> { bench::measureWarmRequests(o) }; });
    run(wanted(2), QStringLiteral("2 cold sweep time (20 ms latency)"),
        [&] { return QList<bench::Result> { bench::measureColdSweepTime(o) }; });
    run(wanted(3), QStringLiteral("3 engine CPU per sweep"),
        [&] { return QList<bench::Result> { bench::measureEngineCpu(o) }; });
    run(wanted(8), QStringLiteral("8 GitHub warm sweep"),
        [&] { return QList<bench::Result> { bench::measureGitHubWarmSweep(o) }; });
    run(wanted(9), QStringLiteral("9 image watches warm sweep"),
        [&] { return QList<bench::Result> { bench::measureImageWarmSweep(o) }; });
    run(wanted(7), QStringLiteral("7 table refresh"),
        [&] { return QList<bench::Result> { bench::measureTableRefresh(o) }; });
    run(wanted(4) || wanted(5) || wanted(6),
        QStringLiteral("4-6 start-up, idle (%1 s) and memory of the tray app").arg(o.idleSeconds),
        [&] { return bench::measureDesktop(o); });
    QStringList scalingRows;
    if (!parser.isSet(noScaling) && (o.only.isEmpty() || parser.isSet(scaling))) {
        progress(QStringLiteral("scaling table..."));
        const qint64 t = bench::wallNs();
        scalingRows = bench::scalingTable(o, progress, &results);
        progress(QStringLiteral("scaling table done in %1 s")
                         .arg(bench::fixed(double(bench::wallNs() - t) / 1e9, 1)));
    }
    std::sort(results.begin(), results.end(),
              [](const bench::Result &a, const bench::Result &b) { return a.number < b.number; });

    print(QStringLiteral("Hubhook benchmark, %1")
                  .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate)));
    for (const QString &f : facts)
        print(f);
    print(QString());
    for (const bench::Result &r : results) {
        if (r.failed)
            print(QStringLiteral("%1: not measured (%2)").arg(r.name, r.note));
        else
            print(QStringLiteral("%1: %2 (%3)").arg(r.name, r.value, r.ratio));
    }
    print(QString());
    if (!scalingRows.isEmpty()) {
        for (const QString &row : std::as_const(scalingRows))
            print(row);
        print(QString());
    }
    int misses = 0;
    for (const bench::Result &r : results) {
        const QString verdict = r.failed ? QStringLiteral("FAIL")
                : r.pass                 ? QStringLiteral("PASS")
                                         : QStringLiteral("MISS");
        if (!r.pass)
            ++misses;
        print(QStringLiteral("%1 %2. %3 - target: %4")
                      .arg(verdict)
                      .arg(r.number)
                      .arg(r.name, r.target));
    }
    print(QString());
    print(QStringLiteral("Notes (for a miss: by how much, and what bounds it):"));
    for (const bench::Result &r : results) {
        const QString miss = r.failed || r.pass
                ? QString()
                : QStringLiteral("MISSED by %1 % (%2 against a limit of %3). ")
                          .arg(bench::fixed(r.missPercent(), 0), bench::ratioText(r.measured),
                               bench::ratioText(r.limit));
        print(QStringLiteral("  %1. %2%3").arg(r.number).arg(miss, r.note));
    }
    print(QStringLiteral("%1 of %2 targets met; suite ran in %3 s")
                  .arg(results.size() - misses)
                  .arg(results.size())
                  .arg(bench::fixed(double(bench::wallNs() - started) / 1e9, 0)));
    return misses == 0 ? 0 : 3;
}
