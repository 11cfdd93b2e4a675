#include "core/Build.h"
#include "core/BuildState.h"
#include "providers/dockerhub/DockerHubApi.h"
#include "providers/github/GitHubApi.h"
#include "state/WatchState.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
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
    void stateFileWritesBuildsAsToJson();
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

// state.json's fast writer and Build::toJson share one field list: the same JSON, whatever the
// build holds (quotes, control characters, nulls).
void TestBuildState::stateFileWritesBuildsAsToJson()
{
    hubhook::Build b;
    b.repository = "acme/api";
    b.tag = "v\"1\"\n";
    b.state = hubhook::BuildState::Failed;
    b.statusCode = -1;
    b.id = 9007199254740;
    b.created = QDateTime::fromString("2026-11-30T10:00:00.123Z", Qt::ISODateWithMs);
    b.cause = "TRIGGERED_VIA_API";
    hubhook::WatchState state;
    state.upsert("hub", "acme/api").builds = { b };
    QTemporaryDir dir;
    QString error;
    QVERIFY(state.save(dir.filePath("state.json"), &error));
    QFile f(dir.filePath("state.json"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject written = QJsonDocument::fromJson(f.readAll())
                                        .object()["repositories"][0]["builds"][0]
                                        .toObject();
    QCOMPARE(written, b.toJson());
}

QTEST_GUILESS_MAIN(TestBuildState)
#include "tst_buildstate.moc"
