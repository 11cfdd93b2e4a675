// The state files from bytes: state.json (WatchState), detector.json, triggers.json,
// rebuilds.json, provider-cache.json and trigger-history.jsonl. They load from paths, so the
// input is written to a private temporary directory first. A file that loads without a warning
// must save and load back the same, without one.
#include "FuzzCommon.h"

#include "state/DetectorFile.h"
#include "state/ProviderCache.h"
#include "state/RebuildState.h"
#include "state/TriggerState.h"
#include "state/WatchState.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace hubhook;

namespace {

QString put(const QString &dir, const char *name, const QByteArray &data)
{
    const QString path = dir + QLatin1Char('/') + QLatin1String(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(data);
    return path;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static QTemporaryDir tmp;
    const QString dir = tmp.path() + QStringLiteral("/state");
    QDir(dir).removeRecursively(); // files moved aside by the previous input
    QDir().mkpath(dir);
    const QByteArray bytes = fuzz::bytes(data, size);
    QString warning, error;

    {
        const QString path = put(dir, "state.json", bytes);
        WatchState s;
        if (s.load(path, &warning)) {
            FUZZ_CHECK(warning.isEmpty(), "no warning when true");
            FUZZ_CHECK(s.save(path, &error), "save");
            WatchState back;
            FUZZ_CHECK(back.load(path, &warning), qPrintable(warning));
            const QList<RepoState> a = s.all(), b = back.all();
            FUZZ_CHECK(a.size() == b.size(), "same repositories");
            for (qsizetype i = 0; i < a.size(); ++i) {
                FUZZ_CHECK(a.at(i).builds == b.at(i).builds, "same builds");
                FUZZ_CHECK(a.at(i).listedUpdated == b.at(i).listedUpdated, "same times");
                FUZZ_CHECK(a.at(i).nextAttempt == b.at(i).nextAttempt, "same times");
                FUZZ_CHECK(a.at(i).failures == b.at(i).failures, "same failures");
            }
        }
    }
    {
        warning.clear();
        const QString path = put(dir, "detector.json", bytes);
        DetectorState state;
        if (loadDetectorState(path, &state, &warning)) {
            FUZZ_CHECK(saveDetectorState(path, state, &error), "save");
            DetectorState back;
            FUZZ_CHECK(loadDetectorState(path, &back, &warning), qPrintable(warning));
            FUZZ_CHECK(back.fired == state.fired, "same fired");
            FUZZ_CHECK(back.openFailures == state.openFailures, "same open failures");
        }
    }
    {
        warning.clear();
        const QString path = put(dir, "triggers.json", bytes);
        TriggerState state;
        if (state.load(path, &warning)) {
            FUZZ_CHECK(state.save(path, &error), "save");
            TriggerState back;
            FUZZ_CHECK(back.load(path, &warning), qPrintable(warning));
            FUZZ_CHECK(back.runs.size() == state.runs.size(), "same runs");
            for (auto it = state.runs.cbegin(); it != state.runs.cend(); ++it) {
                const TriggerRun r = back.runs.value(it.key());
                FUZZ_CHECK(r.lastRun == it->lastRun && r.nextRun == it->nextRun, "same times");
                FUZZ_CHECK(r.lastStatus == it->lastStatus, "same status");
            }
        }
    }
    {
        warning.clear();
        const QString path = put(dir, "rebuilds.json", bytes);
        RebuildState state;
        if (state.load(path, &warning)) {
            FUZZ_CHECK(state.save(path, &error), "save");
            RebuildState back;
            FUZZ_CHECK(back.load(path, &warning), qPrintable(warning));
            FUZZ_CHECK(back.retries == state.retries, "same retries");
            FUZZ_CHECK(back.expectations.size() == state.expectations.size(), "same expectations");
        }
    }
    {
        warning.clear();
        const QString path = put(dir, "provider-cache.json", bytes);
        ProviderCache cache;
        cache.load(path, &warning);
    }
    {
        const QString path = put(dir, "trigger-history.jsonl", bytes);
        QStringList warnings;
        for (const TriggerFire &f : readTriggerFires(path, {}, 200, &warnings)) {
            FUZZ_CHECK(f.durationMs >= 0, "duration");
            FUZZ_CHECK(f.status >= 0 && f.status <= 999, "status");
        }
    }
    return 0;
}
