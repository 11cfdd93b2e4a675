#include "core/Payloads.h"
#include "core/Signature.h"
#include "providers/dockerhub/DockerHubApi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace hubhook;

// The payloads receivers parse. The `dockerhub` format must match the seed document's
// synthetic on-error webhook field for field, so receivers built for it keep working.
class TestPayloads : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void dockerHubMatchesSeed_data();
    void dockerHubMatchesSeed();
    void dockerHubStatusPerEvent_data();
    void dockerHubStatusPerEvent();
    void standardWebhooksTestVector();
    void badSigningSecret();
    void slack();
    void discord();
    void teams();
    void json();
};

static Event seedEvent(const QByteArray &history, const QString &repository, qint64 detectedAt)
{
    QString error;
    const auto page = dockerhub::parseBuildHistory(history, repository,
                                                   QUrl("https://hub.docker.com"), &error);
    Q_ASSERT(page);
    Event e;
    e.type = EventType::BuildFailed;
    e.build = page->results.first();
    e.occurredAt = QDateTime::fromSecsSinceEpoch(detectedAt, Qt::UTC);
    e.id = eventId("dockerhub", repository, e.build.id, e.type);
    return e;
}

void TestPayloads::dockerHubMatchesSeed_data()
{
    QTest::addColumn<QByteArray>("history");
    QTest::addColumn<QString>("repository");
    QTest::addColumn<qint64>("detectedAt");
    QTest::addColumn<QByteArray>("expected");
    // shared/seeds/001: "Webhook Payload on-error".
    QTest::newRow("seed on-error") << QByteArray(R"({"results": [{"id": 23028946, "status": -1,
        "created_date": "2018-04-24T13:34:33.654759Z", "last_updated": "2018-04-24T13:36:39.537606Z",
        "build_code": "beedjaiuvjxk5m37uxjorja", "dockertag_name": "latest", "cause": "TRIGGERED_VIA_API"}]})")
                                   << "axibase/atsd" << qint64(1524632779) << QByteArray(R"({
  "push_data": {"pushed_at": 1524632779, "images": [], "tag": "latest", "pusher": "axibase"},
  "repository": {"status": "Failed", "repo_url": "https://hub.docker.com/r/axibase/atsd", "owner": "axibase",
    "name": "atsd", "namespace": "axibase", "repo_name": "axibase/atsd"},
  "build_history": {"id" : 23028946, "status" : -1, "created_date" : "2018-04-24T13:34:33.654759Z",
    "last_updated" : "2018-04-24T13:36:39.537606Z", "build_code" : "beedjaiuvjxk5m37uxjorja",
    "dockertag_name" : "latest", "cause" : "TRIGGERED_VIA_API"}})");
    // shared/seeds/001: the Troubleshooting example (the payload a receiver gets for
    // test/my-image).
    QTest::newRow("seed troubleshooting")
            << QByteArray(R"({"results": [{"id": 23028946, "status": -1,
        "created_date": "2018-04-24T13:34:33.654759Z", "last_updated": "2018-04-24T13:36:39.537606Z",
        "build_code": "abc", "dockertag_name": "latest", "cause": "TRIGGERED_VIA_API"}]})")
            << "test/my-image" << qint64(1524741369) << QByteArray(R"({
  "build_history": {"id": 23028946, "status": -1, "created_date": "2018-04-24T13:34:33.654759Z",
    "last_updated": "2018-04-24T13:36:39.537606Z", "build_code": "abc", "dockertag_name": "latest",
    "cause": "TRIGGERED_VIA_API"},
  "push_data": {"pushed_at": 1524741369, "images": [], "tag": "latest", "pusher": "test"},
  "repository": {"status": "Failed", "repo_url": "https://hub.docker.com/r/test/my-image", "owner": "test",
    "name": "my-image", "namespace": "test", "repo_name": "test/my-image"}})");
    QTest::newRow("null cause stays null") << QByteArray(R"({"results": [{"id": 5, "status": -2,
        "created_date": "2026-01-01T00:00:00.000001Z", "last_updated": "2026-01-01T00:01:00Z",
        "build_code": "x", "dockertag_name": "v1", "cause": null}]})")
                                           << "a/b" << qint64(1767225700) << QByteArray(R"({
  "push_data": {"pushed_at": 1767225700, "images": [], "tag": "v1", "pusher": "a"},
  "repository": {"status": "Failed", "repo_url": "https://hub.docker.com/r/a/b", "owner": "a", "name": "b",
    "namespace": "a", "repo_name": "a/b"},
  "build_history": {"id": 5, "status": -2, "created_date": "2026-01-01T00:00:00.000001Z",
    "last_updated": "2026-01-01T00:01:00Z", "build_code": "x", "dockertag_name": "v1", "cause": null}})");
}

void TestPayloads::dockerHubMatchesSeed()
{
    QFETCH(QByteArray, history);
    QFETCH(QString, repository);
    QFETCH(qint64, detectedAt);
    QFETCH(QByteArray, expected);
    const QByteArray body
            = renderPayload(WebhookFormat::DockerHub, seedEvent(history, repository, detectedAt));
    QJsonParseError pe;
    const QJsonObject want = QJsonDocument::fromJson(expected, &pe).object();
    QCOMPARE(pe.error, QJsonParseError::NoError);
    const QJsonObject got = QJsonDocument::fromJson(body).object();
    // Field for field: same keys, same values, same JSON types (pushed_at an integer, ...).
    QCOMPARE(got, want);
    QVERIFY(!body.contains(".0,")); // integers are written as integers
}

void TestPayloads::dockerHubStatusPerEvent_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<QString>("status");
    QTest::newRow("failed") << int(EventType::BuildFailed) << "Failed";
    QTest::newRow("stuck") << int(EventType::BuildStuck) << "Queued";
    QTest::newRow("recovered") << int(EventType::BuildRecovered) << "Recovered";
    QTest::newRow("cancelled") << int(EventType::BuildCancelled) << "Cancelled";
}

void TestPayloads::dockerHubStatusPerEvent()
{
    QFETCH(int, type);
    QFETCH(QString, status);
    Event e = sampleEvent(QDateTime::currentDateTimeUtc());
    e.type = EventType(type);
    const QJsonObject o
            = QJsonDocument::fromJson(renderPayload(WebhookFormat::DockerHub, e)).object();
    QCOMPARE(o["repository"].toObject()["status"].toString(), status);
    QCOMPARE(o["build_history"].toObject()["status"].toInt(), -1);
}

void TestPayloads::standardWebhooksTestVector()
{
    // shared/reference/wire-formats.md, Standard Webhooks.
    QString error;
    QCOMPARE(standardWebhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                      "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                                      R"({"test": 2432232314})", &error),
             QStringLiteral("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    QVERIFY(error.isEmpty());
    // Any change to id, timestamp or body changes the signature.
    QVERIFY(standardWebhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                                     "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265331,
                                     R"({"test": 2432232314})", &error)
            != QStringLiteral("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
}

void TestPayloads::badSigningSecret()
{
    QString error;
    QCOMPARE(standardWebhookSignature("whsec_not base64!!", "id", 1, "{}", &error), QString());
    QVERIFY(error.contains("whsec_"));
}

static Event failing()
{
    Event e = sampleEvent(QDateTime(QDate(2026, 5, 1), QTime(10, 0), Qt::UTC));
    e.build.repository = "acme/api<&>";
    return e;
}

void TestPayloads::slack()
{
    const QJsonObject o
            = QJsonDocument::fromJson(renderPayload(WebhookFormat::Slack, failing())).object();
    QVERIFY(o["text"].toString().contains("build failed"));
    QVERIFY(o["text"].toString().contains("https://hub.docker.com/"));
    const QJsonArray blocks = o["blocks"].toArray();
    QVERIFY(blocks.size() >= 2);
    const QString headline = blocks[0].toObject()["text"].toObject()["text"].toString();
    QVERIFY2(headline.contains("*Build failed*")
                     && headline.contains("|acme/api&lt;&amp;&gt;:latest>"),
             qPrintable(headline));
    const QJsonArray fields = blocks[1].toObject()["fields"].toArray();
    QVERIFY(!fields.isEmpty() && fields.size() <= 10);
    QVERIFY(QJsonDocument(fields).toJson().contains("Since"));
}

void TestPayloads::discord()
{
    Event e = failing();
    e.detail = QString(5000, 'x');
    e.type = EventType::TriggerFailed;
    e.trigger = "nightly";
    const QJsonObject o
            = QJsonDocument::fromJson(renderPayload(WebhookFormat::Discord, e)).object();
    QVERIFY(o["content"].toString().size() <= 2000);
    const QJsonArray embeds = o["embeds"].toArray();
    QCOMPARE(embeds.size(), 1);
    const QJsonObject embed = embeds[0].toObject();
    QVERIFY(embed["title"].toString().size() <= 256);
    QVERIFY(embed["description"].toString().size() <= 4096);
    for (const QJsonValue &f : embed["fields"].toArray())
        QVERIFY(f.toObject()["value"].toString().size() <= 1024);
    QCOMPARE(embed["url"].toString(), e.build.url);
}

void TestPayloads::teams()
{
    const QJsonObject o
            = QJsonDocument::fromJson(renderPayload(WebhookFormat::Teams, failing())).object();
    QCOMPARE(o["type"].toString(), QStringLiteral("message"));
    const QJsonObject attachment = o["attachments"].toArray()[0].toObject();
    QCOMPARE(attachment["contentType"].toString(),
             QStringLiteral("application/vnd.microsoft.card.adaptive"));
    QVERIFY(attachment["contentUrl"].isNull());
    const QJsonObject card = attachment["content"].toObject();
    QCOMPARE(card["type"].toString(), QStringLiteral("AdaptiveCard"));
    QCOMPARE(card["version"].toString(), QStringLiteral("1.0"));
    QCOMPARE(card["$schema"].toString(),
             QStringLiteral("http://adaptivecards.io/schemas/adaptive-card.json"));
    const QJsonObject first = card["body"].toArray()[0].toObject();
    QCOMPARE(first["type"].toString(), QStringLiteral("TextBlock"));
    QVERIFY(first["wrap"].toBool());
}

void TestPayloads::json()
{
    Event e = failing();
    e.type = EventType::BuildRecovered;
    e.previous = e.build;
    e.previous.id = 99;
    const QJsonObject o = QJsonDocument::fromJson(renderPayload(WebhookFormat::Json, e)).object();
    QCOMPARE(o["type"].toString(), QStringLiteral("build.recovered"));
    QCOMPARE(o["id"].toString(), e.id);
    QCOMPARE(o["build"].toObject()["status"].toString(), QStringLiteral("failed"));
    QCOMPARE(o["previous_build"].toObject()["build_id"].toInt(), 99);
    QVERIFY(o.contains("hubhook_version"));
    const auto back = Event::fromJson(o);
    QVERIFY(back);
    QCOMPARE(back->id, e.id);
    QCOMPARE(back->type, e.type);
    QCOMPARE(back->build, e.build);
    QCOMPARE(back->previous.id, 99);
}

QTEST_GUILESS_MAIN(TestPayloads)
#include "tst_payloads.moc"
