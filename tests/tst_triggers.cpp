#include "core/Schedule.h"
#include "engine/Deliverer.h"
#include "engine/RebuildPolicy.h"
#include "engine/TriggerRunner.h"
#include "tests/soak/RawReceiver.h"
#include "tests/support/SimFixture.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;
using namespace simfixture;

// Rebuild triggers: the scheduler with an injected clock, and firing against the simulated
// Docker Hub's trigger URLs over real loopback HTTP.
class TestTriggers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void sleepFiresEachDueTriggerOnce();
    void intervalAndJitter();
    void noOverlap();
    void scheduledTriggerSendsTheBody();
    void failingTriggerIsReportedAndOthersStillFire();
    void expectBuildSeesAStartedBuild();
    void expectBuildReportsAMissingBuild();
    void expectBuildAcceptsAPushedTag();
    void expectBuildJoinsAPendingBuild();
    void parentSuccessFiresLinkedTrigger();
    void runnerAfterSleepFiresEachOnce();
    void failedBuildIsRetriedAtMostNTimes();
    void drippingTriggerHitsTheTotalDeadline();
    void hugeTriggerAnswersAreNotRead_data();
    void hugeTriggerAnswersAreNotRead();

private:
    TriggerConfig trigger(const QString &name, const QString &repository);
    Engine *engine(const Config &config);
    std::unique_ptr<SimulatedHub> m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Engine> m_engine;
};

static const QTimeZone utc(QTimeZone::utc());

void TestTriggers::init()
{
    m_hub = std::make_unique<SimulatedHub>();
    QVERIFY(m_hub->listen(0));
    m_dir = std::make_unique<QTemporaryDir>();
    m_secrets = std::make_unique<MemorySecretStore>();
}

void TestTriggers::cleanup()
{
    m_engine.reset();
    m_hub.reset();
    m_dir.reset();
}

TriggerConfig TestTriggers::trigger(const QString &name, const QString &repository)
{
    const QString token = m_hub->addTriggerToken(repository);
    TriggerConfig t;
    t.name = name;
    t.url = m_hub->baseUrl().toString()
            + QStringLiteral("/u/%1/trigger/%2/").arg(repository, token);
    t.body = R"({"docker_tag": "latest"})";
    t.timeoutMs = 2000;
    return t;
}

Engine *TestTriggers::engine(const Config &config)
{
    m_engine = std::make_unique<Engine>(m_secrets.get());
    m_engine->setStateDir(m_dir->path());
    m_engine->applyConfig(config);
    QSignalSpy applied(m_engine.get(), &Engine::configApplied);
    if (!m_engine->isReady())
        applied.wait(5000);
    return m_engine.get();
}

void TestTriggers::sleepFiresEachDueTriggerOnce()
{
    const auto hourly = Schedule::parse("0 * * * *", nullptr);
    const auto quartz = Schedule::parse("0 */15 * * * ?", nullptr);
    QVERIFY(hourly && quartz);
    const QDateTime t0(QDate(2026, 6, 1), QTime(9, 30), Qt::UTC);
    TriggerRun a, b;
    QVERIFY(!scheduleDue(*hourly, a, t0, utc, 0, 0)); // first start: scheduled, not fired
    QCOMPARE(a.nextRun, QDateTime(QDate(2026, 6, 1), QTime(10, 0), Qt::UTC));
    QVERIFY(!scheduleDue(*quartz, b, t0, utc, 0, 0));
    // The laptop sleeps six hours: 6 hourly and 24 quarter-hour slots missed; each fires once.
    const QDateTime wake = t0.addSecs(6 * 3600);
    QVERIFY(scheduleDue(*hourly, a, wake, utc, 0, 0));
    QVERIFY(!scheduleDue(*hourly, a, wake, utc, 0, 0));
    QVERIFY(!scheduleDue(*hourly, a, wake.addSecs(60), utc, 0, 0));
    QCOMPARE(a.nextRun, QDateTime(QDate(2026, 6, 1), QTime(16, 0), Qt::UTC));
    QVERIFY(scheduleDue(*quartz, b, wake, utc, 0, 0));
    QVERIFY(!scheduleDue(*quartz, b, wake.addSecs(1), utc, 0, 0));
    QCOMPARE(b.nextRun, QDateTime(QDate(2026, 6, 1), QTime(15, 45), Qt::UTC));
}

void TestTriggers::intervalAndJitter()
{
    const auto every = Schedule::parse("every 90m", nullptr);
    QVERIFY(every);
    const QDateTime t0(QDate(2026, 6, 1), QTime(9, 0), Qt::UTC);
    TriggerRun run;
    run.lastRun = t0.addSecs(-3600); // last fired an hour ago: next in 30 min
    QVERIFY(!scheduleDue(*every, run, t0, utc, 0, 0));
    QCOMPARE(run.nextRun, t0.addSecs(1800));
    QVERIFY(scheduleDue(*every, run, t0.addSecs(1800), utc, 0, 0));
    QCOMPARE(run.nextRun, t0.addSecs(1800 + 5400));
    // Jitter delays by at most `jitter`.
    const auto daily = Schedule::parse("@daily", nullptr);
    TriggerRun j;
    QVERIFY(!scheduleDue(*daily, j, t0, utc, 120000, 0.5));
    QCOMPARE(j.nextRun, QDateTime(QDate(2026, 6, 2), QTime(0, 1), Qt::UTC));
}

void TestTriggers::noOverlap()
{
    SimFault slow;
    slow.pathContains = "/trigger/";
    slow.kind = SimFaultKind::Latency;
    slow.delayMs = 500;
    m_hub->addRepository("acme", "base");
    m_hub->addFault(slow);
    QNetworkAccessManager nam;
    TriggerRunner runner(&nam, m_dir->path());
    runner.setTriggers({ trigger("base", "acme/base") }, {});
    QSignalSpy fired(&runner, &TriggerRunner::fired);
    QVERIFY(runner.fire("base", "manual"));
    QVERIFY(runner.isRunning("base"));
    QVERIFY(!runner.fire("base", "manual")); // never twice at once
    QVERIFY(fired.wait(5000));
    QCOMPARE(m_hub->triggerCount("acme/base"), 1);
    QVERIFY(runner.fire("base", "manual"));
    QVERIFY(fired.wait(5000));
    QCOMPARE(m_hub->triggerCount("acme/base"), 2);
    QVERIFY(!runner.fire("nope", "manual"));
}

void TestTriggers::scheduledTriggerSendsTheBody()
{
    m_hub->addRepository("acme", "base");
    QNetworkAccessManager nam;
    TriggerRunner runner(&nam, m_dir->path());
    QDateTime clock(QDate(2026, 6, 1), QTime(9, 59, 30), Qt::UTC);
    runner.setClock([&] { return clock; });
    runner.setTimeZone(utc);
    TriggerConfig t = trigger("base", "acme/base");
    t.schedule = "0 * * * * ?"; // the seed's Quartz expression: every minute at second 0
    t.headers = { { "X-Hubhook-Test", "yes" } };
    runner.setTriggers({ t }, {});
    QSignalSpy fired(&runner, &TriggerRunner::fired);
    runner.start();
    QCOMPARE(fired.size(), 0);
    clock = clock.addSecs(31);
    runner.tick();
    QVERIFY(fired.wait(5000));
    const TriggerFire f = fired.first().first().value<TriggerFire>();
    QVERIFY(f.ok);
    QCOMPARE(f.reason, QStringLiteral("schedule"));
    QCOMPARE(f.status, 200);
    SimRequest call;
    for (const SimRequest &r : m_hub->requests())
        if (r.path.contains("/trigger/"))
            call = r;
    QCOMPARE(call.method, QStringLiteral("POST"));
    QCOMPARE(QJsonDocument::fromJson(call.body).object()["docker_tag"].toString(),
             QStringLiteral("latest"));
    QCOMPARE(call.headers.value("x-hubhook-test"), QStringLiteral("yes"));
    QCOMPARE(m_hub->builds("acme/base").first().status, 0); // the hub queued a build
    // Recorded, and persisted across a restart.
    const QList<TriggerFire> history = readTriggerFires(runner.historyPath(), "base");
    QCOMPARE(history.size(), 1);
    QCOMPARE(history.first().result, QStringLiteral("HTTP 200"));
    TriggerRunner again(&nam, m_dir->path());
    QCOMPARE(again.state().runs.value("base").lastStatus, 200);
    QCOMPARE(again.state().runs.value("base").nextRun,
             QDateTime(QDate(2026, 6, 1), QTime(10, 1), Qt::UTC));
}

void TestTriggers::failingTriggerIsReportedAndOthersStillFire()
{
    m_hub->addRepository("acme", "a");
    m_hub->addRepository("acme", "b");
    SimFault broken;
    broken.pathContains = "/u/acme/a/";
    broken.kind = SimFaultKind::ServerError;
    m_hub->addFault(broken);
    Config config = configFor(m_hub->baseUrl(), {});
    config.triggers = { trigger("a", "acme/a"), trigger("b", "acme/b") };
    WebhookConfig hook;
    hook.name = "ops";
    hook.url = m_hub->hookUrl("ops").toString();
    config.webhooks = { hook };
    Engine *e = engine(config);
    QSignalSpy events(e, &Engine::eventRaised);
    QSignalSpy fired(e->triggers(), &TriggerRunner::fired);
    QVERIFY(e->triggers()->fire("a", "manual"));
    QVERIFY(e->triggers()->fire("b", "manual"));
    QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 2, 5000);
    QCOMPARE(m_hub->triggerCount("acme/b"), 1);
    QCOMPARE(events.size(), 1);
    const Event ev = events.first().first().value<Event>();
    QCOMPARE(ev.type, EventType::TriggerFailed);
    QCOMPARE(ev.trigger, QStringLiteral("a"));
    QVERIFY2(ev.detail.contains("HTTP 500"), qPrintable(ev.detail));
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->webhookCount("ops"), 1, 5000);
    const QJsonObject body = QJsonDocument::fromJson(m_hub->webhooks("ops").first().body).object();
    QCOMPARE(body["type"].toString(), QStringLiteral("trigger.failed"));
}

void TestTriggers::expectBuildSeesAStartedBuild()
{
    m_hub->addRepository("acme", "base");
    SimBuild old;
    old.status = 10;
    old.created = QDateTime::currentDateTimeUtc().addDays(-2);
    m_hub->addBuild("acme/base", old);
    Config config = configFor(m_hub->baseUrl(), { repositoryWatch("acme/base") });
    TriggerConfig t = trigger("base", "acme/base");
    t.expectBuild = ExpectBuild { "acme/base", "latest", 60000 };
    config.triggers = { t };
    Engine *e = engine(config);
    sweep(*e);
    QSignalSpy fired(e->triggers(), &TriggerRunner::fired);
    QVERIFY(e->triggers()->fire("base", "manual"));
    QVERIFY(fired.wait(5000));
    QCOMPARE(e->rebuilds()->expectations().size(), 1);
    QSignalSpy events(e, &Engine::eventRaised);
    m_hub->resetCounts();
    sweep(*e); // the queued build does not move the listing; the expectation makes it read
    QCOMPARE(m_hub->requestCount("/buildhistory"), 1);
    QCOMPARE(e->rebuilds()->expectations().size(), 0);
    QCOMPARE(events.size(), 0);
}

void TestTriggers::expectBuildReportsAMissingBuild()
{
    m_hub->addRepository("acme", "base");
    Config config = configFor(m_hub->baseUrl(), { repositoryWatch("acme/base") });
    TriggerConfig t;
    t.name = "lost";
    t.url = m_hub->hookUrl("black-hole").toString(); // answers 200, starts nothing
    t.expectBuild = ExpectBuild { "acme/base", "latest", 1000 };
    config.triggers = { t };
    Engine *e = engine(config);
    QSignalSpy fired(e->triggers(), &TriggerRunner::fired);
    QVERIFY(e->triggers()->fire("lost", "manual"));
    QVERIFY(fired.wait(5000));
    QSignalSpy events(e, &Engine::eventRaised);
    sweep(*e);
    QCOMPARE(events.size(), 0); // within the window: not yet
    const QDateTime deadline = e->rebuilds()->expectations().first().deadline;
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > deadline, 5000);
    sweep(*e);
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, 5000); // after a last look at the tags
    QCOMPARE(m_hub->requestCount("/v2/namespaces/acme/repositories/base/tags"), 1);
    const Event ev = events.first().first().value<Event>();
    QCOMPARE(ev.type, EventType::TriggerNoBuild);
    QCOMPARE(ev.trigger, QStringLiteral("lost"));
    QCOMPARE(ev.build.repository, QStringLiteral("acme/base"));
    QVERIFY(e->rebuilds()->expectations().isEmpty());
}

void TestTriggers::expectBuildAcceptsAPushedTag()
{
    // No automated build, but a CI job pushed the tag after the fire: that is what was expected.
    m_hub->addRepository("acme", "base");
    Config config = configFor(m_hub->baseUrl(), { repositoryWatch("acme/base") });
    TriggerConfig t;
    t.name = "ci";
    t.url = m_hub->hookUrl("ci-dispatch").toString();
    t.expectBuild = ExpectBuild { "acme/base", "latest", 1000 };
    config.triggers = { t };
    Engine *e = engine(config);
    QSignalSpy fired(e->triggers(), &TriggerRunner::fired);
    QVERIFY(e->triggers()->fire("ci", "manual"));
    QVERIFY(fired.wait(5000));
    m_hub->setTag("acme/base", "latest", QDateTime::currentDateTimeUtc());
    const QDateTime deadline = e->rebuilds()->expectations().first().deadline;
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > deadline, 5000);
    QSignalSpy events(e, &Engine::eventRaised);
    m_hub->resetCounts();
    sweep(*e);
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->requestCount("/tags"), 1, 5000);
    QVERIFY(e->rebuilds()->expectations().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_hub->requestCount("/tags") == 1 && events.isEmpty(), 2000);
}

void TestTriggers::expectBuildJoinsAPendingBuild()
{
    // Docker Hub folds a trigger into the build already queued for the tag: no new build
    // appears, but one is coming. That is not "no build" (the demo's scheduled trigger said so
    // every minute while its build waited in the queue).
    m_hub->addRepository("acme", "base");
    SimBuild queued;
    queued.status = 0;
    queued.created = QDateTime::currentDateTimeUtc().addSecs(-600);
    m_hub->addBuild("acme/base", queued);
    Config config = configFor(m_hub->baseUrl(), { repositoryWatch("acme/base") });
    TriggerConfig t;
    t.name = "joins";
    t.url = m_hub->hookUrl("accepts").toString(); // answers 200, queues nothing new
    t.expectBuild = ExpectBuild { "acme/base", "latest", 1000 };
    config.triggers = { t };
    Engine *e = engine(config);
    QSignalSpy fired(e->triggers(), &TriggerRunner::fired);
    QVERIFY(e->triggers()->fire("joins", "manual"));
    QVERIFY(fired.wait(5000));
    const QDateTime deadline = e->rebuilds()->expectations().first().deadline;
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > deadline, 5000);
    QSignalSpy events(e, &Engine::eventRaised);
    m_hub->resetCounts();
    sweep(*e);
    QVERIFY(e->rebuilds()->expectations().isEmpty());
    QCOMPARE(m_hub->requestCount("/tags"), 0); // met by the queued build, no last look needed
    for (const QList<QVariant> &args : std::as_const(events))
        QVERIFY(args.first().value<Event>().type != EventType::TriggerNoBuild);
}

void TestTriggers::runnerAfterSleepFiresEachOnce()
{
    m_hub->addRepository("acme", "a");
    m_hub->addRepository("acme", "b");
    QNetworkAccessManager nam;
    TriggerRunner runner(&nam, m_dir->path());
    QDateTime clock(QDate(2026, 6, 1), QTime(9, 30), Qt::UTC);
    runner.setClock([&] { return clock; });
    runner.setTimeZone(utc);
    TriggerConfig a = trigger("a", "acme/a");
    a.schedule = "*/10 * * * *";
    TriggerConfig b = trigger("b", "acme/b");
    b.schedule = "@hourly";
    runner.setTriggers({ a, b }, {});
    runner.start();
    QSignalSpy fired(&runner, &TriggerRunner::fired);
    clock = clock.addSecs(6 * 3600); // the laptop slept six hours
    runner.tick();
    runner.tick();
    QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 2, 5000);
    runner.tick();
    QCOMPARE(m_hub->triggerCount("acme/a"), 1);
    QCOMPARE(m_hub->triggerCount("acme/b"), 1);
    QCOMPARE(runner.state().runs.value("a").nextRun,
             QDateTime(QDate(2026, 6, 1), QTime(15, 40), Qt::UTC));
    QCOMPARE(runner.state().runs.value("b").nextRun,
             QDateTime(QDate(2026, 6, 1), QTime(16, 0), Qt::UTC));
}

void TestTriggers::parentSuccessFiresLinkedTrigger()
{
    m_hub->addRepository("acme", "base");
    m_hub->addRepository("acme", "app");
    SimBuild ok;
    ok.status = 10;
    m_hub->addBuild("acme/base", ok);
    Config config = configFor(m_hub->baseUrl(), { repositoryWatch("acme/base") });
    TriggerConfig child = trigger("app", "acme/app");
    child.afterSuccessOf = "acme/base:latest";
    config.triggers = { child };
    Engine *e = engine(config);
    sweep(*e);
    QCOMPARE(m_hub->triggerCount("acme/app"), 0); // the first sight is history, not news
    m_hub->addBuild("acme/base", ok); // the parent builds again and succeeds
    QSignalSpy fired(e->triggers(), &TriggerRunner::fired);
    sweep(*e);
    QVERIFY(fired.wait(5000));
    QCOMPARE(fired.first().first().value<TriggerFire>().reason, QStringLiteral("link"));
    QCOMPARE(m_hub->triggerCount("acme/app"), 1);
}

void TestTriggers::failedBuildIsRetriedAtMostNTimes()
{
    m_hub->addRepository("acme", "flaky");
    SimBuild failed;
    failed.status = 10;
    m_hub->addBuild("acme/flaky", failed);
    Config config = configFor(m_hub->baseUrl(), { repositoryWatch("acme/flaky") });
    config.watch[0].retryTrigger = "flaky";
    config.watch[0].retryMaxAttempts = 2;
    config.triggers = { trigger("flaky", "acme/flaky") };
    Engine *e = engine(config);
    sweep(*e);
    QSignalSpy fired(e->triggers(), &TriggerRunner::fired);
    // Three failures in a row: rebuilt after the first two, not after the third.
    for (int i = 1; i <= 3; ++i) {
        failed.status = -1;
        failed.created = QDateTime();
        m_hub->addBuild("acme/flaky", failed);
        sweep(*e);
        if (i <= 2)
            QTRY_COMPARE_WITH_TIMEOUT(fired.size(), i, 5000);
    }
    QCOMPARE(fired.size(), 2);
    QCOMPARE(m_hub->triggerCount("acme/flaky"), 2);
    QCOMPARE(fired.last().first().value<TriggerFire>().reason, QStringLiteral("retry"));
    // A recovery ends the streak: the next failure may be retried again.
    failed.status = 10;
    m_hub->addBuild("acme/flaky", failed);
    sweep(*e);
    failed.status = -1;
    m_hub->addBuild("acme/flaky", failed);
    sweep(*e);
    QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 3, 5000);
}

// A trigger URL answering one byte every 300 ms never trips the 1 s inactivity timeout; the
// total deadline (twice the timeout) ends the call and says so.
void TestTriggers::drippingTriggerHitsTheTotalDeadline()
{
    RawReceiver drip(RawReceiver::Drip);
    drip.setDripIntervalMs(300);
    QVERIFY(drip.start());
    TriggerConfig t;
    t.name = "drip";
    t.url = drip.url().toString();
    t.method = "POST";
    t.timeoutMs = 1000;
    QNetworkAccessManager nam;
    TriggerRunner runner(&nam, m_dir->path());
    runner.setTriggers({ t }, {});
    QSignalSpy fired(&runner, &TriggerRunner::fired);
    QElapsedTimer clock;
    clock.start();
    QVERIFY(runner.fire("drip", "manual"));
    QVERIFY(fired.wait(6000));
    const TriggerFire f = fired.first().first().value<TriggerFire>();
    QVERIFY(!f.ok);
    QVERIFY2(f.result.contains("took longer than 2 s"), qPrintable(f.result));
    QVERIFY(clock.elapsed() >= 1900 && clock.elapsed() < 5000);
    drip.stop();
}

void TestTriggers::hugeTriggerAnswersAreNotRead_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<int>("status");
    QTest::newRow("1 GiB with a length, 200") << false << 200;
    QTest::newRow("2 GiB chunked, 202") << true << 202;
    QTest::newRow("2 GiB chunked, 500") << true << 500;
}

// A trigger URL streaming a huge answer: the status counts, the body is not kept, and the
// process does not grow.
void TestTriggers::hugeTriggerAnswersAreNotRead()
{
    QFETCH(bool, chunked);
    QFETCH(int, status);
    RawReceiver huge(chunked ? RawReceiver::HugeChunked : RawReceiver::Huge);
    huge.setHugeBytes(chunked ? qint64(2) << 30 : qint64(1) << 30);
    huge.setStatus(status);
    QVERIFY(huge.start());
    TriggerConfig t;
    t.name = "huge";
    t.url = huge.url().toString();
    t.method = "POST";
    t.timeoutMs = 5000;
    QNetworkAccessManager nam;
    TriggerRunner runner(&nam, m_dir->path());
    runner.setTriggers({ t }, {});
    QSignalSpy fired(&runner, &TriggerRunner::fired);
    const qint64 before = RawReceiver::rssKiB();
    QVERIFY(runner.fire("huge", "manual"));
    QVERIFY(fired.wait(15000));
    const TriggerFire f = fired.first().first().value<TriggerFire>();
    QCOMPARE(f.status, status);
    QCOMPARE(f.ok, status < 300);
    const qint64 grown = RawReceiver::rssKiB() - before;
    qInfo("RSS grew by %lld KiB; the server sent %lld KiB", grown, huge.bytesSent() / 1024);
    QVERIFY2(grown < 50 * 1024, qPrintable(QString::number(grown)));
    QVERIFY(huge.bytesSent() < 64LL * 1024 * 1024);
    huge.stop();
}

QTEST_GUILESS_MAIN(TestTriggers)
#include "tst_triggers.moc"
