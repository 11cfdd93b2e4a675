#include "core/SweepPolicy.h"
#include "providers/dockerhub/DockerHubApi.h"
#include "state/WatchState.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;

class TestSweepPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reasons_data();
    void reasons();
    void refreshesAreSpread();
    void backoff();
    void stateRoundTrip();
    void corruptStateMovedAside_data();
    void corruptStateMovedAside();
};

static const QDateTime now(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);
static const QDateTime pushed = now.addSecs(-3600);

Q_DECLARE_METATYPE(hubhook::FetchReason)

void TestSweepPolicy::reasons_data()
{
    QTest::addColumn<bool>("known");
    QTest::addColumn<int>("buildStatus"); // Docker Hub code of the known build
    QTest::addColumn<int>("listedOffsetSecs"); // listing's last_updated relative to `pushed`
    QTest::addColumn<int>("fetchedAgoSecs");
    QTest::addColumn<int>("failures");
    QTest::addColumn<int>("nextAttemptInSecs");
    QTest::addColumn<FetchReason>("reason");

    const int hour = 3600;
    QTest::newRow("never seen") << false << 10 << 0 << 0 << 0 << 0 << FetchReason::NeverSeen;
    QTest::newRow("unchanged success") << true << 10 << 0 << 60 << 0 << 0 << FetchReason::None;
    QTest::newRow("unchanged failure") << true << -1 << 0 << 60 << 0 << 0 << FetchReason::None;
    QTest::newRow("pushed since") << true << 10 << 120 << 60 << 0 << 0 << FetchReason::Changed;
    QTest::newRow("queued build") << true << 0 << 0 << 60 << 0 << 0 << FetchReason::Active;
    QTest::newRow("building build") << true << 3 << 0 << 60 << 0 << 0 << FetchReason::Active;
    QTest::newRow("history an hour old: not yet")
            << true << 10 << 0 << hour - 1 << 0 << 0 << FetchReason::None;
    QTest::newRow("stale history")
            << true << 10 << 0 << hour * 3 / 2 << 0 << 0 << FetchReason::Refresh;
    QTest::newRow("failed once: retry") << true << 10 << 0 << 60 << 1 << 0 << FetchReason::Retry;
    QTest::newRow("failed, backing off")
            << true << 10 << 0 << 60 << 3 << 120 << FetchReason::BackingOff;
    QTest::newRow("failed, back-off over")
            << true << 10 << 0 << 60 << 3 << -1 << FetchReason::Retry;
}

void TestSweepPolicy::reasons()
{
    QFETCH(bool, known);
    QFETCH(int, buildStatus);
    QFETCH(int, listedOffsetSecs);
    QFETCH(int, fetchedAgoSecs);
    QFETCH(int, failures);
    QFETCH(int, nextAttemptInSecs);
    QFETCH(FetchReason, reason);

    RepoState s;
    s.account = "hub";
    s.repository = "acme/api";
    s.historyUpdated = pushed;
    s.historyFetchedAt = now.addSecs(-fetchedAgoSecs);
    Build b;
    b.id = 1;
    b.tag = "latest";
    b.statusCode = buildStatus;
    b.state = buildStateFromDockerHub(buildStatus);
    s.builds = { b };
    s.failures = failures;
    if (nextAttemptInSecs)
        s.nextAttempt = now.addSecs(nextAttemptInSecs);
    const FetchReason actual = historyFetchReason(
            known ? &s : nullptr, pushed.addSecs(listedOffsetSecs), now, 3600 * 1000);
    QCOMPARE(fetchReasonName(actual), fetchReasonName(reason));
    QCOMPARE(shouldFetch(actual), reason != FetchReason::None && reason != FetchReason::BackingOff);
}

void TestSweepPolicy::refreshesAreSpread()
{
    const qint64 hour = 3600 * 1000;
    QSet<qint64> due;
    for (int i = 0; i < 100; ++i) {
        const qint64 d = refreshDueMs(QStringLiteral("hub|acme/repo-%1").arg(i), hour);
        QVERIFY(d >= hour && d <= hour * 3 / 2);
        due.insert(d / 60000);
    }
    QVERIFY2(due.size() >= 20,
             "refreshes of 100 repositories fall in at least 20 different minutes");
    QCOMPARE(refreshDueMs("hub|acme/x", hour), refreshDueMs("hub|acme/x", hour)); // stable
}

void TestSweepPolicy::backoff()
{
    QCOMPARE(backoffDelayMs(1), 0);
    QCOMPARE(backoffDelayMs(2), 60000);
    QCOMPARE(backoffDelayMs(3), 120000);
    QCOMPARE(backoffDelayMs(4), 240000);
    QCOMPARE(backoffDelayMs(50), 30 * 60 * 1000);
}

void TestSweepPolicy::stateRoundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("sub/state.json");
    WatchState state;
    RepoState &s = state.upsert("hub", "acme/api");
    s.watch = "acme/*";
    s.listedUpdated = pushed;
    s.historyUpdated = pushed;
    s.historyFetchedAt = now;
    s.failures = 2;
    s.error = "acme/api build history: HTTP 502";
    Build b;
    b.repository = "acme/api";
    b.tag = "latest";
    b.id = 42;
    b.statusCode = -1;
    b.state = BuildState::Failed;
    b.created = now.addSecs(-100);
    b.updated = now.addSecs(-50);
    b.buildCode = "abc";
    b.url = "https://hub.docker.com/repository/docker/acme/api/builds/abc";
    s.builds = { b };
    QString error;
    QVERIFY(state.save(path, &error));

    WatchState loaded;
    QString warning;
    QVERIFY(loaded.load(path, &warning));
    QVERIFY(warning.isEmpty());
    const RepoState *l = loaded.find("hub|acme/api");
    QVERIFY(l);
    QCOMPARE(l->watch, s.watch);
    QCOMPARE(l->historyFetchedAt, s.historyFetchedAt);
    QCOMPARE(l->failures, 2);
    QCOMPARE(l->error, s.error);
    QCOMPARE(l->builds.size(), 1);
    QCOMPARE(l->builds.first(), b);
}

void TestSweepPolicy::corruptStateMovedAside_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("why");
    QTest::newRow("truncated") << QByteArray(R"({"version": 1, "repositories": [{"acc)")
                               << "line 1";
    QTest::newRow("binary junk") << QByteArray("\x00\x01\x02garbage", 10) << "line 1";
    QTest::newRow("wrong version")
            << QByteArray(R"({"version": 9, "repositories": []})") << "version: unsupported";
    QTest::newRow("wrong shape") << QByteArray(R"({"version": 1, "repositories": {}})")
                                 << "repositories: expected an array";
}

void TestSweepPolicy::corruptStateMovedAside()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, why);
    QTemporaryDir dir;
    const QString path = dir.filePath("state.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
    f.close();

    WatchState state;
    QString warning;
    QVERIFY(!state.load(path, &warning));
    QCOMPARE(state.size(), 0);
    QVERIFY2(warning.contains("is corrupt") && warning.contains(why), qPrintable(warning));
    QVERIFY(!QFile::exists(path));
    // The corrupt file is kept, not deleted.
    const QStringList aside = QDir(dir.path()).entryList({ "state.json.corrupt-*" });
    QCOMPARE(aside.size(), 1);
    QFile kept(dir.filePath(aside.first()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), content);
}

QTEST_GUILESS_MAIN(TestSweepPolicy)
#include "tst_sweeppolicy.moc"
