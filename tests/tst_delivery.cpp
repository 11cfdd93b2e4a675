#include "core/Payloads.h"
#include "core/Signature.h"
#include "engine/Deliverer.h"
#include "tests/soak/RawReceiver.h"
#include "tests/support/SimFixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;
using namespace simfixture;

// Webhook forwarding end to end: the engine detects against the simulated hub and delivers to
// the receiver inside it, over real loopback HTTP (and HTTPS).
class TestDelivery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void queuedThenFailedGivesOneSeedPayload();
    void stuckFailedRecoveredAndNothingAfterRestart();
    void signedWithBasicAuthAndHeaders();
    void receiverAnswers_data();
    void receiverAnswers();
    void timeoutIsRetried();
    void oversizedAnswersAreNotRead();
    void tlsVerifiedUnlessInsecure();
    void failedDeliveryCanBeRedelivered();
    void slowReceiverDelaysOnlyItsOwnLane();
    void drippingAnswerHitsTheTotalDeadline();
    void hugeAnswersNeverGrowMemory_data();
    void hugeAnswersNeverGrowMemory();
    void goneCancelsQueuedDeliveries();
    void unreadableDisabledListHoldsDeliveries();
    void attemptMarkedInFlightIsRetriedAfterAKill();

private:
    WebhookConfig target(const QString &name,
                         WebhookFormat format = WebhookFormat::DockerHub) const;
    // A Deliverer over a fresh outbox, with a fast retry schedule.
    Deliverer *deliverer(const QList<WebhookConfig> &targets,
                         const QHash<QString, QString> &secrets = {});
    std::unique_ptr<SimulatedHub> m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<Deliverer> m_deliverer;
};

static const QList<qint64> fastSchedule { 0, 300, 300, 300 };

void TestDelivery::init()
{
    m_hub = std::make_unique<SimulatedHub>();
    QVERIFY(m_hub->listen(0));
    m_dir = std::make_unique<QTemporaryDir>();
    m_secrets = std::make_unique<MemorySecretStore>();
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void TestDelivery::cleanup()
{
    m_deliverer.reset();
    m_outbox.reset();
    m_nam.reset();
    m_hub.reset();
    m_dir.reset();
}

WebhookConfig TestDelivery::target(const QString &name, WebhookFormat format) const
{
    WebhookConfig w;
    w.name = name;
    w.url = m_hub->hookUrl(name).toString();
    w.format = format;
    w.timeoutMs = 2000;
    return w;
}

Deliverer *TestDelivery::deliverer(const QList<WebhookConfig> &targets,
                                   const QHash<QString, QString> &secrets)
{
    m_outbox = std::make_unique<Outbox>(m_dir->path());
    m_deliverer = std::make_unique<Deliverer>(m_nam.get(), m_outbox.get());
    m_deliverer->setTargets(targets, secrets, fastSchedule);
    m_deliverer->start();
    return m_deliverer.get();
}

void TestDelivery::queuedThenFailedGivesOneSeedPayload()
{
    m_hub->addRepository("axibase", "atsd");
    SimBuild queued;
    queued.status = 0;
    queued.buildCode = "beedjaiuvjxk5m37uxjorja";
    queued.cause = "TRIGGERED_VIA_API";
    const qint64 id = m_hub->addBuild("axibase/atsd", queued);
    Config config = configFor(m_hub->baseUrl(), { namespaceWatch("axibase") });
    config.webhooks = { target("ops") };
    Engine engine(m_secrets.get());
    engine.setStateDir(m_dir->path());
    engine.applyConfig(config);
    QSignalSpy events(&engine, &Engine::eventRaised);
    sweep(engine);
    QCOMPARE(events.size(), 0); // queued for seconds: nothing to say

    QVERIFY(m_hub->setBuildStatus("axibase/atsd", id, -1));
    sweep(engine);
    QCOMPARE(events.size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->webhookCount("ops"), 1, 10000);
    const SimWebhook hook = m_hub->webhooks("ops").first();
    const QJsonObject o = QJsonDocument::fromJson(hook.body).object();
    // The seed's on-error shape, key for key.
    QCOMPARE(o.keys(), QStringList({ "build_history", "push_data", "repository" }));
    QCOMPARE(o["push_data"].toObject().keys(),
             QStringList({ "images", "pushed_at", "pusher", "tag" }));
    QCOMPARE(o["repository"].toObject().keys(),
             QStringList({ "name", "namespace", "owner", "repo_name", "repo_url", "status" }));
    QCOMPARE(o["build_history"].toObject().keys(),
             QStringList({ "build_code", "cause", "created_date", "dockertag_name", "id",
                           "last_updated", "status" }));
    QCOMPARE(o["repository"].toObject()["status"].toString(), QStringLiteral("Failed"));
    QCOMPARE(o["repository"].toObject()["repo_name"].toString(), QStringLiteral("axibase/atsd"));
    QCOMPARE(o["build_history"].toObject()["id"].toInteger(), id);
    QCOMPARE(o["build_history"].toObject()["status"].toInt(), -1);
    QCOMPARE(o["build_history"].toObject()["build_code"].toString(),
             QStringLiteral("beedjaiuvjxk5m37uxjorja"));
    QCOMPARE(o["push_data"].toObject()["pusher"].toString(), QStringLiteral("axibase"));
    QCOMPARE(hook.headers.value("webhook-id"),
             eventId("dockerhub", "axibase/atsd", id, EventType::BuildFailed));
    QCOMPARE(hook.headers.value("content-type"), QStringLiteral("application/json"));
    QVERIFY(qAbs(hook.headers.value("webhook-timestamp").toLongLong()
                 - QDateTime::currentSecsSinceEpoch())
            < 60);

    // Nothing more on the next sweeps.
    sweep(engine);
    QTRY_VERIFY_WITH_TIMEOUT(engine.deliverer()->isIdle(), 10000);
    QCOMPARE(m_hub->webhookCount("ops"), 1);
    QVERIFY(engine.outbox()->pending().isEmpty());
}

void TestDelivery::stuckFailedRecoveredAndNothingAfterRestart()
{
    m_hub->addRepository("acme", "api");
    SimBuild queued;
    queued.status = 0;
    queued.created = QDateTime::currentDateTimeUtc().addSecs(-5);
    const qint64 id = m_hub->addBuild("acme/api", queued);
    Config config = configFor(m_hub->baseUrl(), { repositoryWatch("acme/api") });
    config.queuedAlertAfterMs = 2000;
    config.webhooks = { target("ops") };
    auto status = [&](int i) {
        return QJsonDocument::fromJson(m_hub->webhooks("ops").at(i).body)
                .object()["repository"]
                .toObject()["status"]
                .toString();
    };
    {
        Engine engine(m_secrets.get());
        engine.setStateDir(m_dir->path());
        engine.applyConfig(config);
        sweep(engine);
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->webhookCount("ops"), 1, 10000);
        QCOMPARE(status(0), QStringLiteral("Queued"));

        QVERIFY(m_hub->setBuildStatus("acme/api", id, -1));
        sweep(engine);
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->webhookCount("ops"), 2, 10000);
        QCOMPARE(status(1), QStringLiteral("Failed"));

        SimBuild ok;
        ok.status = 10;
        m_hub->addBuild("acme/api", ok);
        sweep(engine);
        QTRY_COMPARE_WITH_TIMEOUT(m_hub->webhookCount("ops"), 3, 10000);
        QCOMPARE(status(2), QStringLiteral("Recovered"));
        // The receiver has it; wait until Hubhook has its answer too. An engine stopped in
        // between retries the delivery on the next start (at least once, same webhook-id),
        // which is not what this test is about.
        QTRY_VERIFY_WITH_TIMEOUT(engine.deliverer()->isIdle(), 10000);
    }
    // A restart re-sends none of them, even with the history re-read from scratch.
    QFile::remove(m_dir->filePath("state.json"));
    Engine restarted(m_secrets.get());
    restarted.setStateDir(m_dir->path());
    restarted.applyConfig(config);
    QSignalSpy events(&restarted, &Engine::eventRaised);
    sweep(restarted);
    QTRY_VERIFY_WITH_TIMEOUT(restarted.deliverer()->isIdle(), 10000);
    QCOMPARE(events.size(), 0);
    QCOMPARE(m_hub->webhookCount("ops"), 3);
}

void TestDelivery::signedWithBasicAuthAndHeaders()
{
    WebhookConfig t = target("signed", WebhookFormat::Json);
    QUrl url(t.url);
    url.setUserName("hookuser");
    url.setPassword("hook-password-canary");
    t.urlSecret = "ops-url";
    t.url.clear();
    t.signSecret = "ops-sign";
    t.headers = { { "X-Team", "platform" }, { "X-Token", "secret:ops-header" } };
    const QString key = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    deliverer({ t },
              { { "ops-url", url.toString() },
                { "ops-sign", key },
                { "ops-header", "header-secret" } });
    const Event e = sampleEvent(QDateTime::currentDateTimeUtc());
    QCOMPARE(m_deliverer->enqueue(e), 1);
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->webhookCount("signed"), 1, 10000);
    const SimWebhook hook = m_hub->webhooks("signed").first();
    QCOMPARE(hook.headers.value("authorization"),
             QStringLiteral("Basic ")
                     + QString::fromLatin1(QByteArray("hookuser:hook-password-canary").toBase64()));
    QCOMPARE(hook.headers.value("x-team"), QStringLiteral("platform"));
    QCOMPARE(hook.headers.value("x-token"), QStringLiteral("header-secret"));
    QString error;
    const QString expected = standardWebhookSignature(
            key, hook.headers.value("webhook-id"),
            hook.headers.value("webhook-timestamp").toLongLong(), hook.body, &error);
    QCOMPARE(hook.headers.value("webhook-signature"), expected);
    QCOMPARE(hook.headers.value("webhook-id"), e.id);
}

void TestDelivery::receiverAnswers_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("format");
    QTest::addColumn<int>("attemptsBeforeSuccess"); // -1: never succeeds
    QTest::addColumn<QString>("finalState");
    QTest::addColumn<QString>("reason");
    QTest::newRow("301 is a failure, not followed")
            << 301 << int(WebhookFormat::Json) << -1 << "failed"
            << "redirects are not followed";
    QTest::newRow("410 disables the target") << 410 << int(WebhookFormat::Json) << -1 << "failed"
                                             << "410 Gone";
    QTest::newRow("400 from Slack is permanent")
            << 400 << int(WebhookFormat::Slack) << -1 << "failed"
            << "not retried";
    QTest::newRow("500 then fine") << 500 << int(WebhookFormat::Json) << 2 << "delivered"
                                   << "";
    QTest::newRow("429 Retry-After then fine")
            << 429 << int(WebhookFormat::Discord) << 1 << "delivered"
            << "";
}

void TestDelivery::receiverAnswers()
{
    QFETCH(int, status);
    QFETCH(int, format);
    QFETCH(int, attemptsBeforeSuccess);
    QFETCH(QString, finalState);
    QFETCH(QString, reason);
    QHash<QByteArray, QByteArray> headers;
    if (status == 301)
        headers.insert("Location", m_hub->hookUrl("elsewhere").toString().toUtf8());
    if (status == 429)
        headers.insert("Retry-After", "1");
    m_hub->setHookResponse("ops", status, R"({"error": "nope"})", headers);
    if (attemptsBeforeSuccess > 0) {
        // Answer `status` that many times, then 200.
        connect(m_hub.get(), &SimulatedHub::webhookReceived, this,
                [this, attemptsBeforeSuccess](const SimWebhook &) {
                    if (m_hub->webhookCount("ops") >= attemptsBeforeSuccess)
                        m_hub->clearHookResponse("ops");
                });
    }
    Deliverer *d = deliverer({ target("ops", WebhookFormat(format)) });
    QSignalSpy finished(d, &Deliverer::deliveryFinished);
    QSignalSpy disabled(d, &Deliverer::targetDisabled);
    const QDateTime start = QDateTime::currentDateTimeUtc();
    d->enqueue(sampleEvent(start));
    QVERIFY(finished.wait(15000));
    const Delivery result = finished.first().first().value<Delivery>();
    QCOMPARE(result.stateName(), finalState);
    QVERIFY2(result.lastError.contains(reason), qPrintable(result.lastError));
    QCOMPARE(m_hub->webhookCount("elsewhere"), 0);
    if (status == 410) {
        QCOMPARE(disabled.size(), 1);
        QCOMPARE(m_hub->webhookCount("ops"), 1);
        QVERIFY(m_outbox->disabledTargets().contains("ops"));
        // Later events for a disabled target are kept as failed, not sent, not lost.
        Event later = sampleEvent(start.addSecs(1));
        QCOMPARE(d->enqueue(later), 1);
        QCOMPARE(m_outbox->pending().size(), 2);
        QCOMPARE(m_hub->webhookCount("ops"), 1);
    } else if (finalState == "failed" && status != 301) {
        QCOMPARE(m_hub->webhookCount("ops"), 1); // permanent: one attempt only
    } else if (status == 301) {
        QCOMPARE(m_hub->webhookCount("ops"), fastSchedule.size()); // retried, then given up
    } else {
        QCOMPARE(m_hub->webhookCount("ops"), attemptsBeforeSuccess + 1);
        QVERIFY(m_outbox->pending().isEmpty());
        if (status == 429) // the receiver's Retry-After, not the 300 ms schedule
            QVERIFY(start.msecsTo(QDateTime::currentDateTimeUtc()) >= 900);
    }
}

void TestDelivery::timeoutIsRetried()
{
    SimFault hang;
    hang.pathContains = "/hooks/slow";
    hang.kind = SimFaultKind::Hang;
    hang.times = 1;
    m_hub->addFault(hang);
    WebhookConfig t = target("slow");
    t.timeoutMs = 400;
    Deliverer *d = deliverer({ t });
    QSignalSpy finished(d, &Deliverer::deliveryFinished);
    d->enqueue(sampleEvent(QDateTime::currentDateTimeUtc()));
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.first().first().value<Delivery>().stateName(), QStringLiteral("delivered"));
    QCOMPARE(finished.first().first().value<Delivery>().attempts, 2);
    QCOMPARE(m_hub->webhookCount("slow"), 2);
}

// A receiver's answer is read up to 64 KiB: a 2xx with a larger body is delivered (the status is
// what counts) and a 5xx with one is retried, without the process holding the body.
void TestDelivery::oversizedAnswersAreNotRead()
{
    const QByteArray big(2 * 1024 * 1024, 'x');
    m_hub->setHookResponse("chatty", 200, big, { { "Content-Type", "text/plain" } });
    m_hub->setHookResponse("failing", 503, big, { { "Content-Type", "text/plain" } });
    Deliverer *d = deliverer({ target("chatty"), target("failing") });
    QSignalSpy finished(d, &Deliverer::deliveryFinished);
    d->enqueue(sampleEvent(QDateTime::currentDateTimeUtc()));
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 30000);
    QHash<QString, Delivery> byTarget;
    for (const QList<QVariant> &args : std::as_const(finished)) {
        const Delivery delivery = args.first().value<Delivery>();
        byTarget.insert(delivery.target, delivery);
    }
    QCOMPARE(byTarget.value("chatty").stateName(), QStringLiteral("delivered"));
    QCOMPARE(byTarget.value("chatty").attempts, 1);
    QCOMPARE(byTarget.value("failing").stateName(), QStringLiteral("failed"));
    QVERIFY(byTarget.value("failing").attempts > 1);
}

void TestDelivery::tlsVerifiedUnlessInsecure()
{
    SimulatedHub tls;
    QString error;
    if (!tls.enableTls(&error))
        QFAIL(qPrintable(error));
    QVERIFY(tls.listen(0));
    QCOMPARE(tls.baseUrl().scheme(), QStringLiteral("https"));
    WebhookConfig strict;
    strict.name = "strict";
    strict.url = tls.hookUrl("strict").toString();
    WebhookConfig insecure = strict;
    insecure.name = "insecure";
    insecure.url = tls.hookUrl("insecure").toString();
    insecure.insecureTls = true;
    Deliverer *d = deliverer({ strict, insecure });
    QSignalSpy finished(d, &Deliverer::deliveryFinished);
    d->enqueue(sampleEvent(QDateTime::currentDateTimeUtc()));
    QTRY_COMPARE_WITH_TIMEOUT(tls.webhookCount("insecure"), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_outbox->pending().isEmpty()
                                     && m_outbox->pending().first().attempts >= 1
                                     && !m_outbox->pending().first().lastError.isEmpty(),
                             10000);
    const Delivery refused = m_outbox->pending().first();
    QCOMPARE(refused.target, QStringLiteral("strict"));
    QVERIFY2(refused.lastError.contains("TLS"), qPrintable(refused.lastError));
    QCOMPARE(tls.webhookCount("strict"), 0);
}

void TestDelivery::failedDeliveryCanBeRedelivered()
{
    m_hub->setHookResponse("ops", 503);
    Deliverer *d = deliverer({ target("ops") });
    QSignalSpy finished(d, &Deliverer::deliveryFinished);
    d->enqueue(sampleEvent(QDateTime::currentDateTimeUtc()));
    QVERIFY(finished.wait(15000));
    Delivery failed = finished.takeFirst().first().value<Delivery>();
    QCOMPARE(failed.stateName(), QStringLiteral("failed"));
    QCOMPARE(failed.attempts, fastSchedule.size());
    QVERIFY(failed.lastError.contains("gave up after 4 attempts"));
    QCOMPARE(m_outbox->pending().size(), 1); // kept, not dropped

    m_hub->clearHookResponse("ops");
    d->redeliver(m_outbox->pending());
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.first().first().value<Delivery>().stateName(), QStringLiteral("delivered"));
    QVERIFY(m_outbox->pending().isEmpty());
    // The same webhook-id every time: the receiver can tell it is one message.
    QSet<QString> ids;
    for (const SimWebhook &h : m_hub->webhooks("ops"))
        ids.insert(h.headers.value("webhook-id"));
    QCOMPARE(ids.size(), 1);
}

static QList<Event> events(int n)
{
    QList<Event> out;
    const QDateTime base = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < n; ++i)
        out.append(sampleEvent(base.addMSecs(i)));
    return out;
}

// A receiver answering one byte every 5 s holds its own lane only: the healthy target beside it
// gets all of 20 events within a few seconds.
void TestDelivery::slowReceiverDelaysOnlyItsOwnLane()
{
    RawReceiver drip(RawReceiver::Drip);
    drip.setDripIntervalMs(5000);
    QVERIFY(drip.start());
    WebhookConfig slow = target("slow");
    slow.url = drip.url().toString();
    slow.timeoutMs = 15000;
    Deliverer *d = deliverer({ slow, target("healthy") });
    for (const Event &e : events(20))
        QCOMPARE(d->enqueue(e), 2);
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->webhookCount("healthy"), 20, 5000);
    QVERIFY(d->inFlight("slow") <= Deliverer::kMaxInFlightPerTarget);
    QCOMPARE(drip.requests(), Deliverer::kMaxInFlightPerTarget);
    m_deliverer.reset();
    drip.stop();
}

// The transfer timeout only measures silence: a byte every 300 ms keeps it quiet for ever. The
// total deadline (twice the timeout by default) ends the attempt and says so.
void TestDelivery::drippingAnswerHitsTheTotalDeadline()
{
    RawReceiver drip(RawReceiver::Drip);
    drip.setDripIntervalMs(300);
    QVERIFY(drip.start());
    WebhookConfig slow = target("slow");
    slow.url = drip.url().toString();
    slow.timeoutMs = 1000;
    QCOMPARE(webhookRequest(resolveWebhookTarget(slow, {}), "x", "{}").effectiveDeadlineMs(), 2000);
    Deliverer *d = deliverer({ slow });
    QElapsedTimer clock;
    clock.start();
    d->enqueue(sampleEvent(QDateTime::currentDateTimeUtc()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_outbox->pending().isEmpty()
                                     && !m_outbox->pending().first().lastError.isEmpty(),
                             6000);
    const Delivery first = m_outbox->pending().first();
    QVERIFY2(first.lastError.contains("took longer than 2 s"), qPrintable(first.lastError));
    QCOMPARE(first.lastStatus, 0);
    QVERIFY(clock.elapsed() >= 1900);
    m_deliverer.reset();
    drip.stop();
}

void TestDelivery::hugeAnswersNeverGrowMemory_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<int>("status");
    QTest::newRow("1 GiB with a length, 200") << false << (qint64(1) << 30) << 200;
    QTest::newRow("2 GiB chunked, 200") << true << (qint64(2) << 30) << 200;
    QTest::newRow("2 GiB chunked, 503") << true << (qint64(2) << 30) << 503;
}

// Whatever a receiver streams back, at most the bound (64 KiB) is read: the process does not
// grow, and the status counts (a 2xx is delivered at the first attempt, a 503 retried).
void TestDelivery::hugeAnswersNeverGrowMemory()
{
    QFETCH(bool, chunked);
    QFETCH(qint64, bytes);
    QFETCH(int, status);
    RawReceiver huge(chunked ? RawReceiver::HugeChunked : RawReceiver::Huge);
    huge.setHugeBytes(bytes);
    huge.setStatus(status);
    QVERIFY(huge.start());
    WebhookConfig t = target("huge");
    t.url = huge.url().toString();
    Deliverer *d = deliverer({ t });
    QSignalSpy finished(d, &Deliverer::deliveryFinished);
    const qint64 before = RawReceiver::rssKiB();
    d->enqueue(sampleEvent(QDateTime::currentDateTimeUtc()));
    if (status == 200) {
        QVERIFY(finished.wait(20000));
        const Delivery done = finished.first().first().value<Delivery>();
        QCOMPARE(done.stateName(), QStringLiteral("delivered"));
        QCOMPARE(done.attempts, 1);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(!m_outbox->pending().isEmpty()
                                         && m_outbox->pending().first().lastStatus == 503,
                                 20000);
    }
    const qint64 grown = RawReceiver::rssKiB() - before;
    qInfo("RSS grew by %lld KiB; the receiver sent %lld KiB", grown, huge.bytesSent() / 1024);
    QVERIFY2(grown < 50 * 1024, qPrintable(QString::number(grown)));
    QVERIFY(huge.bytesSent() < 64LL * 1024 * 1024); // aborted early, not read to the end
    m_deliverer.reset();
    huge.stop();
}

// A 410 disables the target and fails its queued deliveries before they are sent: only those
// already on the wire (one lane) reach the receiver.
void TestDelivery::goneCancelsQueuedDeliveries()
{
    m_hub->setHookResponse("gone", 410);
    Deliverer *d = deliverer({ target("gone") });
    QSignalSpy finished(d, &Deliverer::deliveryFinished);
    for (const Event &e : events(6))
        d->enqueue(e);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 6, 10000);
    QVERIFY(m_hub->webhookCount("gone") <= Deliverer::kMaxInFlightPerTarget);
    int notSent = 0;
    for (const QList<QVariant> &args : std::as_const(finished)) {
        const Delivery x = args.first().value<Delivery>();
        QCOMPARE(x.stateName(), QStringLiteral("failed"));
        if (x.attempts == 0) {
            ++notSent;
            QVERIFY2(x.lastError.contains("target disabled"), qPrintable(x.lastError));
        }
    }
    QCOMPARE(notSent, 6 - m_hub->webhookCount("gone"));
    // Listed (kept as failed), not dropped.
    QCOMPARE(m_outbox->pending().size(), 6);
    QTRY_VERIFY_WITH_TIMEOUT(d->isIdle(), 5000);
    QVERIFY(m_hub->webhookCount("gone") <= Deliverer::kMaxInFlightPerTarget);
}

// A damaged list of disabled targets does not silently re-enable one a 410 disabled: nothing is
// sent until it is fixed, and the warning names the file.
void TestDelivery::unreadableDisabledListHoldsDeliveries()
{
    Outbox(m_dir->path()).setTargetDisabled("ops", "HTTP 410 Gone");
    QFile garbage(m_dir->filePath("outbox/disabled-targets"));
    QVERIFY(garbage.open(QIODevice::WriteOnly | QIODevice::Truncate));
    garbage.write("{\"ops\": \"HTTP 4");
    garbage.close();
    Deliverer *d = deliverer({ target("ops") });
    QCOMPARE(d->enqueue(sampleEvent(QDateTime::currentDateTimeUtc())), 1);
    QVERIFY(d->isIdle());
    QTest::qWait(300); // nothing may happen: a short look is enough to see a request go out
    QCOMPARE(m_hub->webhookCount("ops"), 0);
    QVERIFY(!m_outbox->warnings().isEmpty());
    QVERIFY(m_outbox->warnings().first().contains(garbage.fileName()));
    QCOMPARE(m_outbox->pending().size(), 1);
    QCOMPARE(m_outbox->pending().first().state, Delivery::Pending); // held, not lost
    // Fixed (here: removed), the held delivery goes out.
    QVERIFY(QFile::remove(garbage.fileName()));
    d->start();
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->webhookCount("ops"), 1, 5000);
}

// A record marked in flight by a process that was killed (its lock is stale) is retried as soon
// as the next run starts, with the same webhook-id, and its stale lock file is gone.
void TestDelivery::attemptMarkedInFlightIsRetriedAfterAKill()
{
    QProcess dead;
    dead.start("true");
    QVERIFY(dead.waitForStarted());
    const qint64 deadPid = dead.processId();
    QVERIFY(dead.waitForFinished());
    Delivery x;
    x.id = "msg_killed";
    x.target = "ops";
    x.eventType = "build.failed";
    x.body = "{}";
    x.created = QDateTime::currentDateTimeUtc().addSecs(-10);
    x.attempts = 1;
    x.lastAttempt = x.created;
    x.sendingSince = x.created;
    x.nextAttempt = QDateTime::currentDateTimeUtc().addSecs(3600); // the old crash guard
    {
        Outbox o(m_dir->path());
        QString error;
        QVERIFY(o.add(x, &error));
        QFile lock(o.lockFilePath(x));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(deadPid) + "\nhubhook\n"
                   + QSysInfo::machineHostName().toUtf8() + "\n");
    }
    QVERIFY(QFile::exists(m_dir->filePath("outbox/" + x.key() + ".lock")));
    {
        Outbox reopened(m_dir->path());
        QVERIFY(!QFile::exists(reopened.lockFilePath(x))); // removed on open: its owner is dead
    }
    Deliverer *d = deliverer({ target("ops") });
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->webhookCount("ops"), 1, 5000);
    QCOMPARE(m_hub->webhooks("ops").first().headers.value("webhook-id"),
             QStringLiteral("msg_killed"));
    QTRY_VERIFY_WITH_TIMEOUT(m_outbox->pending().isEmpty(), 5000);
    QCOMPARE(m_outbox->delivered().first().attempts, 2);
    QVERIFY(QDir(m_dir->filePath("outbox")).entryList({ "*.lock" }, QDir::Files).isEmpty());
    Q_UNUSED(d);
}

QTEST_GUILESS_MAIN(TestDelivery)
#include "tst_delivery.moc"
