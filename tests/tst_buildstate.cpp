#include "core/Build.h"
#include "core/BuildState.h"

#include <QTest>

using namespace hubhook;

class TestBuildState : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dockerHubCodes_data();
    void dockerHubCodes();
    void namesRoundTrip();
    void latestPerTag();
};

void TestBuildState::dockerHubCodes_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("state");
    QTest::newRow("10 success") << 10 << "success";
    QTest::newRow("0 queued") << 0 << "queued";
    QTest::newRow("1 queued") << 1 << "queued";
    QTest::newRow("11 queued") << 11 << "queued";
    QTest::newRow("2 building") << 2 << "building";
    QTest::newRow("3 building") << 3 << "building";
    QTest::newRow("-1 error") << -1 << "failed";
    QTest::newRow("-2 error") << -2 << "failed";
    QTest::newRow("-4 cancelled") << -4 << "cancelled";
    QTest::newRow("-3 unknown negative") << -3 << "failed";
    QTest::newRow("-99 unknown negative") << -99 << "failed";
    QTest::newRow("4 unknown") << 4 << "unknown";
    QTest::newRow("12 unknown") << 12 << "unknown";
    QTest::newRow("99 unknown") << 99 << "unknown";
}

void TestBuildState::dockerHubCodes()
{
    QFETCH(int, code);
    QFETCH(QString, state);
    QCOMPARE(buildStateName(buildStateFromDockerHub(code)), state);
}

void TestBuildState::namesRoundTrip()
{
    for (auto s : { BuildState::Success, BuildState::Queued, BuildState::Building,
                    BuildState::Failed, BuildState::Cancelled, BuildState::Unknown })
        QCOMPARE(buildStateFromName(buildStateName(s)), s);
    QCOMPARE(buildStateFromName(QStringLiteral("nonsense")), BuildState::Unknown);
    QVERIFY(isActive(BuildState::Queued));
    QVERIFY(isActive(BuildState::Building));
    QVERIFY(!isActive(BuildState::Failed));
}

void TestBuildState::latestPerTag()
{
    auto build = [](qint64 id, const QString &tag, int minute) {
        Build b;
        b.id = id;
        b.tag = tag;
        b.created = QDateTime(QDate(2026, 1, 1), QTime(10, minute), Qt::UTC);
        return b;
    };
    // Deliberately out of order: the newest build of each tag wins whatever the API order.
    const QList<Build> latest
            = hubhook::latestPerTag({ build(1, "latest", 1), build(3, "latest", 3),
                                      build(2, "dev", 2), build(4, "dev", 0) });
    QCOMPARE(latest.size(), 2);
    QCOMPARE(latest[0].id, 3);
    QCOMPARE(latest[1].id, 2);
}

QTEST_GUILESS_MAIN(TestBuildState)
#include "tst_buildstate.moc"
