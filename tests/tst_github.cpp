#include "cli/Output.h"
#include "engine/RebuildPolicy.h"
#include "engine/TriggerRunner.h"
#include "simulator/github/SimulatedGitHub.h"
#include "support/Redactor.h"
#include "tests/support/SimFixture.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;
using namespace simfixture;

namespace {

const QString kCanary = QStringLiteral("github_pat_CANARY0123456789abcdef");

Config gitHubConfig(const QUrl &base, const QList<WatchConfig> &watches, bool token)
{
    Config c;
    AccountConfig a;
    a.name = QStringLiteral("gh");
    a.provider = QStringLiteral("github");
    a.baseUrl = base;
    if (token)
        a.tokenSecret = QStringLiteral("gh-token");
    c.accounts.insert(a.name, a);
    c.watch = watches;
    c.requestTimeoutMs = 2000;
    return c;
}

WatchConfig ownerWatch(const QString &owner)
{
    WatchConfig w;
    w.account = QStringLiteral("gh");
    w.ns = owner;
    return w;
}

WatchConfig repoWatch(const QString &repository)
{
    WatchConfig w;
    w.account = QStringLiteral("gh");
    w.repository = repository;
    return w;
}

// The newest build of every row, by "repository tag".
QHash<QString, Build> rows(const Engine &engine)
{
    QHash<QString, Build> out;
    for (const RepoState &s : engine.state().repositories()) {
        for (const Build &b : s.builds)
            out.insert(s.repository + QLatin1Char(' ') + b.tag, b);
    }
    return out;
}

QString errorOf(const Engine &engine, const QString &repository)
{
    for (const RepoState &s : engine.state().repositories()) {
        if (s.repository == repository)
            return s.error;
    }
    return QStringLiteral("<no such repository>");
}

} // namespace

// GitHub Actions as a provider: the real engine against the simulated GitHub REST API over
// loopback HTTP.
class TestGitHub : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void ownerWithThreePagesOfRepositories();
    void branchAndEventFilters();
    void workflowAndBranchLists();
    void statusMapping_data();
    void statusMapping();
    void eventsForRuns();
    void privateRepositoriesNeedAToken();
    void badTokenNamesTheAccount();
    void unchangedSweepsCostNoPoints();
    void etagsSurviveARestart();
    void primaryRateLimitWaitsForTheReset();
    void secondaryRateLimitHonoursRetryAfter();
    void hangAnd502StayOnTheirRepository();
    void rebuildReRunsFailedJobs();
    void rebuildDispatches_data();
    void rebuildDispatches();
    void rebuildWithoutWritePermission();
    void scheduledGitHubTriggerExpectsARun();
    void anonymousBudgetWarning();
    void jsonOutputListsGitHubRows();
    void canaryTokenAppearsNowhere();

private:
    std::unique_ptr<SimulatedGitHub> m_gh;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Engine> m_engine;
    void startEngine(const Config &config, const QString &stateDir = {});
};

void TestGitHub::init()
{
    m_gh = std::make_unique<SimulatedGitHub>();
    QVERIFY(m_gh->listen(0) != 0);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_secrets->values.insert(QStringLiteral("gh-token"), kCanary);
    m_gh->addToken(kCanary, { QStringLiteral("acme") }, true);
}

void TestGitHub::cleanup()
{
    m_engine.reset();
    m_gh.reset();
}

void TestGitHub::startEngine(const Config &config, const QString &stateDir)
{
    m_engine = std::make_unique<Engine>(m_secrets.get());
    if (!stateDir.isEmpty())
        m_engine->setStateDir(stateDir);
    m_engine->applyConfig(config);
}

void TestGitHub::ownerWithThreePagesOfRepositories()
{
    m_gh->generateRepositories(QStringLiteral("acme"), 250);
    m_gh->addRepository({ QStringLiteral("acme/old"), false, true }); // archived
    m_gh->addRepository({ QStringLiteral("acme/off"), false, false, true }); // disabled
    SimGhRepo fork { QStringLiteral("acme/forked") };
    fork.fork = true;
    m_gh->addRepository(fork);
    startEngine(gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, true));
    const SweepReport r = sweep(*m_engine);
    QCOMPARE(r.errors, QStringList());
    QCOMPARE(r.listingPages, 3);
    QCOMPARE(r.repositories.size(), 250); // archived, disabled and forks skipped
    const auto all = rows(*m_engine);
    QCOMPARE(all.size(), 250);
    const Build b = all.value(QStringLiteral("acme/repo-0137 ci.yml@main"));
    QCOMPARE(b.provider, QStringLiteral("github"));
    QCOMPARE(b.state, BuildState::Success);
    QCOMPARE(b.workflow, QStringLiteral("ci.yml"));
    QCOMPARE(b.workflowName, QStringLiteral("CI"));
    QCOMPARE(b.branch, QStringLiteral("main"));
    QVERIFY(b.id > (qint64(1) << 32));
    QVERIFY(b.url.endsWith(QStringLiteral("/actions/runs/%1").arg(b.id)));
    // Pages 2 and 3 were read through the Link header's /organizations/{id} form.
    QCOMPARE(m_gh->requestCount(QStringLiteral("/organizations/")), 2);
    // With the Forks option, the fork is watched too.
    WatchConfig withForks = ownerWatch(QStringLiteral("acme"));
    withForks.forks = true;
    m_engine->applyConfig(gitHubConfig(m_gh->baseUrl(), { withForks }, true));
    QCOMPARE(sweep(*m_engine).repositories.size(), 251);
}

void TestGitHub::branchAndEventFilters()
{
    m_gh->addRepository({ QStringLiteral("acme/api") });
    SimGhRun green;
    green.created = QDateTime::currentDateTimeUtc().addSecs(-600);
    m_gh->addRun(QStringLiteral("acme/api"), green);
    // Newer, failed, on a branch called main, but from a pull request of a fork.
    SimGhRun pr;
    pr.event = QStringLiteral("pull_request");
    pr.conclusion = QStringLiteral("failure");
    pr.fromFork = true;
    m_gh->addRun(QStringLiteral("acme/api"), pr);
    // Newer still, failed, on another branch.
    SimGhRun feature;
    feature.branch = QStringLiteral("feature");
    feature.conclusion = QStringLiteral("failure");
    m_gh->addRun(QStringLiteral("acme/api"), feature);
    startEngine(gitHubConfig(m_gh->baseUrl(), { repoWatch(QStringLiteral("acme/api")) }, true));
    QSignalSpy raised(m_engine.get(), &Engine::eventRaised);
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    const auto all = rows(*m_engine);
    QCOMPARE(all.keys(), QStringList { QStringLiteral("acme/api ci.yml@main") });
    QCOMPARE(all.begin()->state, BuildState::Success); // main stays green
    QCOMPARE(all.begin()->event, QStringLiteral("push"));
    QCOMPARE(raised.size(), 0);

    // Asking for pull requests (and the feature branch) shows both failures.
    WatchConfig w = repoWatch(QStringLiteral("acme/api"));
    w.events = QStringList { QStringLiteral("pull_request") };
    w.branches = QStringList { QStringLiteral("main") };
    m_engine->applyConfig(gitHubConfig(m_gh->baseUrl(), { w }, true));
    sweep(*m_engine);
    QCOMPARE(rows(*m_engine).value(QStringLiteral("acme/api ci.yml@main")).state,
             BuildState::Failed);
}

void TestGitHub::workflowAndBranchLists()
{
    m_gh->addRepository({ QStringLiteral("acme/api") });
    m_gh->addWorkflow(QStringLiteral("acme/api"), QStringLiteral("ci.yml"), QStringLiteral("CI"));
    m_gh->addWorkflow(QStringLiteral("acme/api"), QStringLiteral("release.yml"),
                      QStringLiteral("Release"));
    SimGhRun ci;
    m_gh->addRun(QStringLiteral("acme/api"), ci);
    SimGhRun release;
    release.workflow = QStringLiteral("release.yml");
    release.conclusion = QStringLiteral("failure");
    m_gh->addRun(QStringLiteral("acme/api"), release);
    SimGhRun stable;
    stable.branch = QStringLiteral("stable");
    m_gh->addRun(QStringLiteral("acme/api"), stable);
    WatchConfig w = repoWatch(QStringLiteral("acme/api"));
    w.workflows = QStringList { QStringLiteral("ci.yml"), QStringLiteral("release.yml") };
    w.branches = QStringList { QStringLiteral("main"), QStringLiteral("stable") };
    startEngine(gitHubConfig(m_gh->baseUrl(), { w }, true));
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    auto keys = rows(*m_engine).keys();
    keys.sort();
    QCOMPARE(keys,
             (QStringList { QStringLiteral("acme/api ci.yml@main"),
                            QStringLiteral("acme/api ci.yml@stable"),
                            QStringLiteral("acme/api release.yml@main") }));
    // One request per workflow and branch, each by the workflow's own runs endpoint.
    QCOMPARE(m_gh->requestCount(QStringLiteral("/actions/workflows/")), 4);
    QCOMPARE(rows(*m_engine).value(QStringLiteral("acme/api release.yml@main")).workflowName,
             QStringLiteral("Release"));
}

void TestGitHub::statusMapping_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("conclusion");
    QTest::addColumn<QString>("expected"); // a state name, or "" for no row at all
    QTest::newRow("queued") << "queued"
                            << ""
                            << "queued";
    QTest::newRow("waiting") << "waiting"
                             << ""
                             << "queued";
    QTest::newRow("pending") << "pending"
                             << ""
                             << "queued";
    QTest::newRow("requested") << "requested"
                               << ""
                               << "queued";
    QTest::newRow("in_progress") << "in_progress"
                                 << ""
                                 << "building";
    QTest::newRow("success") << "completed"
                             << "success"
                             << "success";
    QTest::newRow("failure") << "completed"
                             << "failure"
                             << "failed";
    QTest::newRow("timed_out") << "completed"
                               << "timed_out"
                               << "failed";
    QTest::newRow("startup_failure") << "completed"
                                     << "startup_failure"
                                     << "failed";
    QTest::newRow("cancelled") << "completed"
                               << "cancelled"
                               << "cancelled";
    QTest::newRow("action_required") << "completed"
                                     << "action_required"
                                     << "needs_attention";
    QTest::newRow("neutral") << "completed"
                             << "neutral"
                             << "skipped";
    QTest::newRow("skipped") << "completed"
                             << "skipped"
                             << "skipped";
    QTest::newRow("stale") << "completed"
                           << "stale"
                           << "";
    QTest::newRow("unknown conclusion") << "completed"
                                        << "exploded"
                                        << "unknown";
    QTest::newRow("unknown status") << "hibernating"
                                    << ""
                                    << "unknown";
}

void TestGitHub::statusMapping()
{
    QFETCH(QString, status);
    QFETCH(QString, conclusion);
    QFETCH(QString, expected);
    m_gh->addRepository({ QStringLiteral("acme/api") });
    SimGhRun run;
    run.status = status;
    run.conclusion = conclusion;
    m_gh->addRun(QStringLiteral("acme/api"), run);
    startEngine(gitHubConfig(m_gh->baseUrl(), { repoWatch(QStringLiteral("acme/api")) }, true));
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    const auto all = rows(*m_engine);
    if (expected.isEmpty()) {
        QVERIFY(all.isEmpty());
        return;
    }
    QCOMPARE(buildStateName(all.value(QStringLiteral("acme/api ci.yml@main")).state), expected);
}

void TestGitHub::eventsForRuns()
{
    m_gh->addRepository({ QStringLiteral("acme/api") });
    SimGhRun fail;
    fail.conclusion = QStringLiteral("failure");
    m_gh->addRun(QStringLiteral("acme/api"), fail);
    SimGhRun approve;
    approve.workflow = QStringLiteral("deploy.yml");
    approve.conclusion = QStringLiteral("action_required");
    m_gh->addRun(QStringLiteral("acme/api"), approve);
    SimGhRun waiting;
    waiting.workflow = QStringLiteral("nightly.yml");
    waiting.status = QStringLiteral("queued");
    waiting.created = QDateTime::currentDateTimeUtc().addSecs(-2 * 3600);
    m_gh->addRun(QStringLiteral("acme/api"), waiting);
    Config c = gitHubConfig(m_gh->baseUrl(), { repoWatch(QStringLiteral("acme/api")) }, true);
    c.queuedAlertAfterMs = 3600 * 1000;
    QTemporaryDir dir;
    startEngine(c, dir.path());
    QSignalSpy raised(m_engine.get(), &Engine::eventRaised);
    sweep(*m_engine);
    QStringList types;
    for (const auto &args : raised)
        types << eventTypeName(args.at(0).value<Event>().type);
    types.sort();
    QCOMPARE(types,
             (QStringList { QStringLiteral("build.failed"), QStringLiteral("build.needs_attention"),
                            QStringLiteral("build.stuck") }));
    // A fix pushed, whose run succeeds: a recovery (re-runs: rebuildReRunsFailedJobs).
    raised.clear();
    m_gh->addRun(QStringLiteral("acme/api"), SimGhRun(), true);
    sweep(*m_engine);
    QCOMPARE(raised.size(), 1);
    QCOMPARE(raised.first().at(0).value<Event>().type, EventType::BuildRecovered);
    // Nothing is raised twice.
    raised.clear();
    m_gh->push(QStringLiteral("acme/api"));
    sweep(*m_engine);
    QCOMPARE(raised.size(), 0);
}

void TestGitHub::privateRepositoriesNeedAToken()
{
    SimGhRepo secret { QStringLiteral("acme/secret") };
    secret.isPrivate = true;
    m_gh->addRepository(secret);
    m_gh->addRun(QStringLiteral("acme/secret"), SimGhRun());
    m_gh->addRepository({ QStringLiteral("acme/public") });
    m_gh->addRun(QStringLiteral("acme/public"), SimGhRun());
    startEngine(gitHubConfig(
            m_gh->baseUrl(),
            { repoWatch(QStringLiteral("acme/secret")), ownerWatch(QStringLiteral("acme")) },
            false));
    sweep(*m_engine);
    QVERIFY2(errorOf(*m_engine, QStringLiteral("acme/secret"))
                     .contains(QStringLiteral("a private repository needs a token")),
             qPrintable(errorOf(*m_engine, QStringLiteral("acme/secret"))));
    QCOMPARE(errorOf(*m_engine, QStringLiteral("acme/public")), QString());
    // With the token, both are read.
    m_engine->applyConfig(gitHubConfig(
            m_gh->baseUrl(),
            { repoWatch(QStringLiteral("acme/secret")), ownerWatch(QStringLiteral("acme")) },
            true));
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    QCOMPARE(rows(*m_engine).value(QStringLiteral("acme/secret ci.yml@main")).state,
             BuildState::Success);
}

void TestGitHub::badTokenNamesTheAccount()
{
    m_gh->addRepository({ QStringLiteral("acme/api") });
    m_secrets->values.insert(QStringLiteral("gh-token"), QStringLiteral("ghp_wrongwrongwrong"));
    startEngine(gitHubConfig(m_gh->baseUrl(), { repoWatch(QStringLiteral("acme/api")) }, true));
    const SweepReport r = sweep(*m_engine);
    QCOMPARE(r.errors.size(), 1);
    QVERIFY2(r.errors.first().contains(QStringLiteral("HTTP 401")), qPrintable(r.errors.first()));
    QVERIFY(r.errors.first().contains(QStringLiteral("\"gh\"")));
    QVERIFY(r.errors.first().contains(QStringLiteral("hubhook secret set gh-token")));
    QVERIFY(!r.errors.first().contains(QStringLiteral("wrongwrong")));
}

void TestGitHub::unchangedSweepsCostNoPoints()
{
    m_gh->generateRepositories(QStringLiteral("acme"), 100);
    startEngine(gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, true));
    sweep(*m_engine);
    QCOMPARE(m_gh->pointsUsed(kCanary), 101); // a listing page and 100 runs
    m_gh->resetCounts();
    // Nothing changed: the listing answers 304 and no runs are read.
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    QCOMPARE(m_gh->pointsUsed(kCanary), 0);
    QCOMPARE(m_gh->requestCount(), 1);
    QCOMPARE(m_gh->notModifiedCount(), 1);
    QCOMPARE(rows(*m_engine).size(), 100);
    // One repository gets a push and a failed run: it alone is read.
    m_gh->resetCounts();
    SimGhRun fail;
    fail.conclusion = QStringLiteral("failure");
    m_gh->addRun(QStringLiteral("acme/repo-0042"), fail, true);
    sweep(*m_engine);
    QCOMPARE(m_gh->requestCount(), 2);
    QCOMPARE(rows(*m_engine).value(QStringLiteral("acme/repo-0042 ci.yml@main")).state,
             BuildState::Failed);
}

void TestGitHub::etagsSurviveARestart()
{
    m_gh->generateRepositories(QStringLiteral("acme"), 20);
    QTemporaryDir dir;
    startEngine(gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, true),
                dir.path());
    sweep(*m_engine);
    QVERIFY(QFile::exists(dir.filePath(QStringLiteral("provider-cache.json"))));
    m_engine.reset();
    m_gh->resetCounts();
    startEngine(gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, true),
                dir.path());
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    QCOMPARE(m_gh->pointsUsed(kCanary), 0);
    QCOMPARE(m_gh->notModifiedCount(), 1);
    QCOMPARE(rows(*m_engine).size(), 20);
    // A corrupt cache costs requests, never rows.
    m_engine.reset();
    QFile f(dir.filePath(QStringLiteral("provider-cache.json")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"version\": 1, \"accounts\": {\"gh|");
    f.close();
    m_gh->resetCounts();
    startEngine(gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, true),
                dir.path());
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    QCOMPARE(rows(*m_engine).size(), 20);
    QCOMPARE(m_gh->pointsUsed(kCanary), 1); // the listing, read afresh
}

void TestGitHub::primaryRateLimitWaitsForTheReset()
{
    m_gh->generateRepositories(QStringLiteral("acme"), 6);
    m_gh->setPrimaryRateLimit(60, 4, 2); // 4 points for the token per 2 s window
    startEngine(gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, true));
    QSignalSpy served(m_gh.get(), &SimulatedGitHub::requestServed);
    QElapsedTimer timer;
    timer.start();
    const SweepReport r = sweep(*m_engine, 30000);
    QCOMPARE(r.errors, QStringList());
    QCOMPARE(rows(*m_engine).size(), 6);
    // 7 points do not fit in one window of 4: the sweep waited for the reset the headers
    // announced, instead of hammering the API: at most the requests already in flight when
    // the budget ran out (the concurrency, 4) were refused, and each was sent again.
    QVERIFY(timer.elapsed() >= 1000);
    int refused = 0;
    for (const auto &args : served)
        refused += args.at(1).toInt() == 403;
    QVERIFY2(refused <= 4, qPrintable(QString::number(refused)));
}

void TestGitHub::secondaryRateLimitHonoursRetryAfter()
{
    m_gh->generateRepositories(QStringLiteral("acme"), 3);
    m_gh->setSecondaryRateLimit(1, 1);
    startEngine(gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, true));
    QElapsedTimer timer;
    timer.start();
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    QVERIFY(timer.elapsed() >= 900);
    QCOMPARE(rows(*m_engine).size(), 3);
}

void TestGitHub::hangAnd502StayOnTheirRepository()
{
    m_gh->generateRepositories(QStringLiteral("acme"), 5);
    SimFault hang;
    hang.pathContains = QStringLiteral("/repos/acme/repo-0002/");
    hang.kind = SimFaultKind::Hang;
    m_gh->addFault(hang);
    SimFault bad;
    bad.pathContains = QStringLiteral("/repos/acme/repo-0004/");
    bad.kind = SimFaultKind::ServerError;
    bad.status = 502;
    m_gh->addFault(bad);
    startEngine(gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, true));
    const SweepReport r = sweep(*m_engine);
    QCOMPARE(r.historiesFailed, 2);
    QVERIFY(errorOf(*m_engine, QStringLiteral("acme/repo-0002"))
                    .contains(QStringLiteral("timed out")));
    QVERIFY(errorOf(*m_engine, QStringLiteral("acme/repo-0004")).contains(QStringLiteral("502")));
    for (const QString name : { QStringLiteral("acme/repo-0001"), QStringLiteral("acme/repo-0003"),
                                QStringLiteral("acme/repo-0005") }) {
        QCOMPARE(errorOf(*m_engine, name), QString());
        QCOMPARE(rows(*m_engine).value(name + QStringLiteral(" ci.yml@main")).state,
                 BuildState::Success);
    }
}

void TestGitHub::rebuildReRunsFailedJobs()
{
    m_gh->addRepository({ QStringLiteral("acme/api") });
    SimGhRun fail;
    fail.conclusion = QStringLiteral("failure");
    const qint64 run = m_gh->addRun(QStringLiteral("acme/api"), fail);
    m_gh->setDispatchedRunLifecycle(50, 50, QStringLiteral("success"));
    QTemporaryDir dir;
    startEngine(gitHubConfig(m_gh->baseUrl(), { repoWatch(QStringLiteral("acme/api")) }, true),
                dir.path());
    sweep(*m_engine);
    QCOMPARE(m_engine->rebuildTrigger(QStringLiteral("acme/api"), QStringLiteral("ci.yml@main")),
             QStringLiteral("Rebuild acme/api ci.yml (main)"));
    QSignalSpy rerun(m_gh.get(), &SimulatedGitHub::rerunRequested);
    QSignalSpy fired(m_engine.get(), &Engine::triggerFired);
    QVERIFY(m_engine->rebuild(QStringLiteral("acme/api"), QStringLiteral("ci.yml@main")));
    QVERIFY(fired.wait(5000));
    const TriggerFire f = fired.first().at(0).value<TriggerFire>();
    QVERIFY2(f.ok, qPrintable(f.result));
    QCOMPARE(f.status, 201);
    QCOMPARE(rerun.size(), 1);
    QCOMPARE(rerun.first().at(1).toLongLong(), run);
    QCOMPARE(rerun.first().at(2).toBool(), true); // failed jobs only
    // The rebuild is expected, so the next sweeps read the repository until the run is seen.
    QCOMPARE(m_engine->rebuilds()->expectations().size(), 1);
    QSignalSpy raised(m_engine.get(), &Engine::eventRaised);
    QTRY_VERIFY_WITH_TIMEOUT((sweep(*m_engine),
                              rows(*m_engine).value(QStringLiteral("acme/api ci.yml@main")).state
                                      == BuildState::Success),
                             10000);
    QCOMPARE(rows(*m_engine).value(QStringLiteral("acme/api ci.yml@main")).attempt, 2);
    QVERIFY(m_engine->rebuilds()->expectations().isEmpty());
    bool recovered = false;
    for (const auto &args : raised)
        recovered |= args.at(0).value<Event>().type == EventType::BuildRecovered;
    QVERIFY(recovered);
}

void TestGitHub::rebuildDispatches_data()
{
    QTest::addColumn<bool>("runDetails");
    QTest::newRow("return_run_details") << true;
    QTest::newRow("GitHub Enterprise Server: no run details") << false;
}

void TestGitHub::rebuildDispatches()
{
    QFETCH(bool, runDetails);
    m_gh->setReturnRunDetailsSupported(runDetails);
    m_gh->addRepository({ QStringLiteral("acme/api") });
    m_gh->addRun(QStringLiteral("acme/api"), SimGhRun());
    QTemporaryDir dir;
    startEngine(gitHubConfig(m_gh->baseUrl(), { repoWatch(QStringLiteral("acme/api")) }, true),
                dir.path());
    sweep(*m_engine);
    QSignalSpy dispatched(m_gh.get(), &SimulatedGitHub::dispatched);
    QSignalSpy fired(m_engine.get(), &Engine::triggerFired);
    QVERIFY(m_engine->rebuild(QStringLiteral("acme/api"), QStringLiteral("ci.yml@main")));
    QVERIFY(fired.wait(5000));
    const TriggerFire f = fired.first().at(0).value<TriggerFire>();
    QVERIFY2(f.ok, qPrintable(f.result));
    QCOMPARE(dispatched.size(), 1);
    QCOMPARE(dispatched.first().at(1).toString(), QStringLiteral("ci.yml"));
    QCOMPARE(dispatched.first().at(2).toString(), QStringLiteral("main"));
    const qint64 runId = dispatched.first().at(3).toLongLong();
    if (runDetails) {
        QCOMPARE(f.status, 200);
        QVERIFY2(f.result.contains(QString::number(runId)), qPrintable(f.result));
    } else {
        QCOMPARE(f.status, 204);
    }
    // The queued run meets the expectation.
    m_engine->sweepNow();
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->rebuilds()->expectations().isEmpty(), 10000);
    QCOMPARE(rows(*m_engine).value(QStringLiteral("acme/api ci.yml@main")).id, runId);
}

void TestGitHub::rebuildWithoutWritePermission()
{
    const QString readOnly = QStringLiteral("github_pat_READONLY0000");
    m_gh->addToken(readOnly, { QStringLiteral("acme") }, false);
    m_secrets->values.insert(QStringLiteral("gh-token"), readOnly);
    m_gh->addRepository({ QStringLiteral("acme/api") });
    m_gh->addRun(QStringLiteral("acme/api"), SimGhRun());
    startEngine(gitHubConfig(m_gh->baseUrl(), { repoWatch(QStringLiteral("acme/api")) }, true),
                QString());
    sweep(*m_engine);
    QTemporaryDir dir;
    m_engine->setStateDir(dir.path());
    m_engine->applyConfig(
            gitHubConfig(m_gh->baseUrl(), { repoWatch(QStringLiteral("acme/api")) }, true));
    sweep(*m_engine);
    QSignalSpy fired(m_engine.get(), &Engine::triggerFired);
    QVERIFY(m_engine->rebuild(QStringLiteral("acme/api"), QStringLiteral("ci.yml@main")));
    QVERIFY(fired.wait(5000));
    const TriggerFire f = fired.first().at(0).value<TriggerFire>();
    QVERIFY(!f.ok);
    QCOMPARE(f.status, 403);
    QVERIFY2(f.result.contains(QStringLiteral("\"Actions: write\"")), qPrintable(f.result));
}

void TestGitHub::scheduledGitHubTriggerExpectsARun()
{
    m_gh->addRepository({ QStringLiteral("acme/base") });
    m_gh->addWorkflow(QStringLiteral("acme/base"), QStringLiteral("rebuild.yml"),
                      QStringLiteral("Rebuild"));
    Config c = gitHubConfig(m_gh->baseUrl(), { repoWatch(QStringLiteral("acme/base")) }, true);
    TriggerConfig t;
    t.name = QStringLiteral("nightly base");
    t.account = QStringLiteral("gh");
    t.repository = QStringLiteral("acme/base");
    t.viaApi = true; // a workflow dispatch, as the parser reads one
    t.workflow = QStringLiteral("rebuild.yml");
    t.ref = QStringLiteral("main");
    t.inputs = QJsonObject { { QStringLiteral("push"), QStringLiteral("true") } };
    t.expectBuild = ExpectBuild { t.repository, workflowRowKey(t.workflow, t.ref), 60000 };
    c.triggers.append(t);
    QTemporaryDir dir;
    startEngine(c, dir.path());
    sweep(*m_engine);
    QSignalSpy dispatched(m_gh.get(), &SimulatedGitHub::dispatched);
    QSignalSpy fired(m_engine.get(), &Engine::triggerFired);
    QVERIFY(m_engine->fireTrigger(QStringLiteral("nightly base")));
    QVERIFY(fired.wait(5000));
    QVERIFY2(fired.first().at(0).value<TriggerFire>().ok,
             qPrintable(fired.first().at(0).value<TriggerFire>().result));
    QCOMPARE(dispatched.size(), 1);
    const QJsonObject body = QJsonDocument::fromJson(m_gh->requests().last().body).object();
    QCOMPARE(body.value(QStringLiteral("inputs")).toObject(), t.inputs);
    QCOMPARE(m_engine->rebuilds()->expectations().size(), 1);
    m_engine->sweepNow();
    QTRY_VERIFY_WITH_TIMEOUT(m_engine->rebuilds()->expectations().isEmpty(), 10000);
    QCOMPARE(rows(*m_engine).value(QStringLiteral("acme/base rebuild.yml@main")).event,
             QStringLiteral("workflow_dispatch"));
}

void TestGitHub::anonymousBudgetWarning()
{
    m_gh->generateRepositories(QStringLiteral("acme"), 30);
    Config c = gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, false);
    c.pollIntervalMs = 60 * 1000;
    startEngine(c);
    QSignalSpy warnings(m_engine.get(), &Engine::warning);
    sweep(*m_engine);
    QCOMPARE(warnings.size(), 1);
    const QString text = warnings.first().at(0).toString();
    QVERIFY2(text.contains(QStringLiteral("without a token")), qPrintable(text));
    QVERIFY(text.contains(QStringLiteral("allows 60 an hour")));
}

void TestGitHub::jsonOutputListsGitHubRows()
{
    m_gh->loadDemo();
    Config c = gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme-gh")) }, false);
    startEngine(c);
    const SweepReport r = sweep(*m_engine);
    const QJsonArray out
            = QJsonDocument::fromJson(formatJson(outputRows(m_engine->state(), r)).toUtf8())
                      .array();
    QVERIFY(out.size() >= 3);
    bool sawRelease = false;
    for (const QJsonValue &v : out) {
        const QJsonObject o = v.toObject();
        QCOMPARE(o.value(QStringLiteral("provider")).toString(), QStringLiteral("github"));
        QVERIFY(!o.value(QStringLiteral("workflow")).toString().isEmpty());
        QCOMPARE(o.value(QStringLiteral("branch")).toString(), QStringLiteral("main"));
        QVERIFY(o.value(QStringLiteral("url"))
                        .toString()
                        .contains(QStringLiteral("/actions/runs/")));
        if (o.value(QStringLiteral("repository")).toString() == QLatin1String("acme-gh/api")
            && o.value(QStringLiteral("workflow")).toString() == QLatin1String("release.yml")) {
            sawRelease = true;
            QCOMPARE(o.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        }
    }
    QVERIFY(sawRelease);
    const QString table
            = formatTable(outputRows(m_engine->state(), r), QDateTime::currentDateTimeUtc());
    QVERIFY2(table.contains(QStringLiteral("Release (main)")), qPrintable(table));
}

void TestGitHub::canaryTokenAppearsNowhere()
{
    QStringList logged;
    static QStringList *sink = nullptr;
    sink = &logged;
    const auto previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext &, const QString &m) { sink->append(m); });
    m_gh->generateRepositories(QStringLiteral("acme"), 3);
    SimGhRepo secret { QStringLiteral("acme/secret") };
    secret.isPrivate = true;
    m_gh->addRepository(secret);
    SimFault bad;
    bad.pathContains = QStringLiteral("/repos/acme/repo-0002/");
    bad.kind = SimFaultKind::ServerError;
    m_gh->addFault(bad);
    QTemporaryDir dir;
    startEngine(gitHubConfig(m_gh->baseUrl(), { ownerWatch(QStringLiteral("acme")) }, true),
                dir.path());
    const SweepReport r = sweep(*m_engine);
    QSignalSpy fired(m_engine.get(), &Engine::triggerFired);
    m_engine->rebuild(QStringLiteral("acme/repo-0001"), QStringLiteral("ci.yml@main"));
    QVERIFY(fired.wait(5000));
    m_engine.reset();
    qInstallMessageHandler(previous);
    // Requests did carry it (as a bearer token) ...
    QVERIFY(m_gh->requests()
                    .first()
                    .headers.value(QStringLiteral("authorization"))
                    .contains(kCanary));
    // ... but no log line, error, output or state file does.
    QVERIFY(!logged.isEmpty());
    for (const QString &line : std::as_const(logged))
        QVERIFY2(!line.contains(QStringLiteral("CANARY")), qPrintable(line));
    for (const QString &e : r.errors)
        QVERIFY(!e.contains(QStringLiteral("CANARY")));
    const QString json = formatJson(outputRows(WatchState(), r));
    QVERIFY(!json.contains(QStringLiteral("CANARY")));
    int files = 0;
    QDirIterator it(dir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(!f.readAll().contains("CANARY"), qPrintable(f.fileName()));
        ++files;
    }
    QVERIFY(files >= 3);
}

QTEST_MAIN(TestGitHub)
#include "tst_github.moc"
