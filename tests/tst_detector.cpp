#include "core/Detector.h"
#include "providers/dockerhub/DockerHubApi.h"
#include "state/DetectorFile.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;

// Detection is a pure function of (previous state, observations, now): walked through here
// step by step, without a network or an event loop.
class TestDetector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void singleObservation_data();
    void singleObservation();
    void eachEventOnce();
    void recoveryAfterFailure();
    void recoveryOfAnOldFailure();
    void tagsAreIndependent();
    void idsAreDeterministic();
    void stateSurvivesRestart();
    void corruptStateMovedAside();
    void pruneForgetsOldIds();
};

static const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

static Build build(qint64 id, int status, qint64 createdAgoSecs, qint64 updatedAgoSecs = -1,
                   const QString &tag = QStringLiteral("latest"))
{
    Build b;
    b.repository = QStringLiteral("acme/api");
    b.tag = tag;
    b.id = id;
    b.statusCode = status;
    b.state = buildStateFromDockerHub(status);
    b.created = now.addSecs(-createdAgoSecs);
    b.updated = now.addSecs(-(updatedAgoSecs < 0 ? createdAgoSecs : updatedAgoSecs));
    return b;
}

static QStringList types(const QList<Event> &events)
{
    QStringList out;
    for (const Event &e : events)
        out << eventTypeName(e.type);
    return out;
}

void TestDetector::singleObservation_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("createdAgoMin");
    QTest::addColumn<int>("updatedAgoMin");
    QTest::addColumn<QStringList>("expected");
    const int day = 24 * 60;
    QTest::newRow("fresh failure") << -1 << 10 << 5 << QStringList { "build.failed" };
    QTest::newRow("error -2") << -2 << 10 << 5 << QStringList { "build.failed" };
    QTest::newRow("unknown negative") << -7 << 10 << 5 << QStringList { "build.failed" };
    QTest::newRow("failure older than ignore_older_than")
            << -1 << 2 * day << 2 * day - 10 << QStringList {};
    QTest::newRow("failure just inside the window")
            << -1 << day << day - 1 << QStringList { "build.failed" };
    QTest::newRow("success") << 10 << 10 << 5 << QStringList {};
    QTest::newRow("building") << 3 << 90 << 90 << QStringList {};
    QTest::newRow("queued 59 min") << 0 << 59 << 59 << QStringList {};
    QTest::newRow("queued 60 min") << 0 << 60 << 60 << QStringList { "build.stuck" };
    QTest::newRow("queued (1) 2 h") << 1 << 120 << 120 << QStringList { "build.stuck" };
    QTest::newRow("queued (11) 2 days: still stuck now")
            << 11 << 2 * day << 2 * day << QStringList { "build.stuck" };
    QTest::newRow("cancelled") << -4 << 10 << 5 << QStringList { "build.cancelled" };
    QTest::newRow("old cancelled") << -4 << 2 * day << 2 * day << QStringList {};
}

void TestDetector::singleObservation()
{
    QFETCH(int, status);
    QFETCH(int, createdAgoMin);
    QFETCH(int, updatedAgoMin);
    QFETCH(QStringList, expected);
    DetectorState state;
    const QList<Event> events
            = detectEvents(state, { build(7, status, createdAgoMin * 60, updatedAgoMin * 60) }, now,
                           DetectorSettings());
    QCOMPARE(types(events), expected);
    for (const Event &e : events) {
        QCOMPARE(e.build.id, 7);
        QCOMPARE(e.occurredAt, now);
        QVERIFY(e.id.startsWith("msg_"));
        QVERIFY(!e.summary().isEmpty());
    }
}

void TestDetector::eachEventOnce()
{
    DetectorState state;
    DetectorSettings settings;
    QCOMPARE(types(detectEvents(state, { build(1, -1, 600) }, now, settings)),
             QStringList { "build.failed" });
    QCOMPARE(types(detectEvents(state, { build(1, -1, 600) }, now.addSecs(60), settings)),
             QStringList {});
    // Stuck once, however long it stays queued.
    QCOMPARE(types(detectEvents(state, { build(2, 0, 3700) }, now, settings)),
             QStringList { "build.stuck" });
    QCOMPARE(types(detectEvents(state, { build(2, 0, 7200) }, now.addSecs(3600), settings)),
             QStringList {});
    // Queued -> failed: the same build may be stuck and then fail: both, once each.
    QCOMPARE(types(detectEvents(state, { build(2, -1, 7200, 10) }, now, settings)),
             QStringList { "build.failed" });
}

void TestDetector::recoveryAfterFailure()
{
    DetectorState state;
    DetectorSettings settings;
    detectEvents(state, { build(1, -1, 600) }, now, settings);
    QCOMPARE(types(detectEvents(state, { build(2, 3, 60) }, now, settings)), QStringList {});
    const QList<Event> events = detectEvents(state, { build(2, 10, 60, 5) }, now, settings);
    QCOMPARE(types(events), QStringList { "build.recovered" });
    QCOMPARE(events.first().previous.id, 1);
    QCOMPARE(events.first().build.id, 2);
    // The streak is closed: the next success is just a success.
    QCOMPARE(types(detectEvents(state, { build(3, 10, 30) }, now, settings)), QStringList {});
    // A success without any failure before is never a recovery.
    DetectorState fresh;
    QCOMPARE(types(detectEvents(fresh, { build(9, 10, 30) }, now, settings)), QStringList {});
}

void TestDetector::recoveryOfAnOldFailure()
{
    // First start: a failure from three days ago raises nothing, but its recovery today does.
    DetectorState state;
    DetectorSettings settings;
    QCOMPARE(types(detectEvents(state, { build(1, -1, 3 * 86400) }, now, settings)),
             QStringList {});
    QCOMPARE(types(detectEvents(state, { build(2, 10, 60) }, now, settings)),
             QStringList { "build.recovered" });
}

void TestDetector::tagsAreIndependent()
{
    DetectorState state;
    DetectorSettings settings;
    detectEvents(state, { build(1, -1, 600, -1, "dev") }, now, settings);
    // A success of another tag does not recover "dev".
    QCOMPARE(types(detectEvents(state, { build(2, 10, 60, -1, "latest") }, now, settings)),
             QStringList {});
    QCOMPARE(types(detectEvents(state, { build(3, 10, 30, -1, "dev") }, now, settings)),
             QStringList { "build.recovered" });
}

void TestDetector::idsAreDeterministic()
{
    // Two instances watching the same repository compute the same id.
    QCOMPARE(eventId("dockerhub", "acme/api", 42, EventType::BuildFailed),
             eventId("dockerhub", "acme/api", 42, EventType::BuildFailed));
    QVERIFY(eventId("dockerhub", "acme/api", 42, EventType::BuildFailed)
            != eventId("dockerhub", "acme/api", 42, EventType::BuildStuck));
    QVERIFY(eventId("dockerhub", "acme/api", 42, EventType::BuildFailed)
            != eventId("dockerhub", "acme/web", 42, EventType::BuildFailed));
    QCOMPARE(eventId("dockerhub", "acme/api", 42, EventType::BuildFailed).size(), 36);
    DetectorState a, b;
    QCOMPARE(detectEvents(a, { build(5, -1, 60) }, now, {}).first().id,
             detectEvents(b, { build(5, -1, 60) }, now.addSecs(30), {}).first().id);
}

void TestDetector::stateSurvivesRestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("detector.json");
    DetectorState state;
    detectEvents(state, { build(1, -1, 600) }, now, {});
    QString error;
    QVERIFY(saveDetectorState(path, state, &error));

    DetectorState restarted;
    QString warning;
    QVERIFY(loadDetectorState(path, &restarted, &warning));
    QCOMPARE(types(detectEvents(restarted, { build(1, -1, 600) }, now, {})), QStringList {});
    QCOMPARE(types(detectEvents(restarted, { build(2, 10, 60) }, now, {})),
             QStringList { "build.recovered" });
}

void TestDetector::corruptStateMovedAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("detector.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"version\": 1, \"fired\": {");
    f.close();
    DetectorState state;
    QString warning;
    QVERIFY(!loadDetectorState(path, &state, &warning));
    QVERIFY2(warning.contains("is corrupt") && warning.contains("line 1"), qPrintable(warning));
    QVERIFY(!QFile::exists(path));
    QCOMPARE(QDir(dir.path()).entryList({ "detector.json.corrupt-*" }).size(), 1);
}

void TestDetector::pruneForgetsOldIds()
{
    DetectorState state;
    state.fired.insert("msg_old", now.addDays(-40));
    state.fired.insert("msg_new", now.addDays(-1));
    state.prune(now);
    QCOMPARE(state.fired.keys(), QStringList { "msg_new" });
}

QTEST_GUILESS_MAIN(TestDetector)
#include "tst_detector.moc"
