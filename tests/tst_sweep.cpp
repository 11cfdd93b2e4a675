#include "cli/Output.h"
#include "core/SweepPolicy.h"
#include "support/Redactor.h"
#include "tests/support/SimFixture.h"

#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;
using namespace simfixture;

Q_DECLARE_METATYPE(SimFaultKind)

// The engine against the simulated Docker Hub over real loopback HTTP.
class TestSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void namespaceSweepsCostOnlyWhatChanged();
    void activeBuildsArePolledUntilDone();
    void faultsStayOnTheirRepository_data();
    void faultsStayOnTheirRepository();
    void rateLimitedRepliesAreWaitedOut_data();
    void rateLimitedRepliesAreWaitedOut();
    void rateLimitHeadersSlowTheSweepBeforeA429();
    void listingFailureKeepsWhatWasKnown();
    void unreachableHostIsOffline();
    void privateRepositoriesWithAccessToken();
    void expiredTokenIsRefreshed();
    void tokenRefreshedBeforeExpiry();
    void wrongCredentialsNameTheAccount();
    void repositoryWatchWithTags();
    void stateSurvivesARestart();
    void backOffAfterRepeatedFailures();
    void configAppliedMidSweep();
    void repositoriesWithoutAutomatedBuildsAreQuiet();

private:
    std::unique_ptr<SimulatedHub> m_hub;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Engine> m_engine;
    void startEngine(const Config &config, const QString &stateDir = {});
};

void TestSweep::init()
{
    m_hub = std::make_unique<SimulatedHub>();
    QVERIFY(m_hub->listen(0) != 0);
    m_secrets = std::make_unique<MemorySecretStore>();
}

void TestSweep::cleanup()
{
    m_engine.reset();
    m_hub.reset(); // stops the server and drops its connections
}

void TestSweep::startEngine(const Config &config, const QString &stateDir)
{
    m_engine = std::make_unique<Engine>(m_secrets.get());
    if (!stateDir.isEmpty())
        m_engine->setStateDir(stateDir);
    m_engine->applyConfig(config);
}

static QStringList changedRepositories(const SweepReport &r)
{
    QStringList out;
    for (const BuildChange &c : r.changes)
        out << c.after.repository;
    out.sort();
    return out;
}

void TestSweep::namespaceSweepsCostOnlyWhatChanged()
{
    m_hub->generateRepositories("acme", 250);
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }));

    // First sweep: 3 pages of 100, then every history.
    SweepReport r = sweep(*m_engine);
    QVERIFY(r.finished.isValid());
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join('\n')));
    QCOMPARE(m_hub->requestCount("/v2/namespaces/acme/repositories"), 3);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 250);
    QCOMPARE(r.listingPages, 3);
    QCOMPARE(r.historiesFetched, 250);
    QCOMPARE(r.repositories.size(), 250);
    QCOMPARE(m_engine->state().size(), 250);
    QCOMPARE(m_engine->overallStatus(), OverallStatus::Ok);

    // Second sweep, nothing changed: the listing pages only.
    m_hub->resetCounts();
    r = sweep(*m_engine);
    QCOMPARE(m_hub->requestCount(), 3);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 0);
    QVERIFY(r.changes.isEmpty());

    // Two repositories change: exactly those two histories.
    SimBuild failed;
    failed.status = -1;
    failed.cause = "TRIGGERED_VIA_API";
    m_hub->addBuild("acme/repo-0042", failed);
    SimBuild ok;
    ok.status = 10;
    m_hub->addBuild("acme/repo-0199", ok);
    m_hub->resetCounts();
    r = sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 2);
    QCOMPARE(m_hub->requestCount("/acme/repo-0042/buildhistory"), 1);
    QCOMPARE(m_hub->requestCount("/acme/repo-0199/buildhistory"), 1);
    QCOMPARE(changedRepositories(r), QStringList({ "acme/repo-0042", "acme/repo-0199" }));
    const RepoState *s = m_engine->state().find("hub|acme/repo-0042");
    QVERIFY(s);
    QCOMPARE(s->builds.first().state, BuildState::Failed);
    QCOMPARE(s->builds.first().cause, QStringLiteral("TRIGGERED_VIA_API"));
    QCOMPARE(m_engine->overallStatus(), OverallStatus::Failing);
}

void TestSweep::activeBuildsArePolledUntilDone()
{
    m_hub->generateRepositories("acme", 5);
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }));
    sweep(*m_engine);

    // A build is queued (Docker Hub's listing does not move for that), then fails later.
    SimBuild queued;
    queued.status = 0;
    const qint64 id = m_hub->addBuild("acme/repo-0003", queued, /*touchRepository=*/true);
    m_hub->resetCounts();
    SweepReport r = sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 1);
    QCOMPARE(m_engine->overallStatus(), OverallStatus::Queued);

    // Still queued, listing unchanged: polled again because it is active.
    m_hub->resetCounts();
    sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/acme/repo-0003/buildhistory"), 1);

    QVERIFY(m_hub->setBuildStatus("acme/repo-0003", id, -1, /*touchRepository=*/false));
    m_hub->resetCounts();
    r = sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/acme/repo-0003/buildhistory"), 1);
    QCOMPARE(r.changes.size(), 1);
    QCOMPARE(r.changes.first().before.state, BuildState::Queued);
    QCOMPARE(r.changes.first().after.state, BuildState::Failed);

    // Done: no more polling of that history.
    m_hub->resetCounts();
    sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 0);
}

void TestSweep::faultsStayOnTheirRepository_data()
{
    QTest::addColumn<SimFaultKind>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("expected");
    QTest::newRow("500") << SimFaultKind::ServerError << 500 << "HTTP 500";
    QTest::newRow("503") << SimFaultKind::ServerError << 503 << "HTTP 503";
    QTest::newRow("html 502 page") << SimFaultKind::HtmlErrorPage << 502 << "HTTP 502";
    QTest::newRow("html 200 page")
            << SimFaultKind::HtmlErrorPage << 200 << "expected JSON, got an HTML page";
    QTest::newRow("truncated json")
            << SimFaultKind::TruncatedJson << 200 << "closed the connection";
    QTest::newRow("malformed json")
            << SimFaultKind::MalformedJson << 200 << "malformed JSON at line 1";
    QTest::newRow("hang past timeout") << SimFaultKind::Hang << 0 << "timed out";
    QTest::newRow("connection reset")
            << SimFaultKind::ConnectionReset << 0 << "closed the connection";
    QTest::newRow("401") << SimFaultKind::Status << 401 << "HTTP 401";
}

void TestSweep::faultsStayOnTheirRepository()
{
    QFETCH(SimFaultKind, kind);
    QFETCH(int, status);
    QFETCH(QString, expected);
    m_hub->generateRepositories("acme", 12);
    SimFault fault;
    fault.pathContains = "/acme/repo-0007/buildhistory";
    fault.kind = kind;
    fault.status = status;
    m_hub->addFault(fault);
    Config config = configFor(m_hub->baseUrl(), { namespaceWatch("acme") });
    config.requestTimeoutMs = 500;
    startEngine(config);

    const SweepReport r = sweep(*m_engine);
    QVERIFY(r.finished.isValid());
    QCOMPARE(r.historiesFetched, 11);
    QCOMPARE(r.historiesFailed, 1);
    QCOMPARE(r.errors.size(), 1);
    const QString error = r.errors.first();
    QVERIFY2(error.contains("acme/repo-0007") && error.contains(expected), qPrintable(error));
    QVERIFY2(!error.contains("http://"), qPrintable(error)); // no URL in errors
    QCOMPARE(m_engine->state().find("hub|acme/repo-0007")->error, error);
    QVERIFY(m_engine->state().find("hub|acme/repo-0008")->error.isEmpty());
    QCOMPARE(m_engine->state().find("hub|acme/repo-0008")->builds.size(), 1);

    // The fault clears: the failed repository is read again at the next sweep, and only it.
    m_hub->clearFaults();
    m_hub->resetCounts();
    const SweepReport again = sweep(*m_engine);
    QVERIFY(again.errors.isEmpty());
    QCOMPARE(m_hub->requestCount("/buildhistory"), 1);
    QVERIFY(m_engine->state().find("hub|acme/repo-0007")->error.isEmpty());
}

void TestSweep::rateLimitedRepliesAreWaitedOut_data()
{
    QTest::addColumn<SimFaultKind>("kind");
    QTest::newRow("Retry-After") << SimFaultKind::RateLimitRetryAfter;
    QTest::newRow("X-Retry-After") << SimFaultKind::RateLimitXRetryAfter;
}

void TestSweep::rateLimitedRepliesAreWaitedOut()
{
    QFETCH(SimFaultKind, kind);
    m_hub->generateRepositories("acme", 6);
    SimFault fault;
    fault.pathContains = "/acme/repo-0002/buildhistory";
    fault.kind = kind;
    fault.retryAfterSeconds = 2; // X-Retry-After is whole unix seconds: at least 1 s from now
    fault.times = 1;
    m_hub->addFault(fault);
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }));
    QSignalSpy limited(m_engine.get(), &Engine::statusChanged);

    const SweepReport r = sweep(*m_engine);
    // The 429 is not an error: the request was sent again after the wait and succeeded.
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join('\n')));
    QCOMPARE(r.historiesFetched, 6);
    QCOMPARE(m_hub->requestCount("/acme/repo-0002/buildhistory"), 2);
    QVERIFY(r.started.msecsTo(r.finished) >= 1000); // it did wait
}

void TestSweep::rateLimitHeadersSlowTheSweepBeforeA429()
{
    m_hub->generateRepositories("acme", 30);
    m_hub->setRateLimit(20, 2); // 20 requests per 2 s window
    QList<int> statuses;
    connect(m_hub.get(), &SimulatedHub::requestServed, this,
            [&](const SimRequest &, int status) { statuses << status; });
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }));

    const SweepReport r = sweep(*m_engine, 60000);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join('\n')));
    QCOMPARE(r.historiesFetched, 30);
    QCOMPARE(statuses.count(429), 0);
    QCOMPARE(statuses.size(), 31);
}

void TestSweep::listingFailureKeepsWhatWasKnown()
{
    m_hub->generateRepositories("acme", 150);
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }));
    sweep(*m_engine);
    QCOMPARE(m_engine->state().size(), 150);

    SimFault fault;
    fault.pathContains = "/v2/namespaces/acme/repositories";
    fault.kind = SimFaultKind::ServerError;
    fault.status = 502;
    m_hub->addFault(fault);
    const SweepReport r = sweep(*m_engine);
    QCOMPARE(r.errors.size(), 1);
    QVERIFY2(r.errors.first().contains("namespace acme, page 1: HTTP 502"),
             qPrintable(r.errors.first()));
    // Nothing is forgotten because of a failed listing; each repository carries the error.
    QCOMPARE(m_engine->state().size(), 150);
    QCOMPARE(r.repositories.size(), 150);
    QCOMPARE(m_engine->state().find("hub|acme/repo-0001")->builds.size(), 1);
    QVERIFY(!m_engine->state().find("hub|acme/repo-0001")->error.isEmpty());
}

void TestSweep::unreachableHostIsOffline()
{
    const QUrl base = m_hub->baseUrl();
    m_hub.reset(); // nothing listens on that port any more
    startEngine(configFor(base, { namespaceWatch("acme") }));
    const SweepReport r = sweep(*m_engine);
    QVERIFY(r.offline);
    QCOMPARE(r.answered, 0);
    QVERIFY2(r.errors.first().contains("connection refused"), qPrintable(r.errors.first()));
    QCOMPARE(m_engine->overallStatus(), OverallStatus::Offline);
}

void TestSweep::privateRepositoriesWithAccessToken()
{
    const QString pat = "dckr_pat_private-canary-7f3a9c";
    m_hub->addUser("alice", "password-of-alice", { pat }, { "acme" });
    m_hub->generateRepositories("acme", 3);
    m_hub->addRepository("acme", "secret-sauce", /*isPrivate=*/true);
    SimBuild b;
    b.status = 10;
    m_hub->addBuild("acme/secret-sauce", b);

    // Anonymous: the private repository is invisible.
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }));
    sweep(*m_engine);
    QCOMPARE(m_engine->state().size(), 3);

    m_secrets->values.insert("hub-token", pat);
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }, "alice", "hub-token"));
    m_hub->resetCounts();
    const SweepReport r = sweep(*m_engine);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join('\n')));
    QCOMPARE(m_engine->state().size(), 4);
    QVERIFY(m_engine->state().find("hub|acme/secret-sauce"));
    QCOMPARE(m_hub->requestCount("/v2/auth/token"), 1); // a PAT uses the token endpoint, once
    for (const SimRequest &req : m_hub->requests()) {
        if (req.path.contains("/v2/auth/token"))
            continue;
        QVERIFY2(req.headers.value("authorization").startsWith("Bearer "), qPrintable(req.path));
        QVERIFY(!req.headers.value("authorization").contains(pat)); // the JWT, not the PAT
    }
}

void TestSweep::expiredTokenIsRefreshed()
{
    m_hub->addUser("alice", "pw-alice-long", { "dckr_pat_refresh-canary" }, { "acme" });
    m_hub->generateRepositories("acme", 4);
    m_secrets->values.insert("hub-token", "dckr_pat_refresh-canary");
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }, "alice", "hub-token"));
    sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/v2/auth/token"), 1);

    m_hub->expireAllTokens(); // the server now refuses the JWT the client holds
    m_hub->resetCounts();
    const SweepReport r = sweep(*m_engine);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join('\n')));
    QCOMPARE(m_hub->requestCount("/v2/auth/token"), 1); // logged in again after the 401
}

void TestSweep::tokenRefreshedBeforeExpiry()
{
    m_hub->addUser("alice", "pw-alice-long", { "dckr_pat_expiry-canary" }, { "acme" });
    m_hub->setTokenLifetime(2); // the client renews a quarter of the lifetime before expiry
    m_hub->generateRepositories("acme", 2);
    m_secrets->values.insert("hub-token", "dckr_pat_expiry-canary");
    QList<int> statuses;
    connect(m_hub.get(), &SimulatedHub::requestServed, this,
            [&](const SimRequest &, int status) { statuses << status; });
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }, "alice", "hub-token"));
    sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/v2/auth/token"), 1);
    const QDateTime renewFrom = QDateTime::currentDateTimeUtc().addMSecs(1600);
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() >= renewFrom, 5000);
    sweep(*m_engine);
    // A fresh token each sweep, taken before the old one expired: never a 401.
    QCOMPARE(m_hub->requestCount("/v2/auth/token"), 2);
    QCOMPARE(statuses.count(401), 0);
}

void TestSweep::wrongCredentialsNameTheAccount()
{
    const QString canary = "dckr_pat_wrong-canary-55aa";
    m_hub->addUser("alice", "pw-alice-long", { "dckr_pat_the-right-one" }, { "acme" });
    m_hub->generateRepositories("acme", 4);
    m_secrets->values.insert("hub-token", canary);
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }, "alice", "hub-token"));
    const SweepReport r = sweep(*m_engine);
    QVERIFY(!r.errors.isEmpty());
    const QString all = r.errors.join('\n');
    QVERIFY2(all.contains("account \"hub\"") && all.contains("HTTP 401"), qPrintable(all));
    QVERIFY(!all.contains(canary));
    // One login attempt per sweep, not one per request.
    QCOMPARE(m_hub->requestCount("/v2/auth/token"), 1);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 0);
}

void TestSweep::repositoryWatchWithTags()
{
    m_hub->addRepository("acme", "api");
    for (const auto &[tag, status] : { std::pair { "latest", 10 }, { "dev", -1 }, { "edge", 3 } }) {
        SimBuild b;
        b.tag = tag;
        b.status = status;
        m_hub->addBuild("acme/api", b);
    }
    startEngine(configFor(m_hub->baseUrl(), { repositoryWatch("acme/api", { "latest", "dev" }) }));
    const SweepReport r = sweep(*m_engine);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join('\n')));
    const RepoState *s = m_engine->state().find("hub|acme/api");
    QVERIFY(s);
    QStringList tags;
    for (const Build &b : s->builds)
        tags << b.tag;
    tags.sort();
    QCOMPARE(tags, QStringList({ "dev", "latest" }));
    QCOMPARE(m_hub->requestCount("/v2/namespaces/acme/repositories/api"), 1);

    m_hub->resetCounts();
    sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 0); // one repository read, nothing changed
}

void TestSweep::stateSurvivesARestart()
{
    QTemporaryDir dir;
    m_hub->generateRepositories("acme", 20);
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }), dir.path());
    sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 20);

    m_hub->resetCounts();
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }), dir.path());
    QCOMPARE(m_engine->state().size(), 20);
    sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 0);
}

void TestSweep::backOffAfterRepeatedFailures()
{
    m_hub->generateRepositories("acme", 3);
    SimFault fault;
    fault.pathContains = "/acme/repo-0001/buildhistory";
    fault.kind = SimFaultKind::ServerError;
    m_hub->addFault(fault);
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }));
    sweep(*m_engine); // failure 1
    sweep(*m_engine); // failure 2: retried at once, then backs off for a minute
    m_hub->resetCounts();
    const SweepReport r = sweep(*m_engine);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 0);
    QVERIFY(m_engine->state().find("hub|acme/repo-0001")->error.contains("HTTP 500"));
    QVERIFY(r.repositories.contains("hub|acme/repo-0001"));
}

// Settings saved while a slow sweep runs: the sweep finishes with the clients it started with
// (freeing them under it was a use-after-free; the sanitizer build catches it), and a sweep
// with the new config follows at once.
void TestSweep::configAppliedMidSweep()
{
    m_hub->generateRepositories("acme", 12);
    m_hub->generateRepositories("beta", 3);
    SimFault slow;
    slow.pathContains = "/buildhistory";
    slow.kind = SimFaultKind::Latency;
    slow.delayMs = 150;
    m_hub->addFault(slow);
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }));
    QSignalSpy finished(m_engine.get(), &Engine::sweepFinished);
    m_engine->sweepNow();
    QTRY_VERIFY_WITH_TIMEOUT(m_hub->requestCount("/buildhistory") > 0, 10000);
    QVERIFY(m_engine->isSweeping());
    // Twice, so that the clients of the first replacement are dropped as well.
    m_engine->applyConfig(configFor(m_hub->baseUrl(), { namespaceWatch("beta") }));
    m_engine->applyConfig(
            configFor(m_hub->baseUrl(), { namespaceWatch("acme"), namespaceWatch("beta") }));
    QVERIFY(m_engine->isSweeping());
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20000);
    const auto first = finished.at(0).at(0).value<SweepReport>();
    const auto second = finished.at(1).at(0).value<SweepReport>();
    QVERIFY2(first.errors.isEmpty(), qPrintable(first.errors.join('\n')));
    QCOMPARE(first.historiesFetched, 12); // the old config's sweep completed
    QVERIFY2(second.errors.isEmpty(), qPrintable(second.errors.join('\n')));
    QCOMPARE(second.repositories.size(), 15); // the new config's sweep covers both namespaces
    QCOMPARE(second.historiesFetched, 3);
    QVERIFY(!m_engine->isSweeping());
}

// Most repositories of a namespace today have no automated builds (their images are pushed from
// CI elsewhere): Docker Hub answers 404 for their build history. That is a normal state, not an
// error: no "!" and no error line, not counted as failing, and not re-read on every push.
void TestSweep::repositoriesWithoutAutomatedBuildsAreQuiet()
{
    m_hub->generateRepositories("acme", 6);
    for (const char *repo : { "/acme/repo-0002/buildhistory", "/acme/repo-0005/buildhistory" }) {
        SimFault fault;
        fault.pathContains = repo;
        fault.kind = SimFaultKind::Status;
        fault.status = 404;
        m_hub->addFault(fault);
    }
    QTemporaryDir dir;
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }), dir.path());
    SweepReport r = sweep(*m_engine);
    QVERIFY2(r.errors.isEmpty(), qPrintable(r.errors.join('\n')));
    QCOMPARE(r.historiesFailed, 0);
    const RepoState *quiet = m_engine->state().find("hub|acme/repo-0002");
    QVERIFY(quiet && quiet->noAutomatedBuilds && quiet->error.isEmpty() && quiet->builds.isEmpty());
    QVERIFY(!m_engine->state().find("hub|acme/repo-0001")->noAutomatedBuilds);
    QCOMPARE(m_engine->overallStatus(), OverallStatus::Ok);
    QCOMPARE(m_engine->buildCounts().failing, 0);
    const QString table
            = formatTable(outputRows(m_engine->state(), r), QDateTime::currentDateTimeUtc());
    QVERIFY2(table.contains(QRegularExpression("acme/repo-0002 +- +no automated builds")),
             qPrintable(table));
    QVERIFY2(!table.contains('!'), qPrintable(table));

    // CI pushes to it: its listing moves, but its history is not read again on every sweep.
    m_hub->touchRepository("acme/repo-0002");
    m_hub->resetCounts();
    r = sweep(*m_engine);
    QVERIFY(r.errors.isEmpty());
    QCOMPARE(m_hub->requestCount("/buildhistory"), 0);

    // It survives a restart, and is re-checked after a few hours.
    m_engine.reset();
    startEngine(configFor(m_hub->baseUrl(), { namespaceWatch("acme") }), dir.path());
    const RepoState *reloaded = m_engine->state().find("hub|acme/repo-0002");
    QVERIFY(reloaded && reloaded->noAutomatedBuilds);
    const QDateTime later = reloaded->historyFetchedAt.addMSecs(kNoBuildsRecheckMs * 3 / 2 + 1);
    QCOMPARE(
            historyFetchReason(reloaded, reloaded->listedUpdated, later.addSecs(-3 * 3600), 300000),
            FetchReason::None);
    QCOMPARE(historyFetchReason(reloaded, reloaded->listedUpdated, later, 300000),
             FetchReason::Refresh);
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
