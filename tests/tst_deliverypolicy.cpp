#include "config/Config.h"
#include "core/DeliveryPolicy.h"

#include <QTest>

using namespace hubhook;

static HttpResult attempt(int status, QNetworkReply::NetworkError error, qint64 retryAfterMs)
{
    HttpResult r;
    r.status = status;
    r.networkError = error;
    r.rateLimit.retryAfterMs = retryAfterMs;
    return r;
}

class TestDeliveryPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decisions_data();
    void decisions();
    void scheduleWithJitter();
    void givesUpAfterTheSchedule();
};

static const QList<qint64> schedule = Config().deliverySchedule;

void TestDeliveryPolicy::decisions_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("error");
    QTest::addColumn<int>("format");
    QTest::addColumn<qint64>("retryAfterMs");
    QTest::addColumn<int>("outcome");
    QTest::addColumn<qint64>("delayMs"); // with jitter 0.5 (none); -1: don't check
    QTest::addColumn<QString>("reason");

    const int json = int(WebhookFormat::Json), slack = int(WebhookFormat::Slack),
              hub = int(WebhookFormat::DockerHub);
    QTest::newRow("200") << 200 << 0 << json << qint64(-1) << int(DeliveryDecision::Delivered)
                         << qint64(-1) << "HTTP 200";
    QTest::newRow("204 discord-like")
            << 204 << 0 << json << qint64(-1) << int(DeliveryDecision::Delivered) << qint64(-1)
            << "HTTP 204";
    QTest::newRow("301 not followed")
            << 301 << 0 << json << qint64(-1) << int(DeliveryDecision::Retry) << qint64(5000)
            << "redirects are not followed";
    QTest::newRow("302 chat: still retried")
            << 302 << 0 << slack << qint64(-1) << int(DeliveryDecision::Retry) << qint64(5000)
            << "HTTP 302";
    QTest::newRow("410 disables") << 410 << 0 << json << qint64(-1)
                                  << int(DeliveryDecision::DisableTarget) << qint64(-1)
                                  << "410 Gone";
    QTest::newRow("429 Retry-After longer")
            << 429 << 0 << json << qint64(60000) << int(DeliveryDecision::Retry) << qint64(60000)
            << "HTTP 429";
    QTest::newRow("429 Retry-After shorter")
            << 429 << 0 << json << qint64(1000) << int(DeliveryDecision::Retry) << qint64(5000)
            << "HTTP 429";
    QTest::newRow("503 Retry-After")
            << 503 << 0 << slack << qint64(120000) << int(DeliveryDecision::Retry) << qint64(120000)
            << "HTTP 503";
    QTest::newRow("500 ignores Retry-After")
            << 500 << 0 << json << qint64(120000) << int(DeliveryDecision::Retry) << qint64(5000)
            << "HTTP 500";
    QTest::newRow("400 chat permanent")
            << 400 << 0 << slack << qint64(-1) << int(DeliveryDecision::Failed) << qint64(-1)
            << "not retried";
    QTest::newRow("404 chat permanent")
            << 404 << 0 << int(WebhookFormat::Discord) << qint64(-1)
            << int(DeliveryDecision::Failed) << qint64(-1) << "not retried";
    QTest::newRow("400 dockerhub retried")
            << 400 << 0 << hub << qint64(-1) << int(DeliveryDecision::Retry) << qint64(5000)
            << "HTTP 400";
    QTest::newRow("timeout") << 0 << int(QNetworkReply::OperationCanceledError) << json
                             << qint64(-1) << int(DeliveryDecision::Retry) << qint64(5000)
                             << "timed out";
    QTest::newRow("refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << slack
                             << qint64(-1) << int(DeliveryDecision::Retry) << qint64(5000)
                             << "connection refused";
    QTest::newRow("tls") << 0 << int(QNetworkReply::SslHandshakeFailedError) << json << qint64(-1)
                         << int(DeliveryDecision::Retry) << qint64(5000) << "TLS";
}

void TestDeliveryPolicy::decisions()
{
    QFETCH(int, status);
    QFETCH(int, error);
    QFETCH(int, format);
    QFETCH(qint64, retryAfterMs);
    QFETCH(int, outcome);
    QFETCH(qint64, delayMs);
    QFETCH(QString, reason);
    HttpResult r = attempt(status, QNetworkReply::NetworkError(error), retryAfterMs);
    const DeliveryDecision d = decideDelivery(r, WebhookFormat(format), 1, schedule, 0.5);
    QCOMPARE(int(d.outcome), outcome);
    if (delayMs >= 0)
        QCOMPARE(d.delayMs, delayMs);
    QVERIFY2(d.reason.contains(reason), qPrintable(d.reason));
}

void TestDeliveryPolicy::scheduleWithJitter()
{
    const HttpResult r = attempt(500, QNetworkReply::NoError, -1);
    // After attempt n the wait is schedule[n] +-20 %.
    const QList<qint64> expected { 5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000 };
    for (int attempt = 1; attempt <= 7; ++attempt) {
        const qint64 step = expected[attempt - 1];
        QCOMPARE(decideDelivery(r, WebhookFormat::Json, attempt, schedule, 0.0).delayMs,
                 step * 8 / 10);
        QCOMPARE(decideDelivery(r, WebhookFormat::Json, attempt, schedule, 0.5).delayMs, step);
        QVERIFY(decideDelivery(r, WebhookFormat::Json, attempt, schedule, 0.999).delayMs
                <= step * 12 / 10);
    }
}

void TestDeliveryPolicy::givesUpAfterTheSchedule()
{
    const HttpResult r = attempt(503, QNetworkReply::NoError, -1);
    const DeliveryDecision d = decideDelivery(r, WebhookFormat::Json, 8, schedule, 0.5);
    QCOMPARE(d.outcome, DeliveryDecision::Failed);
    QVERIFY(d.reason.contains("gave up after 8 attempts"));
}

QTEST_GUILESS_MAIN(TestDeliveryPolicy)
#include "tst_deliverypolicy.moc"
