// The state files (issue 14): private whatever the umask, and a value Hubhook did not write is a
// warning naming the file, never silently taken.
#include "state/DetectorFile.h"
#include "state/ProviderCache.h"
#include "state/RebuildState.h"
#include "state/StateFile.h"
#include "state/TriggerState.h"
#include "state/WatchState.h"
#include "support/TimeText.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace hubhook;

namespace {

mode_t modeOf(const QString &path)
{
    struct stat st;
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return mode_t(-1);
    return st.st_mode & 07777;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

const QDateTime kTime(QDate(2026, 3, 1), QTime(12, 0, 0, 250), Qt::UTC);

Build sampleBuild(const QString &tag)
{
    Build b;
    b.repository = QStringLiteral("acme/web");
    b.tag = tag;
    b.state = BuildState::Failed;
    b.statusCode = -1;
    b.id = 42;
    b.created = kTime;
    b.updated = kTime.addSecs(60);
    return b;
}

// The JSON of one good build, as state.json holds it, with `field` replaced by `value`.
QByteArray buildJson(const char *field = nullptr, const char *value = nullptr)
{
    QByteArray o = R"({"provider":"dockerhub","repository":"acme/web","tag":"latest",)"
                   R"("status":"failed","status_code":-1,"build_id":42,"build_code":null,)"
                   R"("created":"2026-03-01T12:00:00.250Z","updated":"2026-03-01T12:01:00.250Z",)"
                   R"("cause":null,"url":null,"attempt":0})";
    if (field) {
        const QByteArray key = QByteArray("\"") + field + "\":";
        const int at = o.indexOf(key);
        const int end = o.indexOf(',', at);
        o.replace(at + key.size(), end - at - key.size(), value);
    }
    return o;
}

} // namespace

class TestStateFiles : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void filesArePrivate();
    void fullDiskLeavesEachFileAsItWas();
    void existingFilesAndDirectoryAreTightened();
    void watchStateRoundTrip();
    void watchStateBadValues_data();
    void watchStateBadValues();
    void detectorBadValues();
    void triggerStateBadValues();
    void rebuildStateBadValues();
    void triggerHistoryBadValues();
    void providerCacheBadValues();
    void versionIsExact();

private:
    mode_t m_umask = 0;
    QTemporaryDir m_dir;
};

void TestStateFiles::init() { m_umask = ::umask(022); }

void TestStateFiles::cleanup() { ::umask(m_umask); }

void TestStateFiles::filesArePrivate()
{
    const QString dir = m_dir.filePath(QStringLiteral("private/state"));
    QString error;
    QVERIFY(writeStateFile(dir + "/plain.json", QJsonObject { { "version", 1 } }, &error));
    QCOMPARE(modeOf(dir + "/plain.json"), mode_t(0600));
    QCOMPARE(modeOf(dir), mode_t(0700));

    WatchState watch;
    watch.upsert("hub", "acme/web").builds.append(sampleBuild("latest"));
    QVERIFY(watch.save(dir + "/state.json", &error));
    DetectorState detector;
    detector.fired.insert("e1", kTime);
    QVERIFY(saveDetectorState(dir + "/detector.json", detector, &error));
    TriggerState triggers;
    triggers.runs.insert("nightly", TriggerRun { kTime, kTime.addDays(1), 202, "HTTP 202", true });
    QVERIFY(triggers.save(dir + "/triggers.json", &error));
    RebuildState rebuilds;
    rebuilds.retries.insert("acme/web|latest", 2);
    QVERIFY(rebuilds.save(dir + "/rebuilds.json", &error));
    ProviderCache cache;
    cache.set("gh|https://api.github.com", QJsonObject { { "etag", "W/\"1\"" } });
    QVERIFY(cache.save(dir + "/provider-cache.json", &error));
    TriggerFire fire;
    fire.time = kTime;
    fire.trigger = "nightly";
    appendTriggerFire(dir + "/trigger-history.jsonl", fire);

    for (const char *name : { "state.json", "detector.json", "triggers.json", "rebuilds.json",
                              "provider-cache.json", "trigger-history.jsonl" })
        QVERIFY2(modeOf(dir + "/" + name) == 0600, name);
    QCOMPARE(modeOf(dir), mode_t(0700));
}

// A disk that refuses more bytes (here the kernel's file-size limit, RLIMIT_FSIZE: writes past
// it fail with EFBIG, as on a full disk) leaves every state file as it was, never empty.
void TestStateFiles::fullDiskLeavesEachFileAsItWas()
{
    const QString dir = m_dir.filePath(QStringLiteral("full"));
    DetectorState small;
    small.fired.insert("e1", kTime);
    QString error;
    QVERIFY(saveDetectorState(dir + "/detector.json", small, &error));
    QFile before(dir + "/detector.json");
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray was = before.readAll();
    before.close();
    DetectorState big = small;
    for (int i = 0; i < 2000; ++i)
        big.fired.insert(QStringLiteral("event-%1").arg(i), kTime);
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN); // EFBIG instead of a signal
    rlimit old {};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    rlimit limited = old;
    limited.rlim_cur = 4096;
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
    const bool saved = saveDetectorState(dir + "/detector.json", big, &error);
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &old) == 0);
    std::signal(SIGXFSZ, oldHandler);
    QVERIFY(!saved);
    QVERIFY2(error.contains("detector.json") && error.contains("disk full"), qPrintable(error));
    QVERIFY(before.open(QIODevice::ReadOnly));
    QCOMPARE(before.readAll(), was);
    // Nothing left behind but the file itself.
    QCOMPARE(QDir(dir).entryList(QDir::Files), QStringList { "detector.json" });
}

void TestStateFiles::existingFilesAndDirectoryAreTightened()
{
    // As an older Hubhook left them under umask 022.
    const QString dir = m_dir.filePath(QStringLiteral("old"));
    QVERIFY(QDir().mkpath(dir));
    QCOMPARE(modeOf(dir), mode_t(0755));
    writeFile(dir + "/state.json", R"({"version":1,"repositories":[]})");
    writeFile(dir + "/trigger-history.jsonl", "");
    QCOMPARE(modeOf(dir + "/state.json"), mode_t(0644));

    QString error;
    QVERIFY(WatchState().save(dir + "/state.json", &error));
    QCOMPARE(modeOf(dir + "/state.json"), mode_t(0600));
    QCOMPARE(modeOf(dir), mode_t(0700));
    appendTriggerFire(dir + "/trigger-history.jsonl", TriggerFire());
    QCOMPARE(modeOf(dir + "/trigger-history.jsonl"), mode_t(0600));
}

void TestStateFiles::watchStateRoundTrip()
{
    const QString path = m_dir.filePath("roundtrip/state.json");
    WatchState s;
    RepoState &r = s.upsert("hub", "acme/web");
    r.listedUpdated = kTime;
    r.historyFetchedAt = kTime.addSecs(5);
    r.failures = 3;
    r.builds = { sampleBuild("latest"), sampleBuild("edge") };
    QString error, warning;
    QVERIFY(s.save(path, &error));
    WatchState back;
    QVERIFY2(back.load(path, &warning), qPrintable(warning));
    QVERIFY(warning.isEmpty());
    QCOMPARE(back.all().size(), 1);
    const RepoState b = back.all().first();
    QCOMPARE(b.listedUpdated, kTime);
    QCOMPARE(b.failures, 3);
    QCOMPARE(b.builds.size(), 2);
    QCOMPARE(b.builds.at(0), r.builds.at(0));
}

void TestStateFiles::watchStateBadValues_data()
{
    QTest::addColumn<QByteArray>("build"); // one of two builds; the other is good
    QTest::addColumn<QString>("expected");
    QTest::newRow("bogus status") << buildJson("status", "\"exploded\"")
                                  << "repositories[0].builds[1].status: unknown build status "
                                     "\"exploded\"";
    QTest::newRow("unreadable time (issue 14)")
            << buildJson("updated", "\"17 Sep 200414 08:26:22 +0000\"")
            << "repositories[0].builds[1].updated: unreadable time \"17 Sep 200414 08:26:22 "
               "+0000\"";
    QTest::newRow("time not a string")
            << buildJson("created", "12") << "repositories[0].builds[1].created: expected a time";
    QTest::newRow("status code past int")
            << buildJson("status_code", "4294967297")
            << "repositories[0].builds[1].status_code: must be between";
    QTest::newRow("build id 1e300") << buildJson("build_id", "1e300")
                                    << "repositories[0].builds[1].build_id: number out of range";
    QTest::newRow("attempt negative")
            << buildJson("attempt", "-1") << "repositories[0].builds[1].attempt: must be between";
    QTest::newRow("not an object")
            << QByteArray("7") << "repositories[0].builds[1]: expected an object";
}

void TestStateFiles::watchStateBadValues()
{
    QFETCH(QByteArray, build);
    QFETCH(QString, expected);
    const QString path = m_dir.filePath("bad-values/state.json");
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    writeFile(path,
              R"({"version":1,"repositories":[{"account":"hub","repository":"acme/web",)"
              R"("failures":0,"builds":[)"
                      + buildJson() + "," + build + "]}]}");
    WatchState s;
    QString warning;
    QVERIFY(!s.load(path, &warning));
    QVERIFY2(warning.startsWith(path + ": " + expected), qPrintable(warning));
    // The rest is kept, and the file is where it was (not moved aside as corrupt).
    QCOMPARE(s.size(), 1);
    QCOMPARE(s.all().first().builds.size(), 1);
    QVERIFY(QFile::exists(path));
}

void TestStateFiles::detectorBadValues()
{
    const QString path = m_dir.filePath("detector.json");
    writeFile(path,
              R"({"version":1,"fired":{"good":"2026-03-01T12:00:00.000Z",)"
              R"("bad":"17 Sep 200414 08:26:22 +0000","worse":3},"open_failures":[)"
                      + buildJson("status", "\"bogus\"") + "," + buildJson() + "]}");
    DetectorState state;
    QString warning;
    QVERIFY(!loadDetectorState(path, &state, &warning));
    QVERIFY2(warning.startsWith(path + ": "), qPrintable(warning));
    QVERIFY2(warning.contains("(and 2 more)"), qPrintable(warning));
    QCOMPARE(state.fired.keys(), QStringList { "good" });
    QCOMPARE(state.openFailures.size(), 1);
    // A time that will not read back is never kept: none is invalid.
    for (const QDateTime &t : std::as_const(state.fired))
        QVERIFY(t.isValid());
}

void TestStateFiles::triggerStateBadValues()
{
    const QString path = m_dir.filePath("triggers.json");
    writeFile(path,
              R"({"version":1,"runs":{"good":{"last_run":"2026-03-01T12:00:00.000Z",)"
              R"("next_run":null,"last_status":202,"last_result":"HTTP 202","last_ok":true},)"
              R"("bad":{"last_run":"yesterday","last_status":1e300}}})");
    TriggerState state;
    QString warning;
    QVERIFY(!state.load(path, &warning));
    QVERIFY2(warning.startsWith(path + ": runs.bad."), qPrintable(warning));
    QVERIFY2(warning.contains("(and 1 more)"), qPrintable(warning));
    QCOMPARE(state.runs.value("good").lastStatus, 202);
    QCOMPARE(state.runs.value("good").lastRun, QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC));
    QCOMPARE(state.runs.value("bad").lastStatus, 0);

    // The same file, good: no warning.
    QString error;
    QVERIFY(state.save(path, &error));
    warning.clear();
    QVERIFY(state.load(path, &warning));
    QVERIFY(warning.isEmpty());
}

void TestStateFiles::rebuildStateBadValues()
{
    const QString path = m_dir.filePath("rebuilds.json");
    writeFile(
            path,
            R"({"version":1,"expectations":[)"
            R"({"trigger":"t","repository":"acme/web","tag":"latest",)"
            R"("fired_at":"2026-03-01T12:00:00.000Z","deadline":"2026-03-01T13:00:00.000Z"},)"
            R"({"trigger":"t","repository":"acme/web","tag":"edge",)"
            R"("fired_at":"2026-03-01T12:00:00.000Z","deadline":"17 Sep 200414 08:26:22 +0000"}],)"
            R"("retries":{"acme/web|latest":4294967297,"acme/web|edge":1}})");
    RebuildState state;
    QString warning;
    QVERIFY(!state.load(path, &warning));
    QVERIFY2(warning.startsWith(path + ": expectations[1].deadline: unreadable time"),
             qPrintable(warning));
    QVERIFY2(warning.contains("(and 1 more)"), qPrintable(warning));
    QCOMPARE(state.expectations.size(), 1);
    QCOMPARE(state.expectations.first().tag, "latest");
    QCOMPARE(state.retries, (QHash<QString, int> { { "acme/web|edge", 1 } }));
}

void TestStateFiles::triggerHistoryBadValues()
{
    const QString path = m_dir.filePath("trigger-history.jsonl");
    TriggerFire good;
    good.time = kTime;
    good.trigger = "nightly";
    good.status = 202;
    good.durationMs = 1500;
    good.ok = true;
    appendTriggerFire(path, good);
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    f.write(R"({"time":"2026-03-01T12:00:00.000Z","trigger":"nightly","duration_ms":1e300})"
            "\n");
    f.write(R"({"time":"2026-03-01T12:00:00.000Z","trigger":"nightly","status":4294967498})"
            "\n");
    f.close();
    QStringList warnings;
    const QList<TriggerFire> fires = readTriggerFires(path, {}, 200, &warnings);
    QCOMPARE(fires.size(), 1);
    QCOMPARE(fires.first().durationMs, 1500);
    QCOMPARE(fires.first().status, 202);
    QCOMPARE(warnings.size(), 2);
    QVERIFY2(warnings.at(0).startsWith(path + ": line 2.duration_ms: number out of range"),
             qPrintable(warnings.at(0)));
    QVERIFY2(warnings.at(1).startsWith(path + ": line 3.status: must be between"),
             qPrintable(warnings.at(1)));
}

void TestStateFiles::providerCacheBadValues()
{
    const QString path = m_dir.filePath("provider-cache.json");
    writeFile(path, R"({"version":1,"accounts":{"a|x":{"etag":"1"},"b|y":"junk"}})");
    ProviderCache cache;
    QString warning;
    QVERIFY(!cache.load(path, &warning));
    QVERIFY2(warning.startsWith(path + ": accounts.b|y: expected an object"), qPrintable(warning));
    QCOMPARE(cache.value("a|x").value("etag").toString(), "1");
}

void TestStateFiles::versionIsExact()
{
    // 4294967297 is not version 1, whatever an int cast would make of it.
    const QString path = m_dir.filePath("version.json");
    writeFile(path, R"({"version":4294967297,"runs":{}})");
    QCOMPARE(readStateFile(path, 1).status, StateFileRead::Corrupt);
    writeFile(path, R"({"version":1.0000001,"runs":{}})");
    QCOMPARE(readStateFile(path, 1).status, StateFileRead::Corrupt);
    writeFile(path, R"({"version":1,"runs":{}})");
    QCOMPARE(readStateFile(path, 1).status, StateFileRead::Ok);
}

QTEST_GUILESS_MAIN(TestStateFiles)
#include "tst_statefiles.moc"
