#include "engine/Engine.h"
#include "engine/Sweep.h"
#include "models/BuildTableModel.h"
#include "state/WatchState.h"
#include "support/TimeText.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hubhook;

namespace {

const QDateTime kNow(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);

QDateTime ago(qint64 secs) { return kNow.addSecs(-secs); }

Build makeBuild(const QString &repository, const QString &tag, BuildState state,
                const QDateTime &created, const QDateTime &updated, const QString &cause = {})
{
    static qint64 nextId = 1000;
    Build b;
    b.repository = repository;
    b.tag = tag;
    b.state = state;
    b.id = ++nextId;
    b.created = created;
    b.updated = updated;
    b.cause = cause;
    b.url = QStringLiteral("https://hub.docker.com/r/%1/builds/%2").arg(repository).arg(b.id);
    return b;
}

RepoState &addRepo(WatchState &state, const QString &repository, QList<Build> builds = {},
                   const QString &error = {}, const QString &account = QStringLiteral("acct"))
{
    RepoState &s = state.upsert(account, repository);
    s.builds = builds;
    s.error = error;
    return s;
}

QString key(const QString &repository, const QString &tag = {})
{
    return BuildTableModel::rowKey(QStringLiteral("acct"), repository, tag);
}

SweepReport coverAll(const WatchState &state)
{
    SweepReport report;
    for (const RepoState &s : state.all())
        report.repositories.insert(s.key());
    return report;
}

SweepReport cover(const QStringList &repositories)
{
    SweepReport report;
    for (const QString &r : repositories)
        report.repositories.insert(QStringLiteral("acct|") + r);
    return report;
}

// Three repositories, five rows: the fixture most tests start from.
WatchState sample()
{
    WatchState state;
    addRepo(state, QStringLiteral("ns/api"),
            { makeBuild(QStringLiteral("ns/api"), QStringLiteral("latest"), BuildState::Success,
                        ago(3600), ago(3400), QStringLiteral("Build in 'main' (abc123)")),
              makeBuild(QStringLiteral("ns/api"), QStringLiteral("dev"), BuildState::Building,
                        ago(240), ago(60)) });
    addRepo(state, QStringLiteral("ns/Web"),
            { makeBuild(QStringLiteral("ns/Web"), QStringLiteral("latest"), BuildState::Failed,
                        ago(7200), ago(7000)),
              makeBuild(QStringLiteral("ns/Web"), QStringLiteral("v1"), BuildState::Queued, ago(30),
                        ago(30)) });
    addRepo(state, QStringLiteral("ns/empty"), {}, QStringLiteral("HTTP 404: not found"));
    return state;
}

// A GitHub Actions run: its row key is "<workflow>@<branch>", never shown.
Build makeRun(const QString &repository, const QString &workflow, const QString &name,
              const QString &branch, BuildState state, qint64 startedSecsAgo)
{
    Build b = makeBuild(repository, workflowRowKey(workflow, branch), state, ago(startedSecsAgo),
                        ago(startedSecsAgo - 60));
    b.provider = QStringLiteral("github");
    b.workflow = workflow;
    b.workflowName = name;
    b.branch = branch;
    b.commit = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    b.actor = QStringLiteral("octocat");
    b.event = QStringLiteral("push");
    b.attempt = 2;
    b.buildCode = QStringLiteral("#%1").arg(b.id - 1000);
    b.url = QStringLiteral("https://github.com/%1/actions/runs/%2").arg(repository).arg(b.id);
    return b;
}

// sample() plus a GitHub repository with three workflow rows.
WatchState sampleWithGitHub()
{
    WatchState state = sample();
    addRepo(state, QStringLiteral("octo/api"),
            { makeRun(QStringLiteral("octo/api"), QStringLiteral("ci.yml"), QStringLiteral("CI"),
                      QStringLiteral("main"), BuildState::NeedsAttention, 500),
              makeRun(QStringLiteral("octo/api"), QStringLiteral("release.yml"), {},
                      QStringLiteral("main"), BuildState::Skipped, 400),
              makeRun(QStringLiteral("octo/api"), QStringLiteral("ci.yml"), QStringLiteral("CI"),
                      QStringLiteral("dev"), BuildState::Failed, 300) },
            {}, QStringLiteral("gh"));
    return state;
}

// An image row: a tag's last push (for a glob, `cause` is the newest match).
Build makeImage(const QString &image, const QString &pattern, const QString &match,
                BuildState state, qint64 pushedSecsAgo, qint64 maxAgeMs,
                const QString &provider = QStringLiteral("dockerhub"))
{
    Build b = makeBuild(image, pattern, state, ago(pushedSecsAgo), ago(pushedSecsAgo), match);
    b.provider = provider;
    b.image = true;
    b.digest = QStringLiteral("sha256:0123456789ab") + QString(52, QLatin1Char('f'));
    b.buildCode = QStringLiteral("0123456789ab");
    b.maxAgeMs = maxAgeMs;
    b.url = provider == QLatin1String("github")
            ? QStringLiteral("https://github.com/orgs/acme/packages/container/package/base")
            : QStringLiteral("https://hub.docker.com/r/acme/base/tags");
    return b;
}

// sample() plus three image rows: a stale Docker Hub tag, a fresh glob, a fresh GHCR tag.
WatchState sampleWithImages()
{
    WatchState state = sample();
    const qint64 day = 24 * 3600 * 1000;
    addRepo(state, QStringLiteral("docker.io/acme/base"),
            { makeImage(QStringLiteral("docker.io/acme/base"), QStringLiteral("latest"), {},
                        BuildState::Stale, 30 * 3600, day + 2 * 3600 * 1000),
              makeImage(QStringLiteral("docker.io/acme/base"), QStringLiteral("v1.*"),
                        QStringLiteral("v1.2"), BuildState::Success, 3 * 3600, 0) },
            {}, QStringLiteral("hub"));
    addRepo(state, QStringLiteral("ghcr.io/acme/base"),
            { makeImage(QStringLiteral("ghcr.io/acme/base"), QStringLiteral("latest"), {},
                        BuildState::Success, 600, 8 * day, QStringLiteral("github")) },
            {}, QStringLiteral("gh"));
    return state;
}

QString ghKey(const QString &workflow, const QString &branch)
{
    return BuildTableModel::rowKey(QStringLiteral("gh"), QStringLiteral("octo/api"),
                                   workflowRowKey(workflow, branch));
}

QList<int> changedRows(const QSignalSpy &spy)
{
    QList<int> rows;
    for (const QList<QVariant> &args : spy) {
        const QModelIndex tl = args.at(0).toModelIndex(), br = args.at(1).toModelIndex();
        if (tl.column() != 0 || br.column() != BuildTableModel::ColumnCount - 1)
            return { -1 }; // every column of the row must be announced
        for (int r = tl.row(); r <= br.row(); ++r)
            rows.append(r);
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

QStringList proxyKeys(const QAbstractItemModel *proxy)
{
    QStringList keys;
    for (int r = 0; r < proxy->rowCount(); ++r)
        keys << proxy->index(r, 0).data(BuildTableModel::KeyRole).toString();
    return keys;
}

struct Spies
{
    explicit Spies(BuildTableModel *m)
        : changed(m, &QAbstractItemModel::dataChanged),
          inserted(m, &QAbstractItemModel::rowsInserted),
          removed(m, &QAbstractItemModel::rowsRemoved),
          reset(m, &QAbstractItemModel::modelReset),
          layout(m, &QAbstractItemModel::layoutChanged)
    {
    }
    QSignalSpy changed, inserted, removed, reset, layout;
};

} // namespace

class TestBuildTableModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void headers();
    void display_data();
    void display();
    void toolTips();
    void roles();
    void statusSortOrder();
    void tester();
    void twoOfFiftyChanged();
    void unchangedSweepIsSilent();
    void newRepository();
    void repositoryGone_data();
    void repositoryGone();
    void tagAdded();
    void tagRemoved();
    void firstBuildReplacesPlaceholder();
    void errorSetAndCleared_data();
    void errorSetAndCleared();
    void uncoveredNewRepository();
    void refreshRelativeTimes();
    void proxySort_data();
    void proxySort();
    void proxyFilter_data();
    void proxyFilter();
    void proxyDynamicResort();
    void attachToEngine();
    void applyAtScaleTouchesOnlyChangedRows();
    void sortedApplyAtScaleIsBatched();
    void gitHubRowsDisplay_data();
    void gitHubRowsDisplay();
    void gitHubRowsToolTips();
    void gitHubRowsSortAndFilter();
    void imageRowsDisplay_data();
    void imageRowsDisplay();
    void imageRowsToolTips();
    void imageRowsSortFirstAfterFailed();
};

void TestBuildTableModel::headers()
{
    BuildTableModel model;
    QCOMPARE(model.columnCount(), int(BuildTableModel::ColumnCount));
    const QStringList expected = { "Repository", "Tag / workflow", "Status", "Started",
                                   "Updated",    "Duration",       "Cause",  "Provider" };
    for (int c = 0; c < model.columnCount(); ++c)
        QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), expected.at(c));
    QVERIFY(!model.headerData(BuildTableModel::ColumnCount, Qt::Horizontal).isValid());
    QVERIFY(model.roleNames().contains(BuildTableModel::KeyRole));
    QCOMPARE(model.roleNames().value(BuildTableModel::StatusRole), QByteArray("status"));
}

void TestBuildTableModel::display_data()
{
    QTest::addColumn<QString>("rowKey");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    const QString api = key("ns/api", "latest"), dev = key("ns/api", "dev");
    const QString v1 = key("ns/Web", "v1"), empty = key("ns/empty");
    using M = BuildTableModel;
    QTest::newRow("repository") << api << int(M::RepositoryColumn) << "ns/api";
    QTest::newRow("tag") << api << int(M::TagColumn) << "latest";
    QTest::newRow("status success") << api << int(M::StatusColumn) << "success";
    QTest::newRow("status building") << dev << int(M::StatusColumn) << "building";
    QTest::newRow("started hours") << api << int(M::StartedColumn) << "1h ago";
    QTest::newRow("started minutes") << dev << int(M::StartedColumn) << "4m ago";
    QTest::newRow("updated minutes") << api << int(M::UpdatedColumn) << "56m ago";
    QTest::newRow("updated just now") << v1 << int(M::UpdatedColumn) << "just now";
    QTest::newRow("finished duration") << api << int(M::DurationColumn) << "3m 20s";
    QTest::newRow("running duration") << dev << int(M::DurationColumn) << "running 4m";
    QTest::newRow("queued duration") << v1 << int(M::DurationColumn) << "queued 30s";
    QTest::newRow("cause") << api << int(M::CauseColumn) << "Build in 'main' (abc123)";
    QTest::newRow("no cause") << dev << int(M::CauseColumn) << "-";
    QTest::newRow("provider") << api << int(M::ProviderColumn) << "Docker Hub";
    QTest::newRow("no build: repository") << empty << int(M::RepositoryColumn) << "ns/empty";
    QTest::newRow("no build: tag") << empty << int(M::TagColumn) << "-";
    QTest::newRow("no build, error: status") << empty << int(M::StatusColumn) << "error";
    QTest::newRow("no build: started") << empty << int(M::StartedColumn) << "-";
    QTest::newRow("no build: updated") << empty << int(M::UpdatedColumn) << "-";
    QTest::newRow("no build: duration") << empty << int(M::DurationColumn) << "-";
    QTest::newRow("no build: cause") << empty << int(M::CauseColumn) << "-";
    QTest::newRow("no build: provider") << empty << int(M::ProviderColumn) << "-";
}

void TestBuildTableModel::display()
{
    QFETCH(QString, rowKey);
    QFETCH(int, column);
    QFETCH(QString, text);
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(sample());
    const int row = model.rowForKey(rowKey);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, column).data().toString(), text);
}

void TestBuildTableModel::toolTips()
{
    BuildTableModel model;
    model.setNow(kNow);
    WatchState state = sample();
    model.reset(state);
    const int api = model.rowForKey(key("ns/api", "latest"));
    QCOMPARE(model.index(api, BuildTableModel::StartedColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("2024-05-01T11:00:00.000Z"));
    QCOMPARE(model.index(api, BuildTableModel::UpdatedColumn).data(Qt::ToolTipRole).toString(),
             QStringLiteral("2024-05-01T11:03:20.000Z"));
    QVERIFY(!model.index(api, BuildTableModel::CauseColumn).data(Qt::ToolTipRole).isValid());

    // An error shows on every column of every row of its repository, next to the times.
    state.find(QStringLiteral("acct|ns/api"))->error = QStringLiteral("HTTP 500: boom");
    model.apply(state, cover({ "ns/api" }));
    for (const QString &k : { key("ns/api", "latest"), key("ns/api", "dev"), key("ns/empty") }) {
        const int row = model.rowForKey(k);
        for (int c = 0; c < BuildTableModel::ColumnCount; ++c) {
            const QString tip = model.index(row, c).data(Qt::ToolTipRole).toString();
            QVERIFY2(tip.contains(k.contains("empty") ? "HTTP 404: not found" : "HTTP 500: boom"),
                     qPrintable(k + ": " + tip));
        }
    }
    QVERIFY(model.index(api, BuildTableModel::StartedColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .startsWith(QStringLiteral("2024-05-01T11:00:00.000Z\n")));
    const int web = model.rowForKey(key("ns/Web", "latest"));
    QVERIFY(!model.index(web, BuildTableModel::CauseColumn).data(Qt::ToolTipRole).isValid());
}

void TestBuildTableModel::roles()
{
    BuildTableModel model;
    model.setNow(kNow);
    const WatchState state = sample();
    model.reset(state);
    const int dev = model.rowForKey(key("ns/api", "dev"));
    const QModelIndex i = model.index(dev, BuildTableModel::CauseColumn);
    const Build expected = state.find(QStringLiteral("acct|ns/api"))->builds.at(1);
    QCOMPARE(i.data(BuildTableModel::StatusRole).toInt(), int(BuildState::Building));
    QCOMPARE(i.data(BuildTableModel::BuildRole).value<Build>(), expected);
    QCOMPARE(model.buildAt(dev), expected);
    QCOMPARE(i.data(BuildTableModel::RepositoryRole).toString(), QStringLiteral("ns/api"));
    QCOMPARE(i.data(BuildTableModel::TagRole).toString(), QStringLiteral("dev"));
    QCOMPARE(i.data(BuildTableModel::UrlRole).toString(), expected.url);
    QCOMPARE(i.data(BuildTableModel::ErrorRole).toString(), QString());
    QCOMPARE(i.data(BuildTableModel::KeyRole).toString(), QStringLiteral("acct|ns/api|dev"));
    QCOMPARE(i.data(BuildTableModel::AccountRole).toString(), QStringLiteral("acct"));
    QCOMPARE(model.index(dev, BuildTableModel::StartedColumn).data(BuildTableModel::SortRole),
             QVariant(ago(240)));
    QCOMPARE(model.index(dev, BuildTableModel::DurationColumn).data(BuildTableModel::SortRole),
             QVariant(qint64(240000)));

    const int empty = model.rowForKey(key("ns/empty"));
    QCOMPARE(model.index(empty, 0).data(BuildTableModel::ErrorRole).toString(),
             QStringLiteral("HTTP 404: not found"));
    QCOMPARE(model.index(empty, 0).data(BuildTableModel::StatusRole).toInt(),
             int(BuildState::Unknown));
    QCOMPARE(model.buildAt(empty).id, 0);
    QCOMPARE(model.buildAt(99).id, 0);
    QCOMPARE(model.rowForKey(QStringLiteral("nope")), -1);
    QVERIFY(!model.index(empty, BuildTableModel::UpdatedColumn)
                     .data(BuildTableModel::SortRole)
                     .isValid());
}

// Failed < stale image < repository error (no build) < waits for approval < cancelled < queued
// < building < success < skipped < unknown < no build yet.
void TestBuildTableModel::statusSortOrder()
{
    WatchState state;
    const QList<BuildState> states
            = { BuildState::Unknown, BuildState::Success,        BuildState::Building,
                BuildState::Queued,  BuildState::Cancelled,      BuildState::Failed,
                BuildState::Skipped, BuildState::NeedsAttention, BuildState::Stale };
    for (BuildState s : states) {
        const QString repo = QStringLiteral("ns/") + buildStateName(s);
        addRepo(state, repo, { makeBuild(repo, "latest", s, ago(100), ago(50)) });
    }
    addRepo(state, "ns/none");
    addRepo(state, "ns/broken", {}, "HTTP 401");
    BuildTableModel model;
    model.reset(state);
    auto severity = [&model](const QString &k) {
        return model.index(model.rowForKey(k), BuildTableModel::StatusColumn)
                .data(BuildTableModel::SortRole)
                .toInt();
    };
    const QStringList order = { key("ns/failed", "latest"),
                                key("ns/stale", "latest"),
                                key("ns/broken"),
                                key("ns/needs_attention", "latest"),
                                key("ns/cancelled", "latest"),
                                key("ns/queued", "latest"),
                                key("ns/building", "latest"),
                                key("ns/success", "latest"),
                                key("ns/skipped", "latest"),
                                key("ns/unknown", "latest"),
                                key("ns/none") };
    for (int i = 1; i < order.size(); ++i)
        QVERIFY2(severity(order.at(i - 1)) < severity(order.at(i)), qPrintable(order.at(i)));
}

void TestBuildTableModel::tester()
{
    BuildTableModel model;
    model.setNow(kNow);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::unique_ptr<QSortFilterProxyModel> proxy(BuildTableModel::createProxy(&model, nullptr));
    proxy->sort(BuildTableModel::StatusColumn);
    QAbstractItemModelTester proxyTester(proxy.get(),
                                         QAbstractItemModelTester::FailureReportingMode::QtTest);
    WatchState state = sample();
    model.reset(state);
    QCOMPARE(model.rowCount(), 5);

    addRepo(state, "ns/new", { makeBuild("ns/new", "latest", BuildState::Queued, ago(5), ago(5)) });
    model.apply(state, cover({ "ns/new" }));
    QCOMPARE(model.rowCount(), 6);

    state.find("acct|ns/api")->builds[1].state = BuildState::Success;
    model.apply(state, cover({ "ns/api" }));
    QCOMPARE(model.index(model.rowForKey(key("ns/api", "dev")), BuildTableModel::StatusColumn)
                     .data()
                     .toString(),
             QStringLiteral("success"));

    state.find("acct|ns/api")->error = QStringLiteral("HTTP 429");
    state.find("acct|ns/api")
            ->builds.append(makeBuild("ns/api", "v3", BuildState::Failed, ago(50), ago(40)));
    model.apply(state, cover({ "ns/api" }));
    QCOMPARE(model.rowCount(), 7);

    state.remove("acct|ns/Web");
    state.find("acct|ns/api")->builds.removeFirst();
    state.find("acct|ns/empty")->builds
            = { makeBuild("ns/empty", "x", BuildState::Success, ago(9), ago(1)) };
    model.apply(state, coverAll(state));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(proxy->rowCount(), 4);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.rowForKey(model.index(r, 0).data(BuildTableModel::KeyRole).toString()), r);
    QCOMPARE(model.rowForKey(key("ns/empty")), -1);
    QVERIFY(model.rowForKey(key("ns/empty", "x")) >= 0);

    model.reset(WatchState());
    QCOMPARE(model.rowCount(), 0);
}

void TestBuildTableModel::twoOfFiftyChanged()
{
    WatchState state;
    for (int i = 0; i < 50; ++i) {
        const QString repo = QStringLiteral("ns/r%1").arg(i, 2, 10, QLatin1Char('0'));
        addRepo(state, repo, { makeBuild(repo, "latest", BuildState::Building, ago(60), ago(60)) });
    }
    BuildTableModel model;
    model.reset(state);
    Spies spies(&model);

    SweepReport report = coverAll(state);
    for (const QString r : { "ns/r07", "ns/r31" }) {
        Build &b = state.find("acct|" + r)->builds[0];
        const Build before = b;
        b.state = BuildState::Success;
        b.updated = ago(1);
        report.changes.append({ before, b });
    }
    model.apply(state, report);
    QCOMPARE(spies.changed.size(), 2);
    QCOMPARE(changedRows(spies.changed),
             QList<int>({ model.rowForKey(key("ns/r07", "latest")),
                          model.rowForKey(key("ns/r31", "latest")) }));
    QCOMPARE(spies.reset.size(), 0);
    QCOMPARE(spies.inserted.size(), 0);
    QCOMPARE(spies.removed.size(), 0);
    QCOMPARE(spies.layout.size(), 0);
    QCOMPARE(model.buildAt(model.rowForKey(key("ns/r31", "latest"))).state, BuildState::Success);
}

void TestBuildTableModel::unchangedSweepIsSilent()
{
    WatchState state = sample();
    BuildTableModel model;
    model.reset(state);
    Spies spies(&model);
    model.apply(state, coverAll(state));
    // Equal content in a new list (the history was read again): compared, still silent.
    RepoState *api = state.find("acct|ns/api");
    api->builds = QList<Build>(api->builds.cbegin(), api->builds.cend());
    model.apply(state, coverAll(state));
    QCOMPARE(spies.changed.size() + spies.inserted.size() + spies.removed.size(), 0);
    QCOMPARE(spies.reset.size(), 0);
}

void TestBuildTableModel::newRepository()
{
    WatchState state = sample();
    BuildTableModel model;
    model.reset(state);
    Spies spies(&model);
    addRepo(state, "ns/new",
            { makeBuild("ns/new", "latest", BuildState::Queued, ago(5), ago(5)),
              makeBuild("ns/new", "edge", BuildState::Building, ago(9), ago(9)) });
    model.apply(state, cover({ "ns/new", "ns/api" }));
    QCOMPARE(spies.inserted.size(), 1);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), 5);
    QCOMPARE(spies.inserted.at(0).at(2).toInt(), 6);
    QCOMPARE(model.rowForKey(key("ns/new", "latest")), 5);
    QCOMPARE(model.rowForKey(key("ns/new", "edge")), 6);
    QCOMPARE(spies.changed.size() + spies.removed.size() + spies.reset.size(), 0);
}

void TestBuildTableModel::repositoryGone_data()
{
    QTest::addColumn<bool>("covered");
    QTest::newRow("covered by the sweep") << true;
    QTest::newRow("dropped from the namespace") << false;
}

void TestBuildTableModel::repositoryGone()
{
    QFETCH(bool, covered);
    WatchState state = sample();
    BuildTableModel model;
    model.reset(state);
    Spies spies(&model);
    const int first = model.rowForKey(key("ns/Web", "latest"));
    state.remove("acct|ns/Web");
    model.apply(state, covered ? cover({ "ns/Web" }) : SweepReport());
    QCOMPARE(spies.removed.size(), 1);
    QCOMPARE(spies.removed.at(0).at(1).toInt(), first);
    QCOMPARE(spies.removed.at(0).at(2).toInt(), first + 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowForKey(key("ns/Web", "v1")), -1);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.rowForKey(model.index(r, 0).data(BuildTableModel::KeyRole).toString()), r);
    QCOMPARE(spies.changed.size() + spies.inserted.size() + spies.reset.size(), 0);
}

void TestBuildTableModel::tagAdded()
{
    WatchState state = sample();
    BuildTableModel model;
    model.reset(state);
    Spies spies(&model);
    state.find("acct|ns/api")
            ->builds.append(makeBuild("ns/api", "v2", BuildState::Queued, ago(2), ago(2)));
    SweepReport report = cover({ "ns/api" });
    report.changes.append({ Build(), state.find("acct|ns/api")->builds.last() });
    model.apply(state, report);
    QCOMPARE(spies.inserted.size(), 1);
    QCOMPARE(spies.inserted.at(0).at(1).toInt(), 5);
    QCOMPARE(spies.inserted.at(0).at(2).toInt(), 5);
    QCOMPARE(model.index(5, BuildTableModel::TagColumn).data().toString(), QStringLiteral("v2"));
    QCOMPARE(spies.changed.size() + spies.removed.size() + spies.reset.size(), 0);
}

void TestBuildTableModel::tagRemoved()
{
    WatchState state = sample();
    BuildTableModel model;
    model.reset(state);
    Spies spies(&model);
    const int dev = model.rowForKey(key("ns/api", "dev"));
    state.find("acct|ns/api")->builds.removeLast();
    model.apply(state, cover({ "ns/api" }));
    QCOMPARE(spies.removed.size(), 1);
    QCOMPARE(spies.removed.at(0).at(1).toInt(), dev);
    QCOMPARE(model.rowForKey(key("ns/api", "dev")), -1);
    QCOMPARE(spies.changed.size() + spies.inserted.size() + spies.reset.size(), 0);
}

void TestBuildTableModel::firstBuildReplacesPlaceholder()
{
    WatchState state = sample();
    BuildTableModel model;
    model.reset(state);
    Spies spies(&model);
    RepoState *empty = state.find("acct|ns/empty");
    empty->error.clear();
    empty->builds = { makeBuild("ns/empty", "latest", BuildState::Building, ago(9), ago(9)) };
    model.apply(state, cover({ "ns/empty" }));
    QCOMPARE(spies.removed.size(), 1);
    QCOMPARE(spies.inserted.size(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.rowForKey(key("ns/empty")), -1);
    QCOMPARE(model.rowForKey(key("ns/empty", "latest")), 4);
}

void TestBuildTableModel::errorSetAndCleared_data()
{
    QTest::addColumn<QString>("repository");
    QTest::addColumn<QString>("before");
    QTest::addColumn<QString>("after");
    QTest::addColumn<int>("rows");
    QTest::newRow("set, two tags") << "ns/api"
                                   << ""
                                   << "HTTP 503" << 2;
    QTest::newRow("changed, two tags") << "ns/api"
                                       << "HTTP 503"
                                       << "timeout" << 2;
    QTest::newRow("cleared, two tags") << "ns/api"
                                       << "HTTP 503"
                                       << "" << 2;
    QTest::newRow("cleared, no build") << "ns/empty"
                                       << "HTTP 404"
                                       << "" << 1;
}

void TestBuildTableModel::errorSetAndCleared()
{
    QFETCH(QString, repository);
    QFETCH(QString, before);
    QFETCH(QString, after);
    QFETCH(int, rows);
    WatchState state = sample();
    RepoState *repo = state.find("acct|" + repository);
    repo->error = before;
    BuildTableModel model;
    model.reset(state);
    Spies spies(&model);
    repo->error = after; // the builds are untouched: the list is still shared with the model
    model.apply(state, coverAll(state));
    QCOMPARE(spies.changed.size(), 1);
    QList<int> expected;
    for (const Build &b : repo->builds)
        expected << model.rowForKey(key(repository, b.tag));
    if (repo->builds.isEmpty())
        expected << model.rowForKey(key(repository));
    std::sort(expected.begin(), expected.end());
    QCOMPARE(expected.size(), rows);
    QCOMPARE(changedRows(spies.changed), expected);
    QCOMPARE(model.index(expected.first(), 0).data(BuildTableModel::ErrorRole).toString(), after);
    QCOMPARE(spies.inserted.size() + spies.removed.size() + spies.reset.size(), 0);
}

void TestBuildTableModel::uncoveredNewRepository()
{
    WatchState state = sample();
    BuildTableModel model;
    model.reset(state);
    Spies spies(&model);
    addRepo(state, "ns/late");
    model.apply(state, SweepReport());
    QCOMPARE(spies.inserted.size(), 1);
    QCOMPARE(model.rowForKey(key("ns/late")), 5);
}

void TestBuildTableModel::refreshRelativeTimes()
{
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(sample());
    QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
    const QModelIndex started
            = model.index(model.rowForKey(key("ns/api", "dev")), BuildTableModel::StartedColumn);
    QCOMPARE(started.data().toString(), QStringLiteral("4m ago"));
    model.setNow(kNow.addSecs(3600));
    model.refreshRelativeTimes();
    QCOMPARE(spy.size(), 1);
    const QModelIndex tl = spy.at(0).at(0).toModelIndex(), br = spy.at(0).at(1).toModelIndex();
    QCOMPARE(tl, model.index(0, BuildTableModel::StartedColumn));
    QCOMPARE(br, model.index(model.rowCount() - 1, BuildTableModel::DurationColumn));
    QCOMPARE(started.data().toString(), QStringLiteral("1h ago"));
    QCOMPARE(model.index(started.row(), BuildTableModel::DurationColumn).data().toString(),
             QStringLiteral("running 1h 4m"));
}

void TestBuildTableModel::proxySort_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<Qt::SortOrder>("order");
    QTest::addColumn<QStringList>("keys");
    const QString apiLatest = key("ns/api", "latest"), apiDev = key("ns/api", "dev");
    const QString webLatest = key("ns/Web", "latest"), webV1 = key("ns/Web", "v1");
    const QString empty = key("ns/empty");
    QTest::newRow("status ascending") << int(BuildTableModel::StatusColumn) << Qt::AscendingOrder
                                      << QStringList { webLatest, empty, webV1, apiDev, apiLatest };
    QTest::newRow("status descending")
            << int(BuildTableModel::StatusColumn) << Qt::DescendingOrder
            << QStringList { apiLatest, apiDev, webV1, empty, webLatest };
    // Rows without a time sort last in ascending order, first in descending order.
    QTest::newRow("updated ascending")
            << int(BuildTableModel::UpdatedColumn) << Qt::AscendingOrder
            << QStringList { webLatest, apiLatest, apiDev, webV1, empty };
    QTest::newRow("updated descending")
            << int(BuildTableModel::UpdatedColumn) << Qt::DescendingOrder
            << QStringList { empty, webV1, apiDev, apiLatest, webLatest };
    QTest::newRow("repository ascending, case-insensitive")
            << int(BuildTableModel::RepositoryColumn) << Qt::AscendingOrder
            << QStringList { apiLatest, apiDev, empty, webLatest, webV1 };
}

void TestBuildTableModel::proxySort()
{
    QFETCH(int, column);
    QFETCH(Qt::SortOrder, order);
    QFETCH(QStringList, keys);
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(sample());
    std::unique_ptr<QSortFilterProxyModel> proxy(BuildTableModel::createProxy(&model, nullptr));
    QCOMPARE(proxy->sortRole(), int(BuildTableModel::SortRole));
    QVERIFY(proxy->dynamicSortFilter());
    proxy->sort(column, order);
    QCOMPARE(proxyKeys(proxy.get()), keys);
}

void TestBuildTableModel::proxyFilter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("keys");
    QTest::newRow("repository, other case")
            << "NS/WEB" << QStringList { key("ns/Web", "latest"), key("ns/Web", "v1") };
    QTest::newRow("repository part") << "empt" << QStringList { key("ns/empty") };
    QTest::newRow("tag") << "DEV" << QStringList { key("ns/api", "dev") };
    QTest::newRow("tag shared by two repositories")
            << "latest" << QStringList { key("ns/api", "latest"), key("ns/Web", "latest") };
    QTest::newRow("status text") << "Failed" << QStringList { key("ns/Web", "latest") };
    QTest::newRow("cause") << "ABC123" << QStringList { key("ns/api", "latest") };
    QTest::newRow("nothing") << "zzz" << QStringList();
}

void TestBuildTableModel::proxyFilter()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, keys);
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(sample());
    std::unique_ptr<QSortFilterProxyModel> proxy(BuildTableModel::createProxy(&model, nullptr));
    proxy->sort(BuildTableModel::RepositoryColumn);
    proxy->setFilterFixedString(filter);
    QCOMPARE(proxyKeys(proxy.get()), keys);
}

void TestBuildTableModel::proxyDynamicResort()
{
    WatchState state = sample();
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(state);
    std::unique_ptr<QSortFilterProxyModel> proxy(BuildTableModel::createProxy(&model, nullptr));
    proxy->sort(BuildTableModel::StatusColumn);
    QCOMPARE(proxyKeys(proxy.get()).first(), key("ns/Web", "latest"));
    QCOMPARE(proxyKeys(proxy.get()).last(), key("ns/api", "latest"));

    state.find("acct|ns/api")->builds[0].state = BuildState::Failed; // was success
    state.find("acct|ns/Web")->builds[0].state = BuildState::Success; // was failed
    model.apply(state, cover({ "ns/api", "ns/Web" }));
    QCOMPARE(proxyKeys(proxy.get()).first(), key("ns/api", "latest"));
    QCOMPARE(proxyKeys(proxy.get()).last(), key("ns/Web", "latest"));

    proxy->setFilterFixedString("web");
    addRepo(state, "ns/web2", { makeBuild("ns/web2", "x", BuildState::Failed, ago(9), ago(1)) });
    model.apply(state, cover({ "ns/web2" }));
    QCOMPARE(proxyKeys(proxy.get()),
             QStringList({ key("ns/web2", "x"), key("ns/Web", "v1"), key("ns/Web", "latest") }));
}

void TestBuildTableModel::attachToEngine()
{
    // The engine reads its state from a directory: save two states and switch between them.
    QTemporaryDir first, second;
    WatchState state = sample();
    QString error;
    QVERIFY2(state.save(first.filePath("state.json"), &error), qPrintable(error));
    state.remove("acct|ns/Web");
    addRepo(state, "ns/new");
    QVERIFY2(state.save(second.filePath("state.json"), &error), qPrintable(error));

    Engine engine(nullptr);
    engine.setStateDir(first.path());
    BuildTableModel model;
    model.attach(&engine);
    QCOMPARE(model.rowCount(), 5);
    QVERIFY(model.rowForKey(key("ns/Web", "v1")) >= 0);

    Spies spies(&model);
    engine.setStateDir(second.path());
    Q_EMIT engine.sweepFinished(coverAll(engine.state()));
    QCOMPARE(spies.reset.size(), 0);
    QCOMPARE(spies.removed.size(), 1);
    QCOMPARE(spies.inserted.size(), 1);
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.rowForKey(key("ns/Web", "v1")), -1);
    QVERIFY(model.rowForKey(key("ns/new")) >= 0);
}

// At scale: 10,000 rows, the sweep covering everything, 200 rows changed.
void TestBuildTableModel::applyAtScaleTouchesOnlyChangedRows()
{
    WatchState state;
    for (int i = 0; i < 5000; ++i) {
        const QString repo = QStringLiteral("ns/repo%1").arg(i);
        addRepo(state, repo,
                { makeBuild(repo, "latest", BuildState::Building, ago(600), ago(60)),
                  makeBuild(repo, "dev", BuildState::Success, ago(900), ago(800)) });
    }
    BuildTableModel model;
    model.reset(state);
    QCOMPARE(model.rowCount(), 10000);
    SweepReport report = coverAll(state); // worst case: the sweep covered everything
    for (int i = 0; i < 5000; i += 50) {
        RepoState *s = state.find(QStringLiteral("acct|ns/repo%1").arg(i));
        const Build before = s->builds.at(0);
        s->builds[0].state = BuildState::Success;
        s->builds[1].state = BuildState::Failed;
        report.changes.append({ before, s->builds.at(0) });
    }
    QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.apply(state, report);
    // Exactly the changed rows are announced; the time it takes is the benchmark's business.
    QCOMPARE(changedRows(spy).size(), 200);
    QCOMPARE(reset.size(), 0);
}

// A sweep changing 100 rows of 10,000 under a proxy sorted by status: one dataChanged per changed
// repository at most (its rows are adjacent), nothing else, one re-sort per announcement at most,
// and the proxy's order right afterwards.
void TestBuildTableModel::sortedApplyAtScaleIsBatched()
{
    WatchState state;
    for (int i = 0; i < 5000; ++i) {
        const QString repo = QStringLiteral("ns/repo%1").arg(i);
        addRepo(state, repo,
                { makeBuild(repo, "latest", BuildState::Success, ago(600), ago(60)),
                  makeBuild(repo, "dev", BuildState::Success, ago(900), ago(800)) });
    }
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(state);
    std::unique_ptr<QSortFilterProxyModel> proxy(BuildTableModel::createProxy(&model, nullptr));
    proxy->sort(BuildTableModel::StatusColumn);
    SweepReport report = coverAll(state);
    QStringList failed, building;
    for (int i = 0; i < 5000; i += 100) { // 50 repositories: 25 fail, 25 start building
        const QString repo = QStringLiteral("ns/repo%1").arg(i);
        RepoState *s = state.find("acct|" + repo);
        const BuildState now = i % 200 ? BuildState::Failed : BuildState::Building;
        for (Build &b : s->builds) {
            const Build before = b;
            b.state = now;
            b.updated = ago(1);
            report.changes.append({ before, b });
            (now == BuildState::Failed ? failed : building).append(key(repo, b.tag));
        }
    }
    Spies spies(&model);
    QSignalSpy proxyLayout(proxy.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy proxyReset(proxy.get(), &QAbstractItemModel::modelReset);
    model.apply(state, report);

    QList<int> expected;
    for (const QString &k : failed + building)
        expected.append(model.rowForKey(k));
    std::sort(expected.begin(), expected.end());
    QCOMPARE(changedRows(spies.changed), expected);
    QVERIFY2(spies.changed.size() <= 50, qPrintable(QString::number(spies.changed.size())));
    QCOMPARE(spies.layout.size() + spies.reset.size() + spies.inserted.size()
                     + spies.removed.size(),
             0);
    QVERIFY(proxyLayout.size() <= spies.changed.size());
    QCOMPARE(proxyReset.size(), 0);

    // Failed first, then building, then the 9,900 successes.
    QCOMPARE(proxy->rowCount(), 10000);
    QStringList keys = proxyKeys(proxy.get());
    QStringList firstFailed = keys.mid(0, 50), thenBuilding = keys.mid(50, 50);
    std::sort(firstFailed.begin(), firstFailed.end());
    std::sort(thenBuilding.begin(), thenBuilding.end());
    std::sort(failed.begin(), failed.end());
    std::sort(building.begin(), building.end());
    QCOMPARE(firstFailed, failed);
    QCOMPARE(thenBuilding, building);
    for (int r = 100; r < proxy->rowCount(); ++r)
        QCOMPARE(proxy->index(r, 0).data(BuildTableModel::StatusRole).toInt(),
                 int(BuildState::Success));
}

void TestBuildTableModel::gitHubRowsDisplay_data()
{
    QTest::addColumn<QString>("rowKey");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("text");
    using M = BuildTableModel;
    const QString ci = ghKey("ci.yml", "main"), release = ghKey("release.yml", "main");
    const QString dev = ghKey("ci.yml", "dev");
    QTest::newRow("repository") << ci << int(M::RepositoryColumn) << "octo/api";
    QTest::newRow("workflow name and branch") << ci << int(M::TagColumn) << "CI · main";
    QTest::newRow("workflow file without a name")
            << release << int(M::TagColumn) << "release.yml · main";
    QTest::newRow("another branch") << dev << int(M::TagColumn) << "CI · dev";
    QTest::newRow("waits for approval") << ci << int(M::StatusColumn) << "waits for approval";
    QTest::newRow("skipped") << release << int(M::StatusColumn) << "skipped";
    QTest::newRow("failed") << dev << int(M::StatusColumn) << "failed";
    QTest::newRow("provider") << ci << int(M::ProviderColumn) << "GitHub Actions";
    QTest::newRow("docker hub provider")
            << key("ns/api", "latest") << int(M::ProviderColumn) << "Docker Hub";
    QTest::newRow("docker hub tag") << key("ns/api", "latest") << int(M::TagColumn) << "latest";
}

void TestBuildTableModel::gitHubRowsDisplay()
{
    QFETCH(QString, rowKey);
    QFETCH(int, column);
    QFETCH(QString, text);
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(sampleWithGitHub());
    const int row = model.rowForKey(rowKey);
    QVERIFY(row >= 0);
    QCOMPARE(model.index(row, column).data().toString(), text);
    // The row key stays what the engine uses.
    QCOMPARE(model.index(row, column).data(BuildTableModel::TagRole).toString(),
             rowKey.section(QLatin1Char('|'), 2));
}

void TestBuildTableModel::gitHubRowsToolTips()
{
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(sampleWithGitHub());
    const int ci = model.rowForKey(ghKey("ci.yml", "main"));
    const Build run = model.buildAt(ci);
    for (int column : { int(BuildTableModel::TagColumn), int(BuildTableModel::StatusColumn) }) {
        const QString tip = model.index(ci, column).data(Qt::ToolTipRole).toString();
        for (const QString &part :
             { QStringLiteral("Workflow CI (ci.yml), run %1, attempt 2").arg(run.buildCode),
               QStringLiteral("Branch main"), QStringLiteral("Commit 0123456789ab\n"),
               QStringLiteral("Started by octocat"), QStringLiteral("Event push") })
            QVERIFY2(tip.contains(part), qPrintable(tip));
        QVERIFY2(!tip.contains("0123456789abc"), qPrintable(tip)); // 12 characters of the commit
        QVERIFY2(!tip.contains("ci.yml@main"), qPrintable(tip));
    }
    QVERIFY(model.index(ci, BuildTableModel::TagColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .endsWith("\n" + run.url));
}

void TestBuildTableModel::gitHubRowsSortAndFilter()
{
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(sampleWithGitHub());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    std::unique_ptr<QSortFilterProxyModel> proxy(BuildTableModel::createProxy(&model, nullptr));
    const QString ci = ghKey("ci.yml", "main"), release = ghKey("release.yml", "main");
    const QString dev = ghKey("ci.yml", "dev");

    // By what the column shows, case-insensitively; a repository without builds ("-") first.
    proxy->sort(BuildTableModel::TagColumn, Qt::AscendingOrder);
    QStringList shown;
    for (int r = 0; r < proxy->rowCount(); ++r)
        shown << proxy->index(r, BuildTableModel::TagColumn).data().toString();
    QCOMPARE(shown,
             QStringList({ "-", "CI · dev", "CI · main", "dev", "latest", "latest",
                           "release.yml · main", "v1" }));
    QCOMPARE(proxyKeys(proxy.get()).mid(1, 2), QStringList({ dev, ci }));
    // Failed < waits for approval < ... < success < skipped.
    proxy->sort(BuildTableModel::StatusColumn, Qt::AscendingOrder);
    const QStringList byStatus = proxyKeys(proxy.get());
    QVERIFY(byStatus.indexOf(dev) < 2); // failed, as ns/Web:latest
    QCOMPARE(byStatus.at(2), key("ns/empty")); // a repository error
    QCOMPARE(byStatus.at(3), ci); // waits for approval
    QCOMPARE(byStatus.last(), release);
    proxy->sort(BuildTableModel::ProviderColumn, Qt::AscendingOrder);
    QCOMPARE(proxyKeys(proxy.get()).first(), key("ns/empty")); // no provider yet
    for (int r = 1; r < proxy->rowCount(); ++r) // Docker Hub, then GitHub Actions
        QCOMPARE(proxy->index(r, 0).data(BuildTableModel::AccountRole).toString(),
                 r < 5 ? QStringLiteral("acct") : QStringLiteral("gh"));

    proxy->sort(BuildTableModel::RepositoryColumn);
    proxy->setFilterFixedString("ci · ");
    QStringList found = proxyKeys(proxy.get());
    found.sort();
    QCOMPARE(found, QStringList({ dev, ci }));
    proxy->setFilterFixedString("approval");
    QCOMPARE(proxyKeys(proxy.get()), QStringList({ ci }));
    proxy->setFilterFixedString("GitHub");
    QCOMPARE(proxyKeys(proxy.get()).size(), 3);
    proxy->setFilterFixedString("@main"); // the raw row key is not shown, so not found
    QCOMPARE(proxyKeys(proxy.get()), QStringList());
}

void TestBuildTableModel::imageRowsDisplay_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QStringList>("texts"); // every column, left to right
    QTest::newRow("stale") << BuildTableModel::rowKey("hub", "docker.io/acme/base", "latest")
                           << QStringList { "docker.io/acme/base",
                                            "latest",
                                            "stale",
                                            "1d ago",
                                            "pushed 1d ago",
                                            "-",
                                            "digest 0123456789ab · max age 1d2h",
                                            "Docker Hub" };
    QTest::newRow("glob") << BuildTableModel::rowKey("hub", "docker.io/acme/base", "v1.*")
                          << QStringList { "docker.io/acme/base",
                                           "v1.* → v1.2",
                                           "fresh",
                                           "3h ago",
                                           "pushed 3h ago",
                                           "-",
                                           "digest 0123456789ab",
                                           "Docker Hub" };
    QTest::newRow("ghcr") << BuildTableModel::rowKey("gh", "ghcr.io/acme/base", "latest")
                          << QStringList { "ghcr.io/acme/base",
                                           "latest",
                                           "fresh",
                                           "10m ago",
                                           "pushed 10m ago",
                                           "-",
                                           "digest 0123456789ab · max age 8d",
                                           "GHCR" };
}

void TestBuildTableModel::imageRowsDisplay()
{
    QFETCH(QString, key);
    QFETCH(QStringList, texts);
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(sampleWithImages());
    const int row = model.rowForKey(key);
    QVERIFY(row >= 0);
    QStringList shown;
    for (int c = 0; c < BuildTableModel::ColumnCount; ++c)
        shown << model.index(row, c).data().toString();
    QCOMPARE(shown, texts);
    QCOMPARE(BuildTableModel::statusText(model.buildAt(row)), texts.at(2));
    QCOMPARE(BuildTableModel::providerText(model.buildAt(row)), texts.last());
}

void TestBuildTableModel::imageRowsToolTips()
{
    BuildTableModel model;
    model.setNow(kNow);
    model.reset(sampleWithImages());
    const int stale
            = model.rowForKey(BuildTableModel::rowKey("hub", "docker.io/acme/base", "latest"));
    const QString digest = "sha256:0123456789ab" + QString(52, 'f');
    for (int c : { BuildTableModel::TagColumn, BuildTableModel::StatusColumn,
                   BuildTableModel::CauseColumn }) {
        const QString tip = model.index(stale, c).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains("Digest " + digest), qPrintable(tip));
        QVERIFY2(tip.contains("Last push " + formatApiTime(ago(30 * 3600))), qPrintable(tip));
        QVERIFY2(tip.contains("Max age 1d2h"), qPrintable(tip));
    }
    QVERIFY(model.index(stale, BuildTableModel::TagColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains("https://hub.docker.com/r/acme/base/tags"));
    const int glob = model.rowForKey(BuildTableModel::rowKey("hub", "docker.io/acme/base", "v1.*"));
    const QString tip
            = model.index(glob, BuildTableModel::StatusColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains("No age limit") && tip.contains("Newest tag matching v1.*: v1.2"),
             qPrintable(tip));
}

void TestBuildTableModel::imageRowsSortFirstAfterFailed()
{
    QCOMPARE(BuildTableModel::statusSeverity(BuildState::Stale),
             int(BuildTableModel::StaleSeverity));
    BuildTableModel model;
    model.setNow(kNow);
    WatchState state = sampleWithGitHub(); // failed rows to sort against
    const WatchState images = sampleWithImages();
    for (const RepoState &s : images.all())
        if (s.repository.contains(QLatin1String("acme/base")))
            addRepo(state, s.repository, s.builds, {}, s.account);
    model.reset(state);
    std::unique_ptr<QSortFilterProxyModel> proxy(BuildTableModel::createProxy(&model));
    proxy->sort(BuildTableModel::StatusColumn, Qt::AscendingOrder);
    QStringList statuses;
    for (int r = 0; r < proxy->rowCount(); ++r)
        statuses << proxy->index(r, BuildTableModel::StatusColumn).data().toString();
    const int lastFailed = int(statuses.lastIndexOf("failed"));
    QVERIFY2(lastFailed >= 0, qPrintable(statuses.join(',')));
    QCOMPARE(statuses.at(lastFailed + 1), QStringLiteral("stale"));
    QCOMPARE(statuses.indexOf("stale"), lastFailed + 1);
    // Filtering finds image rows by their provider's name and their digest.
    proxy->setFilterFixedString("GHCR");
    QCOMPARE(proxy->rowCount(), 1);
    proxy->setFilterFixedString("0123456789ab");
    QCOMPARE(proxy->rowCount(), 3);
}

QTEST_GUILESS_MAIN(TestBuildTableModel)
#include "tst_buildtablemodel.moc"
