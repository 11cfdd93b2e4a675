// Tests of the simulated Docker Hub, spoken to over real HTTP with QNetworkAccessManager.
#include "simulator/SimulatedHub.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslError>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

namespace {

struct Reply
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    QJsonDocument json;
    QJsonParseError parseError {};
    QHash<QByteArray, QByteArray> headers; // lower-case names
    qint64 elapsedMs = 0;

    QJsonObject object() const { return json.object(); }
    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
};

QUrl urlFor(const SimulatedHub &hub, const QString &path, const QString &query = {})
{
    QUrl url = hub.baseUrl();
    url.setPath(path);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QNetworkReply *start(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
                     const QByteArray &body = {}, const QByteArray &authorization = {},
                     int transferTimeoutMs = 10000)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(transferTimeoutMs);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    if (method == "GET")
        return nam.get(request);
    if (method == "POST")
        return nam.post(request, body);
    return nam.sendCustomRequest(request, method, body);
}

Reply finish(QNetworkReply *reply, const QElapsedTimer &timer)
{
    std::unique_ptr<QNetworkReply> owner(reply);
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(15000))
            qWarning("request did not finish within 15 s");
    }
    Reply out;
    out.elapsedMs = timer.elapsed();
    out.error = reply->error();
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->isOpen())
        out.body = reply->readAll();
    out.json = QJsonDocument::fromJson(out.body, &out.parseError);
    for (const auto &pair : reply->rawHeaderPairs())
        out.headers.insert(pair.first.toLower(), pair.second);
    return out;
}

Reply send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
           const QByteArray &body = {}, const QByteArray &authorization = {},
           int transferTimeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    return finish(start(nam, method, url, body, authorization, transferTimeoutMs), timer);
}

QByteArray jsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QString loginJwt(QNetworkAccessManager &nam, const SimulatedHub &hub, const QString &user,
                 const QString &password)
{
    const Reply reply = send(nam, "POST", urlFor(hub, QStringLiteral("/v2/users/login")),
                             jsonBytes({ { QStringLiteral("username"), user },
                                         { QStringLiteral("password"), password } }));
    return reply.object().value(QStringLiteral("token")).toString();
}

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// A POST to a webhook receiver; redirects are not followed so that 3xx answers stay visible.
QNetworkReply *startHook(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &body,
                         const RawHeaders &headers = {}, int transferTimeoutMs = 10000,
                         const QSslConfiguration *ssl = nullptr)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
    if (ssl)
        request.setSslConfiguration(*ssl);
    return nam.post(request, body);
}

Reply postHook(QNetworkAccessManager &nam, const QUrl &url, const QByteArray &body,
               const RawHeaders &headers = {}, int transferTimeoutMs = 10000)
{
    QElapsedTimer timer;
    timer.start();
    return finish(startHook(nam, url, body, headers, transferTimeoutMs), timer);
}

QList<int> hookStatuses(const SimulatedHub &hub, const QString &name)
{
    QList<int> statuses;
    for (const SimWebhook &hook : hub.webhooks(name))
        statuses.append(hook.status);
    return statuses;
}

const QRegularExpression
        isoPattern(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z$"));

} // namespace

class tst_Simulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepAlive();
    void listing_data();
    void listing();
    void pageSizeIsClamped();
    void notFound_data();
    void notFound();
    void buildHistoryShape();
    void tagsShape();
    void tagFields();
    void oldTagWithoutTopLevelDigest();
    void singleTagAndNotFound();
    void tagsPagingAndOrdering();
    void pushTagGivesNewDigest();
    void privateRepositoryTags();
    void login_data();
    void login();
    void authToken();
    void jwtShape();
    void badTokens_data();
    void badTokens();
    void privateRepository();
    void triggers_data();
    void triggers();
    void triggerTagFromBody();
    void autobuildTrigger();
    void rateLimit();
    void faults_data();
    void faults();
    void faultTimesAndPath();
    void singleResetIsRetriedByClient();
    void stopAndRelisten();
    void latency();
    void observation();
    void scenario();
    void scenarioTimeline();
    void scenarioErrors_data();
    void scenarioErrors();
    void scenarioFileErrors();
    void executable();
    void hookReceiver();
    void hookCannedResponses_data();
    void hookCannedResponses();
    void hookFaults();
    void hookBurst();
    void faultEveryNth();
    void faultProbabilityIsSeeded();
    void scenarioFaultFraction();
    void tls();
    void executableTls();
    void executableForTheDemo();
};

void tst_Simulator::keepAlive()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.generateRepositories(QStringLiteral("acme"), 3);
    QTcpServer *server = hub.servers().value(0);
    QVERIFY(server);
    int connections = 0;
    connect(server, &QTcpServer::newConnection, this, [&connections] { ++connections; });
    QNetworkAccessManager nam;
    const QUrl url = urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories"));

    for (int i = 0; i < 5; ++i) {
        const Reply reply = send(nam, "GET", url);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("connection").toLower(), QByteArray("keep-alive"));
    }
    QCOMPARE(connections, 1);

    hub.setLatency(100);
    QElapsedTimer timer;
    timer.start();
    QList<QNetworkReply *> replies;
    for (int i = 0; i < 6; ++i)
        replies.append(start(nam, "GET", url));
    for (QNetworkReply *reply : replies) {
        const Reply result = finish(reply, timer);
        QCOMPARE(result.error, QNetworkReply::NoError);
        QCOMPARE(result.object().value(QStringLiteral("count")).toInt(), 3);
    }
    QVERIFY2(connections <= 6, qPrintable(QString::number(connections)));
    // Replies were delayed concurrently, not one after another.
    QVERIFY2(timer.elapsed() < 550, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(hub.requestCount(), 11);
}

void tst_Simulator::listing_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("legacy");
    QTest::newRow("current") << QStringLiteral("/v2/namespaces/acme/repositories") << false;
    QTest::newRow("current-slash") << QStringLiteral("/v2/namespaces/acme/repositories/") << false;
    QTest::newRow("legacy") << QStringLiteral("/v2/repositories/acme/") << true;
    QTest::newRow("legacy-no-slash") << QStringLiteral("/v2/repositories/acme") << true;
}

void tst_Simulator::listing()
{
    QFETCH(QString, path);
    QFETCH(bool, legacy);
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.generateRepositories(QStringLiteral("acme"), 250);
    QNetworkAccessManager nam;

    QUrl next = urlFor(hub, path, QStringLiteral("page=1&page_size=100"));
    QStringList names;
    QList<int> pageSizes;
    QJsonValue previous;
    while (next.isValid() && pageSizes.size() < 10) {
        const Reply reply = send(nam, "GET", next);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
        const QJsonObject page = reply.object();
        QCOMPARE(page.value(QStringLiteral("count")).toInt(), 250);
        QCOMPARE(page.value(QStringLiteral("previous")).isNull(), pageSizes.isEmpty());
        const QJsonArray results = page.value(QStringLiteral("results")).toArray();
        pageSizes.append(int(results.size()));
        for (const QJsonValue &value : results) {
            const QJsonObject repo = value.toObject();
            names.append(repo.value(QStringLiteral("name")).toString());
            QCOMPARE(repo.value(QStringLiteral("namespace")).toString(), QStringLiteral("acme"));
            QCOMPARE(repo.value(QStringLiteral("repository_type")).toString(),
                     QStringLiteral("image"));
            QCOMPARE(repo.value(QStringLiteral("status")).toInt(), 1);
            QCOMPARE(repo.value(QStringLiteral("is_private")).toBool(true), false);
            QVERIFY(isoPattern.match(repo.value(QStringLiteral("last_updated")).toString())
                            .hasMatch());
            QVERIFY(repo.contains(QStringLiteral("date_registered")));
            QCOMPARE(repo.contains(QStringLiteral("is_automated")), legacy);
            QCOMPARE(repo.contains(QStringLiteral("can_edit")), legacy);
            QCOMPARE(repo.contains(QStringLiteral("user")), legacy);
        }
        const QJsonValue nextValue = page.value(QStringLiteral("next"));
        if (nextValue.isNull())
            break;
        next = QUrl(nextValue.toString());
        QCOMPARE(next.path(), path);
        QVERIFY(next.toString().startsWith(hub.baseUrl().toString()));
    }
    QCOMPARE(pageSizes, (QList<int> { 100, 100, 50 }));
    QCOMPARE(names.first(), QStringLiteral("repo-0001"));
    QCOMPARE(names.last(), QStringLiteral("repo-0250"));
    QStringList sorted = names;
    sorted.sort();
    QCOMPARE(names, sorted);

    const Reply past = send(nam, "GET", urlFor(hub, path, QStringLiteral("page=4&page_size=100")));
    QCOMPARE(past.status, 404);
    QCOMPARE(past.object().value(QStringLiteral("detail")).toString(),
             QStringLiteral("Object not found"));

    const Reply defaults = send(nam, "GET", urlFor(hub, path));
    QCOMPARE(defaults.object().value(QStringLiteral("results")).toArray().size(), 10);
}

void tst_Simulator::pageSizeIsClamped()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.generateRepositories(QStringLiteral("acme"), 250);
    QNetworkAccessManager nam;
    const Reply reply = send(nam, "GET",
                             urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories"),
                                    QStringLiteral("page_size=500")));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value(QStringLiteral("results")).toArray().size(), 100);
    QVERIFY(reply.object()
                    .value(QStringLiteral("next"))
                    .toString()
                    .contains(QStringLiteral("page_size=100")));

    hub.setPageSizeMax(25);
    const Reply small = send(
            nam, "GET",
            urlFor(hub, QStringLiteral("/v2/repositories/acme/"), QStringLiteral("page_size=100")));
    QCOMPARE(small.object().value(QStringLiteral("results")).toArray().size(), 25);
}

void tst_Simulator::notFound_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::newRow("unknown-namespace")
            << QByteArray("GET") << QStringLiteral("/v2/namespaces/nobody/repositories") << 404;
    QTest::newRow("unknown-namespace-legacy")
            << QByteArray("GET") << QStringLiteral("/v2/repositories/nobody/") << 404;
    QTest::newRow("unknown-repository")
            << QByteArray("GET") << QStringLiteral("/v2/repositories/acme/nope/") << 404;
    QTest::newRow("unknown-buildhistory")
            << QByteArray("GET") << QStringLiteral("/v2/repositories/acme/nope/buildhistory/")
            << 404;
    QTest::newRow("unknown-route") << QByteArray("GET") << QStringLiteral("/v3/whatever") << 404;
    QTest::newRow("root") << QByteArray("GET") << QStringLiteral("/") << 404;
    QTest::newRow("wrong-method") << QByteArray("DELETE") << QStringLiteral("/v2/users/login")
                                  << 405;
    QTest::newRow("unknown-trigger")
            << QByteArray("POST") << QStringLiteral("/u/acme/api/trigger/nope/") << 404;
}

void tst_Simulator::notFound()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    QNetworkAccessManager nam;
    const Reply reply = send(nam, method, urlFor(hub, path));
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QVERIFY(reply.object().value(QStringLiteral("detail")).isString());
}

void tst_Simulator::buildHistoryShape()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    const QString repo = QStringLiteral("acme/api");
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    const QDateTime created = QDateTime(QDate(2018, 4, 24), QTime(13, 34, 33, 654), Qt::UTC);
    SimBuild old;
    old.id = 23028946;
    old.status = -1;
    old.buildCode = QStringLiteral("beedjaiuvjxk5m37uxjorja");
    old.cause = QStringLiteral("TRIGGERED_VIA_API");
    old.created = created;
    old.updated = created.addSecs(126);
    QCOMPARE(hub.addBuild(repo, old, false), qint64(23028946));
    SimBuild fresh; // cause "" => null, times now, id auto
    fresh.status = 10;
    const qint64 freshId = hub.addBuild(repo, fresh);
    QVERIFY(freshId > 23028946);
    QCOMPARE(hub.builds(repo).size(), 2);
    QCOMPARE(hub.builds(repo).first().id, freshId);

    QNetworkAccessManager nam;
    const Reply reply = send(nam, "GET",
                             urlFor(hub, QStringLiteral("/v2/repositories/acme/api/buildhistory/"),
                                    QStringLiteral("page=1&page_size=5")));
    QCOMPARE(reply.status, 200);
    const QJsonObject page = reply.object();
    QCOMPARE(page.value(QStringLiteral("count")).toInt(), 2);
    QVERIFY(page.value(QStringLiteral("next")).isNull());
    const QJsonArray results = page.value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    const QJsonObject newest = results.at(0).toObject();
    const QJsonObject oldest = results.at(1).toObject();
    QCOMPARE(newest.value(QStringLiteral("id")).toInteger(), freshId);
    QVERIFY(newest.value(QStringLiteral("cause")).isNull());
    QCOMPARE(newest.value(QStringLiteral("status")).toInt(), 10);
    QCOMPARE(newest.value(QStringLiteral("dockertag_name")).toString(), QStringLiteral("latest"));
    QCOMPARE(newest.value(QStringLiteral("build_code")).toString().size(), 23);
    QCOMPARE(oldest.value(QStringLiteral("id")).toInteger(), 23028946);
    QCOMPARE(oldest.value(QStringLiteral("status")).toInt(), -1);
    QCOMPARE(oldest.value(QStringLiteral("cause")).toString(), QStringLiteral("TRIGGERED_VIA_API"));
    QCOMPARE(oldest.value(QStringLiteral("build_code")).toString(), old.buildCode);
    const QString createdText = oldest.value(QStringLiteral("created_date")).toString();
    QVERIFY2(isoPattern.match(createdText).hasMatch(), qPrintable(createdText));
    QVERIFY(createdText.startsWith(QStringLiteral("2018-04-24T13:34:33.654")));
    QCOMPARE(QDateTime::fromString(createdText, Qt::ISODateWithMs), created);
    QVERIFY(isoPattern.match(oldest.value(QStringLiteral("last_updated")).toString()).hasMatch());
    const QStringList keys { "build_code", "cause",        "created_date", "dockertag_name",
                             "id",         "last_updated", "status" };
    QCOMPARE(oldest.keys(), keys);

    // One build by its code; status updates show up.
    QVERIFY(hub.setBuildStatus(repo, freshId, 2));
    const Reply one
            = send(nam, "GET",
                   urlFor(hub,
                          QStringLiteral("/v2/repositories/acme/api/buildhistory/%1/")
                                  .arg(newest.value(QStringLiteral("build_code")).toString())));
    QCOMPARE(one.status, 200);
    QCOMPARE(one.object().value(QStringLiteral("status")).toInt(), 2);
    QVERIFY(!hub.setBuildStatus(repo, 424242, 2));
}

void tst_Simulator::tagsShape()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    const QDateTime pushed = QDateTime::currentDateTimeUtc().addSecs(-60);
    hub.setTag(QStringLiteral("acme/api"), QStringLiteral("v1"), pushed);
    hub.setTag(QStringLiteral("acme/api"), QStringLiteral("latest"), pushed.addSecs(30));
    QNetworkAccessManager nam;
    const Reply reply
            = send(nam, "GET",
                   urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/api/tags"),
                          QStringLiteral("page_size=100")));
    QCOMPARE(reply.status, 200);
    const QJsonArray results = reply.object().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    const QJsonObject latest = results.at(0).toObject();
    QCOMPARE(latest.value(QStringLiteral("name")).toString(), QStringLiteral("latest"));
    QVERIFY(latest.value(QStringLiteral("digest"))
                    .toString()
                    .startsWith(QStringLiteral("sha256:")));
    QVERIFY(latest.value(QStringLiteral("images")).isArray());
    QCOMPARE(QDateTime::fromString(latest.value(QStringLiteral("tag_last_pushed")).toString(),
                                   Qt::ISODateWithMs),
             pushed.addSecs(30));
    QVERIFY(latest.contains(QStringLiteral("last_updated")));
}

void tst_Simulator::tagFields()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    const QDateTime pushed = QDateTime::currentDateTimeUtc().addSecs(-3600);
    const QString digest = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    hub.setTag(QStringLiteral("acme/api"), QStringLiteral("latest"), pushed, digest);
    QNetworkAccessManager nam;
    const Reply reply
            = send(nam, "GET",
                   urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/api/tags"),
                          QStringLiteral("page=1&page_size=100&ordering=last_updated")));
    QCOMPARE(reply.status, 200);
    QVERIFY(!reply.headers.contains("etag")); // Docker Hub documents none for tags
    const QJsonObject page = reply.object();
    QCOMPARE(page.value(QStringLiteral("count")).toInt(), 1);
    QVERIFY(page.value(QStringLiteral("next")).isNull());
    QVERIFY(page.value(QStringLiteral("previous")).isNull());
    const QJsonObject tag = page.value(QStringLiteral("results")).toArray().at(0).toObject();
    QCOMPARE(tag.value(QStringLiteral("name")).toString(), QStringLiteral("latest"));
    for (const char *key : { "last_updated", "tag_last_pushed" }) {
        const QString text = tag.value(QLatin1String(key)).toString();
        QVERIFY2(isoPattern.match(text).hasMatch(), key);
        QCOMPARE(QDateTime::fromString(text, Qt::ISODateWithMs), pushed);
    }
    QVERIFY(tag.contains(QStringLiteral("tag_last_pulled")));
    QCOMPARE(tag.value(QStringLiteral("tag_status")).toString(), QStringLiteral("active"));
    QCOMPARE(tag.value(QStringLiteral("digest")).toString(), digest);
    QVERIFY(tag.value(QStringLiteral("full_size")).toInteger() > 0);
    QCOMPARE(tag.value(QStringLiteral("last_updater_username")).toString(), QStringLiteral("acme"));
    QCOMPARE(tag.value(QStringLiteral("content_type")).toString(), QStringLiteral("image"));
    const QJsonArray images = tag.value(QStringLiteral("images")).toArray();
    QCOMPARE(images.size(), 1);
    const QJsonObject image = images.at(0).toObject();
    QCOMPARE(image.value(QStringLiteral("architecture")).toString(), QStringLiteral("amd64"));
    QCOMPARE(image.value(QStringLiteral("os")).toString(), QStringLiteral("linux"));
    QCOMPARE(image.value(QStringLiteral("digest")).toString(), digest);
    QCOMPARE(image.value(QStringLiteral("size")).toInteger(),
             tag.value(QStringLiteral("full_size")).toInteger());
    QCOMPARE(image.value(QStringLiteral("status")).toString(), QStringLiteral("active"));
    QCOMPARE(QDateTime::fromString(image.value(QStringLiteral("last_pushed")).toString(),
                                   Qt::ISODateWithMs),
             pushed);
    QVERIFY(image.contains(QStringLiteral("last_pulled")));

    const QList<SimTag> observed = hub.tags(QStringLiteral("acme/api"));
    QCOMPARE(observed.size(), 1);
    QCOMPARE(observed.at(0).digest, digest);
    QCOMPARE(observed.at(0).lastPushed, pushed);
}

void tst_Simulator::oldTagWithoutTopLevelDigest()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    hub.setTag(QStringLiteral("acme/api"), QStringLiteral("old"),
               QDateTime::currentDateTimeUtc().addDays(-400), {}, false);
    QNetworkAccessManager nam;
    const Reply reply
            = send(nam, "GET",
                   urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/api/tags/old")));
    QCOMPARE(reply.status, 200);
    const QJsonObject tag = reply.object();
    QVERIFY(!tag.contains(QStringLiteral("digest")));
    const QString digest = tag.value(QStringLiteral("images"))
                                   .toArray()
                                   .at(0)
                                   .toObject()
                                   .value(QStringLiteral("digest"))
                                   .toString();
    static const QRegularExpression sha(QStringLiteral("^sha256:[0-9a-f]{64}$"));
    QVERIFY2(sha.match(digest).hasMatch(), qPrintable(digest));

    // The same from a scenario.
    SimulatedHub fromScenario;
    const QJsonObject json = QJsonDocument::fromJson(R"({
      "namespaces": {"acme": {"repositories": [{"name": "api", "tags": [
        {"name": "old", "last_pushed": "2025-01-01T00:00:00Z", "top_level_digest": false,
         "digest": "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
        {"name": "new", "last_pushed": "-1h"}]}]}}})")
                                     .object();
    QString error;
    QVERIFY2(fromScenario.loadScenario(json, &error), qPrintable(error));
    const QList<SimTag> tags = fromScenario.tags(QStringLiteral("acme/api"));
    QCOMPARE(tags.size(), 2);
    QCOMPARE(tags.at(0).name, QStringLiteral("new"));
    QVERIFY(tags.at(0).topLevelDigest);
    QVERIFY2(sha.match(tags.at(0).digest).hasMatch(), qPrintable(tags.at(0).digest));
    QCOMPARE(tags.at(1).digest,
             QStringLiteral(
                     "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
    QVERIFY(!tags.at(1).topLevelDigest);
}

void tst_Simulator::singleTagAndNotFound()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    hub.setTag(QStringLiteral("acme/api"), QStringLiteral("v1"),
               QDateTime::currentDateTimeUtc().addSecs(-10));
    QNetworkAccessManager nam;
    for (const char *path :
         { "/v2/namespaces/acme/repositories/api/tags/v1", "/v2/repositories/acme/api/tags/v1" }) {
        const Reply one = send(nam, "GET", urlFor(hub, QLatin1String(path)));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.object().value(QStringLiteral("name")).toString(), QStringLiteral("v1"));
        QCOMPARE(one.object().value(QStringLiteral("digest")).toString(),
                 hub.tags(QStringLiteral("acme/api")).at(0).digest);
    }
    const Reply missing
            = send(nam, "GET",
                   urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/api/tags/nope")));
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.object().value(QStringLiteral("message")).toString(),
             QStringLiteral("object not found"));
    QVERIFY(missing.object().value(QStringLiteral("errinfo")).isObject());
    QCOMPARE(send(nam, "GET",
                  urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/nope/tags")))
                     .status,
             404);
}

void tst_Simulator::tagsPagingAndOrdering()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 120; ++i) // t000 oldest ... t119 newest
        hub.setTag(QStringLiteral("acme/api"),
                   QStringLiteral("t%1").arg(i, 3, 10, QLatin1Char('0')), now.addSecs(-1000 + i));
    QNetworkAccessManager nam;
    QUrl url = urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/api/tags"),
                      QStringLiteral("page=1&page_size=500&ordering=-last_updated"));
    QStringList names;
    int pages = 0;
    while (url.isValid() && pages < 5) {
        const Reply reply = send(nam, "GET", url);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value(QStringLiteral("count")).toInt(), 120);
        const QJsonArray results = reply.object().value(QStringLiteral("results")).toArray();
        QVERIFY(results.size() <= 100); // page_size is clamped to 100
        for (const QJsonValue &tag : results)
            names.append(tag.toObject().value(QStringLiteral("name")).toString());
        const QJsonValue next = reply.object().value(QStringLiteral("next"));
        url = next.isString() ? QUrl(next.toString()) : QUrl();
        ++pages;
    }
    QCOMPARE(pages, 2);
    QCOMPARE(names.size(), 120);
    QCOMPARE(names.first(), QStringLiteral("t119")); // newest first
    QCOMPARE(names.last(), QStringLiteral("t000"));

    const Reply byName = send(nam, "GET",
                              urlFor(hub, QStringLiteral("/v2/repositories/acme/api/tags"),
                                     QStringLiteral("page_size=2&ordering=name")));
    const QJsonArray results = byName.object().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("t000"));
}

void tst_Simulator::pushTagGivesNewDigest()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    const QString repo = QStringLiteral("acme/api");
    const QDateTime old = QDateTime::currentDateTimeUtc().addDays(-3);
    hub.setTag(repo, QStringLiteral("latest"), old);
    const QString first = hub.tags(repo).at(0).digest;
    hub.setTag(repo, QStringLiteral("latest"), old); // the same push again: same digest
    QCOMPARE(hub.tags(repo).at(0).digest, first);
    hub.setTag(repo, QStringLiteral("latest"), old.addDays(1));
    const QString second = hub.tags(repo).at(0).digest;
    QVERIFY(second != first);

    hub.pushTag(repo, QStringLiteral("latest"));
    hub.pushTag(repo, QStringLiteral("latest"));
    const QList<SimTag> tags = hub.tags(repo);
    QCOMPARE(tags.size(), 1);
    QVERIFY(tags.at(0).digest != second);
    QVERIFY(tags.at(0).lastPushed.secsTo(QDateTime::currentDateTimeUtc()) < 60);

    QNetworkAccessManager nam;
    const Reply repository
            = send(nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/api")));
    QVERIFY(QDateTime::fromString(
                    repository.object().value(QStringLiteral("last_updated")).toString(),
                    Qt::ISODateWithMs)
                    .secsTo(QDateTime::currentDateTimeUtc())
            < 60); // a push bumps the repository too
    const Reply tag
            = send(nam, "GET",
                   urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/api/tags/latest")));
    QCOMPARE(tag.object().value(QStringLiteral("digest")).toString(), tags.at(0).digest);
}

void tst_Simulator::privateRepositoryTags()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addUser(QStringLiteral("alice"), QStringLiteral("pw"), {}, { QStringLiteral("acme") });
    hub.addUser(QStringLiteral("bob"), QStringLiteral("pw"));
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("secret"), true);
    hub.pushTag(QStringLiteral("acme/secret"), QStringLiteral("latest"));
    QNetworkAccessManager nam;
    const QByteArray alice = "Bearer "
            + loginJwt(nam, hub, QStringLiteral("alice"), QStringLiteral("pw")).toLatin1();
    const QByteArray bob = "Bearer "
            + loginJwt(nam, hub, QStringLiteral("bob"), QStringLiteral("pw")).toLatin1();
    const QUrl list = urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/secret/tags"));
    const QUrl one
            = urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/secret/tags/latest"));
    for (const QByteArray &auth : { QByteArray(), bob }) {
        QCOMPARE(send(nam, "GET", list, {}, auth).status, 404);
        QCOMPARE(send(nam, "GET", one, {}, auth).status, 404);
    }
    QCOMPARE(send(nam, "GET", list, {}, "Bearer not-a-jwt").status, 401);
    QCOMPARE(send(nam, "GET", list, {}, alice).object().value(QStringLiteral("count")).toInt(), 1);
    QCOMPARE(send(nam, "GET", one, {}, alice).status, 200);
}

void tst_Simulator::login_data()
{
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("status");
    QTest::newRow("password") << QStringLiteral("alice") << QStringLiteral("pw") << 200;
    QTest::newRow("pat") << QStringLiteral("alice") << QStringLiteral("dckr_pat_x") << 200;
    QTest::newRow("wrong-password") << QStringLiteral("alice") << QStringLiteral("nope") << 401;
    QTest::newRow("unknown-user") << QStringLiteral("mallory") << QStringLiteral("pw") << 401;
    QTest::newRow("missing-password") << QStringLiteral("alice") << QString() << 400;
}

void tst_Simulator::login()
{
    QFETCH(QString, username);
    QFETCH(QString, password);
    QFETCH(int, status);
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addUser(QStringLiteral("alice"), QStringLiteral("pw"), { QStringLiteral("dckr_pat_x") });
    QNetworkAccessManager nam;
    QJsonObject body { { QStringLiteral("username"), username } };
    if (!password.isNull())
        body.insert(QStringLiteral("password"), password);
    const Reply reply
            = send(nam, "POST", urlFor(hub, QStringLiteral("/v2/users/login")), jsonBytes(body));
    QCOMPARE(reply.status, status);
    if (status == 200) {
        QCOMPARE(reply.object().value(QStringLiteral("token")).toString().count(QLatin1Char('.')),
                 2);
    } else if (status == 401) {
        QCOMPARE(reply.object().value(QStringLiteral("detail")).toString(),
                 QStringLiteral("Incorrect authentication credentials"));
    }
}

void tst_Simulator::authToken()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addUser(QStringLiteral("alice"), QStringLiteral("pw"), { QStringLiteral("dckr_pat_x") });
    QNetworkAccessManager nam;
    const QUrl url = urlFor(hub, QStringLiteral("/v2/auth/token"));
    const Reply good
            = send(nam, "POST", url,
                   jsonBytes({ { QStringLiteral("identifier"), QStringLiteral("alice") },
                               { QStringLiteral("secret"), QStringLiteral("dckr_pat_x") } }));
    QCOMPARE(good.status, 200);
    const QString jwt = good.object().value(QStringLiteral("access_token")).toString();
    QCOMPARE(jwt.split(QLatin1Char('.')).size(), 3);
    const Reply password
            = send(nam, "POST", url,
                   jsonBytes({ { QStringLiteral("identifier"), QStringLiteral("alice") },
                               { QStringLiteral("secret"), QStringLiteral("pw") } }));
    QCOMPARE(password.status, 401);
    const Reply missing = send(nam, "POST", url, QByteArray("{}"));
    QCOMPARE(missing.status, 400);
}

void tst_Simulator::jwtShape()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addUser(QStringLiteral("alice"), QStringLiteral("pw"));
    hub.setTokenLifetime(120);
    QNetworkAccessManager nam;
    const QString jwt = loginJwt(nam, hub, QStringLiteral("alice"), QStringLiteral("pw"));
    const QStringList parts = jwt.split(QLatin1Char('.'));
    QCOMPARE(parts.size(), 3);
    const auto decoded = QByteArray::fromBase64Encoding(
            parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QVERIFY(decoded);
    const QJsonObject payload = QJsonDocument::fromJson(*decoded).object();
    QCOMPARE(payload.value(QStringLiteral("sub")).toString(), QStringLiteral("alice"));
    const qint64 exp = payload.value(QStringLiteral("exp")).toInteger();
    QVERIFY(qAbs(exp - (QDateTime::currentSecsSinceEpoch() + 120)) <= 2);
}

void tst_Simulator::badTokens_data()
{
    QTest::addColumn<QByteArray>("scheme");
    QTest::newRow("Bearer") << QByteArray("Bearer ");
    QTest::newRow("JWT") << QByteArray("JWT ");
}

void tst_Simulator::badTokens()
{
    QFETCH(QByteArray, scheme);
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addUser(QStringLiteral("alice"), QStringLiteral("pw"), {}, { QStringLiteral("acme") });
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("secret"), true);
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("public"));
    QNetworkAccessManager nam;
    const QUrl privateUrl
            = urlFor(hub, QStringLiteral("/v2/repositories/acme/secret/buildhistory/"));
    const QUrl publicUrl = urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories"));

    const QByteArray jwt
            = loginJwt(nam, hub, QStringLiteral("alice"), QStringLiteral("pw")).toLatin1();
    QVERIFY(!jwt.isEmpty());
    QCOMPARE(send(nam, "GET", privateUrl, {}, scheme + jwt).status, 200);

    hub.expireAllTokens();
    const Reply expired = send(nam, "GET", privateUrl, {}, scheme + jwt);
    QCOMPARE(expired.status, 401);
    QVERIFY(expired.object().value(QStringLiteral("detail")).isString());
    // A bad token is an error even for public data.
    QCOMPARE(send(nam, "GET", publicUrl, {}, scheme + jwt).status, 401);
    QCOMPARE(send(nam, "GET", publicUrl, {}, scheme + "not.a.jwt").status, 401);
    QCOMPARE(send(nam, "GET", publicUrl).status, 200);

    // A zero lifetime issues tokens that are expired at once.
    hub.setTokenLifetime(0);
    const QByteArray stale
            = loginJwt(nam, hub, QStringLiteral("alice"), QStringLiteral("pw")).toLatin1();
    QCOMPARE(send(nam, "GET", publicUrl, {}, scheme + stale).status, 401);
    // Logging in again works even with a stale Authorization header.
    hub.setTokenLifetime(600);
    const Reply again = send(nam, "POST", urlFor(hub, QStringLiteral("/v2/users/login")),
                             jsonBytes({ { QStringLiteral("username"), QStringLiteral("alice") },
                                         { QStringLiteral("password"), QStringLiteral("pw") } }),
                             scheme + jwt);
    QCOMPARE(again.status, 200);
}

void tst_Simulator::privateRepository()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addUser(QStringLiteral("alice"), QStringLiteral("pw"), {}, { QStringLiteral("acme") });
    hub.addUser(QStringLiteral("bob"), QStringLiteral("pw"));
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("public"));
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("secret"), true);
    hub.addBuild(QStringLiteral("acme/secret"), SimBuild());
    QNetworkAccessManager nam;
    const QByteArray alice = "Bearer "
            + loginJwt(nam, hub, QStringLiteral("alice"), QStringLiteral("pw")).toLatin1();
    const QByteArray bob = "Bearer "
            + loginJwt(nam, hub, QStringLiteral("bob"), QStringLiteral("pw")).toLatin1();
    const QUrl list = urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories"));
    const QUrl one = urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/secret"));
    const QUrl history = urlFor(hub, QStringLiteral("/v2/repositories/acme/secret/buildhistory/"));

    for (const QByteArray &auth : { QByteArray(), bob }) {
        const Reply listed = send(nam, "GET", list, {}, auth);
        QCOMPARE(listed.object().value(QStringLiteral("count")).toInt(), 1);
        QCOMPARE(send(nam, "GET", one, {}, auth).status, 404);
        QCOMPARE(send(nam, "GET", history, {}, auth).status, 404);
    }
    const Reply listed = send(nam, "GET", list, {}, alice);
    QCOMPARE(listed.object().value(QStringLiteral("count")).toInt(), 2);
    const Reply repo = send(nam, "GET", one, {}, alice);
    QCOMPARE(repo.status, 200);
    QCOMPARE(repo.object().value(QStringLiteral("is_private")).toBool(), true);
    QCOMPARE(send(nam, "GET", history, {}, alice).object().value(QStringLiteral("count")).toInt(),
             1);
    const Reply legacy = send(
            nam, "GET", urlFor(hub, QStringLiteral("/v2/repositories/acme/secret/")), {}, alice);
    QCOMPARE(legacy.object().value(QStringLiteral("can_edit")).toBool(), true);
}

void tst_Simulator::triggers_data()
{
    QTest::addColumn<bool>("uuidForm");
    QTest::addColumn<int>("status");
    QTest::newRow("token") << false << 200;
    QTest::newRow("uuid") << true << 202;
}

void tst_Simulator::triggers()
{
    QFETCH(bool, uuidForm);
    QFETCH(int, status);
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    const QString repo = QStringLiteral("acme/api");
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    QString path;
    if (uuidForm) {
        const auto ids = hub.addTriggerUuid(repo);
        path = QStringLiteral("/api/build/v1/source/%1/trigger/%2/call/")
                       .arg(ids.first, ids.second);
    } else {
        path = QStringLiteral("/u/acme/api/trigger/%1/").arg(hub.addTriggerToken(repo));
    }
    QSignalSpy triggered(&hub, &SimulatedHub::triggered);
    QNetworkAccessManager nam;

    const Reply first = send(nam, "POST", urlFor(hub, path), QByteArray("{\"build\": true}"));
    QCOMPARE(first.status, status);
    QCOMPARE(first.object().value(QStringLiteral("state")).toString(), QStringLiteral("Success"));
    QCOMPARE(triggered.size(), 1);
    QCOMPARE(triggered.at(0).at(0).toString(), repo);
    QCOMPARE(triggered.at(0).at(1).toString(), QStringLiteral("latest"));
    QCOMPARE(hub.builds(repo).size(), 1);
    const SimBuild queued = hub.builds(repo).first();
    QCOMPARE(queued.status, 0);
    QCOMPARE(queued.tag, QStringLiteral("latest"));
    QCOMPARE(queued.cause, QStringLiteral("TRIGGERED_VIA_API"));

    // Still queued: accepted, but no new build.
    const Reply second = send(nam, "POST", urlFor(hub, path));
    QCOMPARE(second.status, status);
    QCOMPARE(hub.builds(repo).size(), 1);
    QCOMPARE(hub.triggerCount(repo), 2);

    QVERIFY(hub.setBuildStatus(repo, queued.id, 10, true));
    QCOMPARE(send(nam, "POST", urlFor(hub, path)).status, status);
    QCOMPARE(hub.builds(repo).size(), 2);
    QCOMPARE(hub.builds(repo).first().status, 0);
    QCOMPARE(triggered.size(), 3);

    // The build shows up in the build history too.
    const Reply history = send(
            nam, "GET", urlFor(hub, QStringLiteral("/v2/repositories/acme/api/buildhistory/")));
    QCOMPARE(history.object().value(QStringLiteral("count")).toInt(), 2);
}

void tst_Simulator::triggerTagFromBody()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    const QString repo = QStringLiteral("acme/api");
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    const QUrl url
            = urlFor(hub, QStringLiteral("/u/acme/api/trigger/%1/").arg(hub.addTriggerToken(repo)));
    QNetworkAccessManager nam;
    QCOMPARE(send(nam, "POST", url, QByteArray("{\"docker_tag\": \"master\"}")).status, 200);
    QCOMPARE(send(nam, "POST", url,
                  QByteArray("{\"source_type\": \"Tag\", \"source_name\": \"v1.1\"}"))
                     .status,
             200);
    QCOMPARE(send(nam, "POST", url, QByteArray("not json")).status, 400);
    const QList<SimBuild> builds = hub.builds(repo);
    QCOMPARE(builds.size(), 2);
    QStringList tags { builds.at(0).tag, builds.at(1).tag };
    tags.sort();
    QCOMPARE(tags, (QStringList { QStringLiteral("master"), QStringLiteral("v1.1") }));
}

void tst_Simulator::autobuildTrigger()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addUser(QStringLiteral("alice"), QStringLiteral("pw"), {}, { QStringLiteral("acme") });
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    QNetworkAccessManager nam;
    const QUrl url
            = urlFor(hub, QStringLiteral("/v2/repositories/acme/api/autobuild/trigger-build/"));
    const QByteArray body
            = jsonBytes({ { QStringLiteral("source_type"), QStringLiteral("Branch") },
                          { QStringLiteral("source_name"), QStringLiteral("test") },
                          { QStringLiteral("dockerfile_location"), QStringLiteral("/") } });
    QCOMPARE(send(nam, "POST", url, body).status, 401);
    const QByteArray auth = "Bearer "
            + loginJwt(nam, hub, QStringLiteral("alice"), QStringLiteral("pw")).toLatin1();
    const Reply reply = send(nam, "POST", url, body, auth);
    QCOMPARE(reply.status, 200);
    QVERIFY(reply.json.isArray());
    const QJsonObject entry = reply.json.array().at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("msg")).toString(), QStringLiteral("Build submitted"));
    QCOMPARE(entry.value(QStringLiteral("evaluated_tag_name")).toString(),
             QStringLiteral("latest"));
    QCOMPARE(entry.value(QStringLiteral("queued_for_retry")).toBool(true), false);
    QCOMPARE(entry.value(QStringLiteral("build_code")).toString(),
             hub.builds(QStringLiteral("acme/api")).first().buildCode);
}

void tst_Simulator::rateLimit()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addNamespace(QStringLiteral("acme"));
    hub.setRateLimit(3, 60);
    QNetworkAccessManager nam;
    const QUrl url = urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories"));
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int remaining = 2; remaining >= 0; --remaining) {
        const Reply reply = send(nam, "GET", url);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("x-ratelimit-limit"), QByteArray("3"));
        QCOMPARE(reply.header("x-ratelimit-remaining").toInt(), remaining);
        QVERIFY(qAbs(reply.header("x-ratelimit-reset").toLongLong() - (now + 60)) <= 2);
    }
    const Reply limited = send(nam, "GET", url);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.object().value(QStringLiteral("detail")).toString(),
             QStringLiteral("Rate limit exceeded"));
    QCOMPARE(limited.object().value(QStringLiteral("error")).toBool(true), false);
    const int retryAfter = limited.header("retry-after").toInt();
    QVERIFY2(retryAfter >= 1 && retryAfter <= 60, limited.header("retry-after").constData());
    QCOMPARE(limited.header("x-ratelimit-remaining"), QByteArray("0"));

    hub.setRateLimit(0);
    const Reply free = send(nam, "GET", url);
    QCOMPARE(free.status, 200);
    QVERIFY(!free.headers.contains("x-ratelimit-limit"));
}

void tst_Simulator::faults_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("faultStatus");
    QTest::addColumn<int>("times");
    QTest::addColumn<int>("expectedStatus"); // 0: a network error instead of a reply
    QTest::addColumn<QString>("check");
    using K = SimFaultKind;
    QTest::newRow("latency") << int(K::Latency) << 0 << 1 << 200 << "slow";
    QTest::newRow("retry-after") << int(K::RateLimitRetryAfter) << 0 << 1 << 429 << "retry-after";
    QTest::newRow("x-retry-after")
            << int(K::RateLimitXRetryAfter) << 0 << 1 << 429 << "x-retry-after";
    QTest::newRow("server-error-500") << int(K::ServerError) << 500 << 1 << 500 << "json";
    QTest::newRow("server-error-503") << int(K::ServerError) << 503 << 1 << 503 << "json";
    QTest::newRow("html-502") << int(K::HtmlErrorPage) << 502 << 1 << 502 << "html";
    QTest::newRow("truncated") << int(K::TruncatedJson) << 0 << 1 << -1 << "truncated";
    QTest::newRow("malformed") << int(K::MalformedJson) << 0 << 1 << 200 << "malformed";
    QTest::newRow("hang") << int(K::Hang) << 0 << 1 << 0 << "timeout";
    // QNetworkAccessManager silently retries a request whose connection dies before any byte
    // of the reply arrives, so a reset has to persist for the client to see it.
    QTest::newRow("reset") << int(K::ConnectionReset) << 0 << -1 << 0 << "error";
    QTest::newRow("status-418") << int(K::Status) << 418 << 1 << 418 << "json";
}

void tst_Simulator::faults()
{
    QFETCH(int, kind);
    QFETCH(int, faultStatus);
    QFETCH(int, times);
    QFETCH(int, expectedStatus);
    QFETCH(QString, check);
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.generateRepositories(QStringLiteral("acme"), 30);
    SimFault fault;
    fault.kind = SimFaultKind(kind);
    fault.status = faultStatus;
    fault.times = times;
    fault.delayMs = fault.kind == SimFaultKind::Latency ? 300 : 0;
    fault.retryAfterSeconds = 7;
    hub.addFault(fault);
    QNetworkAccessManager nam;
    const QUrl url = urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories"),
                            QStringLiteral("page_size=20"));
    const int timeout = check == QLatin1String("timeout") ? 300 : 10000;
    const Reply reply = send(nam, "GET", url, {}, {}, timeout);

    if (expectedStatus > 0)
        QCOMPARE(reply.status, expectedStatus);
    if (check == QLatin1String("slow")) {
        QVERIFY2(reply.elapsedMs >= 290, qPrintable(QString::number(reply.elapsedMs)));
        QCOMPARE(reply.object().value(QStringLiteral("count")).toInt(), 30);
    } else if (check == QLatin1String("retry-after")) {
        QCOMPARE(reply.header("retry-after"), QByteArray("7"));
    } else if (check == QLatin1String("x-retry-after")) {
        const qint64 at = reply.header("x-retry-after").toLongLong();
        QVERIFY(qAbs(at - (QDateTime::currentSecsSinceEpoch() + 7)) <= 2);
        QVERIFY(!reply.headers.contains("retry-after"));
    } else if (check == QLatin1String("json")) {
        QCOMPARE(reply.parseError.error, QJsonParseError::NoError);
        QVERIFY(reply.object().value(QStringLiteral("detail")).isString());
    } else if (check == QLatin1String("html")) {
        QVERIFY(reply.header("content-type").startsWith("text/html"));
        QCOMPARE(reply.body, QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>"));
    } else if (check == QLatin1String("truncated")) {
        QVERIFY2(reply.error != QNetworkReply::NoError
                         || reply.parseError.error != QJsonParseError::NoError,
                 reply.body.constData());
    } else if (check == QLatin1String("malformed")) {
        QCOMPARE(reply.error, QNetworkReply::NoError);
        QVERIFY(reply.parseError.error != QJsonParseError::NoError);
        QVERIFY(reply.body.startsWith("{\"count\": 3, \"results\": [ {\"id\": "));
    } else if (check == QLatin1String("timeout")) {
        QCOMPARE(reply.error, QNetworkReply::OperationCanceledError);
        QVERIFY(reply.elapsedMs < 5000);
    } else if (check == QLatin1String("error")) {
        QVERIFY2(reply.error == QNetworkReply::RemoteHostClosedError
                         || reply.error == QNetworkReply::UnknownNetworkError,
                 qPrintable(QString::number(reply.error)));
    }
    QVERIFY(hub.requestCount() >= 1);

    // Once the fault is used up (or cleared) the same request is answered normally.
    hub.clearFaults();
    const Reply normal = send(nam, "GET", url);
    QCOMPARE(normal.status, 200);
    QCOMPARE(normal.object().value(QStringLiteral("results")).toArray().size(), 20);
}

void tst_Simulator::faultTimesAndPath()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.generateRepositories(QStringLiteral("acme"), 2);
    SimFault fault;
    fault.pathContains = QStringLiteral("/repo-0001/buildhistory");
    fault.kind = SimFaultKind::ServerError;
    fault.status = 502;
    fault.times = 2;
    hub.addFault(fault);
    QNetworkAccessManager nam;
    const QUrl history
            = urlFor(hub, QStringLiteral("/v2/repositories/acme/repo-0001/buildhistory/"));
    const QUrl other = urlFor(hub, QStringLiteral("/v2/repositories/acme/repo-0002/buildhistory/"));
    QCOMPARE(send(nam, "GET", other).status, 200);
    QCOMPARE(send(nam, "GET", history).status, 502);
    QCOMPARE(send(nam, "GET", history).status, 502);
    QCOMPARE(send(nam, "GET", history).status, 200);
    QCOMPARE(hub.requestCount(QStringLiteral("repo-0001")), 3);
}

void tst_Simulator::singleResetIsRetriedByClient()
{
    // Documents a client-side fact: QNetworkAccessManager resends a request once when the
    // connection dies before any reply byte, so a one-shot reset is invisible to it.
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addNamespace(QStringLiteral("acme"));
    SimFault fault;
    fault.kind = SimFaultKind::ConnectionReset;
    fault.times = 1;
    hub.addFault(fault);
    QNetworkAccessManager nam;
    const Reply reply
            = send(nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories")));
    QCOMPARE(reply.status, 200);
    QCOMPARE(hub.requestCount(), 2);
}

void tst_Simulator::stopAndRelisten()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addNamespace(QStringLiteral("acme"));
    SimFault hang;
    hang.kind = SimFaultKind::Hang;
    hang.times = 1;
    hub.addFault(hang);
    QNetworkAccessManager nam;
    QElapsedTimer timer;
    timer.start();
    QNetworkReply *pending
            = start(nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories")));
    QTRY_COMPARE_WITH_TIMEOUT(hub.requestCount(), 1, 5000);
    hub.stop(); // drops the hanging connection
    QCOMPARE(hub.baseUrl().port(), 0);
    const Reply dropped = finish(pending, timer);
    QVERIFY(dropped.error != QNetworkReply::NoError);
    QVERIFY(dropped.elapsedMs < 5000);

    QVERIFY(hub.listen() != 0);
    const Reply reply
            = send(nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories")));
    QCOMPARE(reply.status, 200);
}

void tst_Simulator::latency()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addNamespace(QStringLiteral("acme"));
    hub.setLatency(200);
    QNetworkAccessManager nam;
    const Reply reply
            = send(nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories")));
    QCOMPARE(reply.status, 200);
    QVERIFY2(reply.elapsedMs >= 190, qPrintable(QString::number(reply.elapsedMs)));
}

void tst_Simulator::observation()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.addUser(QStringLiteral("alice"), QStringLiteral("pw"));
    hub.addRepository(QStringLiteral("acme"), QStringLiteral("api"));
    QSignalSpy served(&hub, &SimulatedHub::requestServed);
    QNetworkAccessManager nam;
    loginJwt(nam, hub, QStringLiteral("alice"), QStringLiteral("pw"));
    send(nam, "GET",
         urlFor(hub, QStringLiteral("/v2/repositories/acme/api/buildhistory/"),
                QStringLiteral("page=1&page_size=5")));
    send(nam, "GET", urlFor(hub, QStringLiteral("/v2/repositories/acme/nope/")));
    QCOMPARE(hub.requestCount(), 3);
    QCOMPARE(hub.requestCount(QStringLiteral("/buildhistory")), 1);
    QCOMPARE(hub.requestCount(QStringLiteral("/v2/repositories/acme/")), 2);
    QCOMPARE(served.size(), 3);
    QCOMPARE(served.at(2).at(1).toInt(), 404);
    const SimRequest loginRequest = served.at(0).at(0).value<SimRequest>();
    QCOMPARE(loginRequest.method, QStringLiteral("POST"));
    QVERIFY(loginRequest.body.contains("alice"));
    const QList<SimRequest> requests = hub.requests();
    QCOMPARE(requests.size(), 3);
    QCOMPARE(requests.at(1).query, QStringLiteral("page=1&page_size=5"));
    QCOMPARE(requests.at(1).headers.value(QStringLiteral("host")),
             QStringLiteral("127.0.0.1:%1").arg(hub.baseUrl().port()));
    hub.resetCounts();
    QCOMPARE(hub.requestCount(), 0);
    QVERIFY(hub.requests().isEmpty());
}

namespace {

QJsonObject sampleScenario()
{
    const QByteArray text = R"({
      "users": [{"username": "alice", "password": "pw", "access_tokens": ["dckr_pat_x"],
                 "namespaces": ["acme"]}],
      "token_lifetime": 600,
      "rate_limit": {"limit": 180, "window": 60},
      "latency_ms": 0,
      "namespaces": {
        "acme": {
          "generate": {"count": 25, "prefix": "repo"},
          "repositories": [
            {"name": "api", "private": true, "last_updated": "2026-01-01T00:00:00Z",
             "builds": [
               {"id": 1, "status": -1, "tag": "latest", "created": "-90m", "updated": "-80m",
                "build_code": "abc", "cause": "TRIGGERED_VIA_API"},
               {"id": 2, "status": 10, "tag": "latest", "created": "-60m",
                "updated": "2026-01-01T00:05:00.250Z", "cause": null}],
             "tags": [{"name": "latest", "last_pushed": "2026-01-01T00:05:00Z"}],
             "trigger_token": "tok123", "trigger_uuid": ["uuid-a", "uuid-b"]}
          ]
        },
        "empty": {}
      },
      "faults": [{"path_contains": "/acme/api/buildhistory", "kind": "server_error",
                  "status": 500, "times": 1, "delay_ms": 0, "retry_after": 1}]
    })";
    return QJsonDocument::fromJson(text).object();
}

} // namespace

void tst_Simulator::scenario()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    QString error;
    QVERIFY2(hub.loadScenario(sampleScenario(), &error), qPrintable(error));
    QNetworkAccessManager nam;
    const QByteArray auth = "JWT "
            + loginJwt(nam, hub, QStringLiteral("alice"), QStringLiteral("dckr_pat_x")).toLatin1();
    QCOMPARE(auth.size() > 10, true);

    const Reply listed = send(
            nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories")), {}, auth);
    QCOMPARE(listed.object().value(QStringLiteral("count")).toInt(), 26);
    QCOMPARE(listed.header("x-ratelimit-limit"), QByteArray("180"));
    const Reply anonymous
            = send(nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories")));
    QCOMPARE(anonymous.object().value(QStringLiteral("count")).toInt(), 25);
    const Reply empty
            = send(nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/empty/repositories")));
    QCOMPARE(empty.status, 200);
    QCOMPARE(empty.object().value(QStringLiteral("count")).toInt(), 0);

    const QUrl history = urlFor(hub, QStringLiteral("/v2/repositories/acme/api/buildhistory/"));
    QCOMPARE(send(nam, "GET", history, {}, auth).status, 500); // the scenario's fault, once
    const Reply builds = send(nam, "GET", history, {}, auth);
    QCOMPARE(builds.status, 200);
    const QJsonArray results = builds.object().value(QStringLiteral("results")).toArray();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).toObject().value(QStringLiteral("id")).toInt(), 2);
    QVERIFY(results.at(0).toObject().value(QStringLiteral("cause")).isNull());
    QCOMPARE(results.at(1).toObject().value(QStringLiteral("build_code")).toString(),
             QStringLiteral("abc"));
    const QDateTime created = QDateTime::fromString(
            results.at(1).toObject().value(QStringLiteral("created_date")).toString(),
            Qt::ISODateWithMs);
    QVERIFY(qAbs(created.secsTo(QDateTime::currentDateTimeUtc()) - 90 * 60) < 60);

    const Reply repo
            = send(nam, "GET", urlFor(hub, QStringLiteral("/v2/repositories/acme/api/")), {}, auth);
    QVERIFY(repo.object()
                    .value(QStringLiteral("last_updated"))
                    .toString()
                    .startsWith(QStringLiteral("2026-01-01T00:00:00.")));
    const Reply tags = send(
            nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/api/tags")),
            {}, auth);
    QCOMPARE(tags.object().value(QStringLiteral("count")).toInt(), 1);

    QCOMPARE(send(nam, "POST", urlFor(hub, QStringLiteral("/u/acme/api/trigger/tok123/"))).status,
             200);
    QCOMPARE(hub.builds(QStringLiteral("acme/api")).size(), 3);
    QCOMPARE(send(nam, "POST",
                  urlFor(hub, QStringLiteral("/api/build/v1/source/uuid-a/trigger/uuid-b/call/")))
                     .status,
             202);
    QCOMPARE(hub.builds(QStringLiteral("acme/api")).size(), 3); // still queued
    QCOMPARE(hub.triggerCount(QStringLiteral("acme/api")), 2);
}

void tst_Simulator::scenarioTimeline()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    const QJsonObject json = QJsonDocument::fromJson(R"({
      "namespaces": {"acme": {"repositories": [{"name": "api"}]}},
      "timeline": [
        {"after": "50ms", "repository": "acme/api", "add_build": {"status": 0, "tag": "latest"}},
        {"after": "150ms", "repository": "acme/api", "set_status": {"build": "latest", "status": 10}}
      ]})")
                                     .object();
    QString error;
    QVERIFY2(hub.loadScenario(json, &error), qPrintable(error));
    QVERIFY(hub.builds(QStringLiteral("acme/api")).isEmpty());
    QTRY_COMPARE_WITH_TIMEOUT(hub.builds(QStringLiteral("acme/api")).size(), 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(hub.builds(QStringLiteral("acme/api")).first().status, 10, 5000);
    QNetworkAccessManager nam;
    const Reply tags = send(
            nam, "GET", urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories/api/tags")));
    QCOMPARE(tags.object().value(QStringLiteral("count")).toInt(), 1);
}

void tst_Simulator::scenarioErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("build-status-type") << QByteArray(
            R"({"namespaces": {"acme": {"repositories": [{"name": "api", "builds": [{"status": 1}, {"status": "x"}]}]}}})")
                                       << QStringLiteral("namespaces.acme.repositories[0].builds[1]"
                                                         ".status: expected a number");
    QTest::newRow("fault-kind") << QByteArray(R"({"faults": [{"kind": "explode"}]})")
                                << QStringLiteral("faults[0].kind: unknown fault kind \"explode\"");
    QTest::newRow("fault-kind-missing") << QByteArray(R"({"faults": [{"status": 500}]})")
                                        << QStringLiteral("faults[0].kind: missing");
    QTest::newRow("unknown-key") << QByteArray(
            R"({"namespaces": {"acme": {"repositories": [{"name": "api", "privat": true}]}}})")
                                 << QStringLiteral(
                                            "namespaces.acme.repositories[0].privat: unknown key");
    QTest::newRow("bad-time") << QByteArray(
            R"({"namespaces": {"acme": {"repositories": [{"name": "api", "builds": [{"created": "yesterday"}]}]}}})")
                              << QStringLiteral("namespaces.acme.repositories[0].builds[0].created:"
                                                " expected an ISO 8601 time or a relative time "
                                                "like \"-90m\"");
    QTest::newRow("bad-after") << QByteArray(
            R"({"namespaces": {"acme": {"repositories": [{"name": "api"}]}}, "timeline": [{"after": "soon", "repository": "acme/api", "touch": true}]})")
                               << QStringLiteral("timeline[0].after: expected a duration like "
                                                 "\"20s\", \"2m\" or \"500ms\"");
    QTest::newRow("timeline-repository") << QByteArray(
            R"({"timeline": [{"after": "1s", "repository": "acme/ghost", "touch": true}]})")
                                         << QStringLiteral("timeline[0].repository: unknown "
                                                           "repository \"acme/ghost\"");
    QTest::newRow("users-type") << QByteArray(R"({"users": {"username": "alice"}})")
                                << QStringLiteral("users: expected an array");
    QTest::newRow("every-nth") << QByteArray(R"({"faults": [{"kind": "hang", "every_nth": 0}]})")
                               << QStringLiteral("faults[0].every_nth: must be at least 1");
    QTest::newRow("probability")
            << QByteArray(R"({"faults": [{"kind": "hang", "probability": 1.5}]})")
            << QStringLiteral("faults[0].probability: must be between 0 and 1");
    QTest::newRow("probability-type")
            << QByteArray(R"({"faults": [{"kind": "hang", "probability": "half"}]})")
            << QStringLiteral("faults[0].probability: expected a number");
    QTest::newRow("random-seed") << QByteArray(R"({"random_seed": -1})")
                                 << QStringLiteral("random_seed: expected 0 to 4294967295");
    QTest::newRow("rate-limit-type") << QByteArray(R"({"rate_limit": {"limit": 1.5}})")
                                     << QStringLiteral("rate_limit.limit: expected an integer");
}

void tst_Simulator::scenarioErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    SimulatedHub hub;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    QString message;
    QVERIFY(!hub.loadScenario(document.object(), &message));
    QCOMPARE(message, error);
    // A rejected scenario changes nothing.
    QVERIFY(hub.builds(QStringLiteral("acme/api")).isEmpty());
}

void tst_Simulator::scenarioFileErrors()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"namespaces": {"acme": {"repositories": [{"name": 5}]}}})");
    file.close();
    SimulatedHub hub;
    QString error;
    QVERIFY(!hub.loadScenarioFile(bad, &error));
    QCOMPARE(error,
             bad + QStringLiteral(": namespaces.acme.repositories[0].name: expected a string"));

    const QString broken = dir.filePath(QStringLiteral("broken.json"));
    QFile brokenFile(broken);
    QVERIFY(brokenFile.open(QIODevice::WriteOnly));
    brokenFile.write("{\"users\": [");
    brokenFile.close();
    QVERIFY(!hub.loadScenarioFile(broken, &error));
    QVERIFY2(error.startsWith(broken + QStringLiteral(": invalid JSON")), qPrintable(error));

    QVERIFY(!hub.loadScenarioFile(dir.filePath(QStringLiteral("missing.json")), &error));
    QVERIFY(error.startsWith(dir.filePath(QStringLiteral("missing.json"))));
}

void tst_Simulator::executable()
{
    const QString binary = qEnvironmentVariable("HUBHOOK_SIMULATOR_BINARY");
    if (binary.isEmpty())
        QSKIP("HUBHOOK_SIMULATOR_BINARY is not set");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString scenarioPath = dir.filePath(QStringLiteral("scenario.json"));
    QFile file(scenarioPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(sampleScenario()).toJson());
    file.close();

    QProcess process;
    process.setProgram(binary);
    process.setArguments({ QStringLiteral("--port"), QStringLiteral("0"),
                           QStringLiteral("--scenario"), scenarioPath });
    process.start();
    QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
    auto stopProcess = qScopeGuard([&process] {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
    const QString line = QString::fromUtf8(process.readLine()).trimmed();
    const QRegularExpression urlPattern(QStringLiteral("^http://127\\.0\\.0\\.1:(\\d+)$"));
    QVERIFY2(urlPattern.match(line).hasMatch(), qPrintable(line));
    {
        QNetworkAccessManager nam;
        QUrl url(line);
        url.setPath(QStringLiteral("/v2/namespaces/acme/repositories"));
        const Reply reply = send(nam, "GET", url);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.object().value(QStringLiteral("count")).toInt(), 25);
    }
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().trimmed().isEmpty()); // exactly one line

    // A bad scenario exits with 2 and says why.
    QFile badFile(scenarioPath);
    QVERIFY(badFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
    badFile.write(R"({"faults": [{"kind": "explode"}]})");
    badFile.close();
    QProcess bad;
    bad.start(binary, { QStringLiteral("--scenario"), scenarioPath });
    QVERIFY(bad.waitForFinished(10000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(bad.readAllStandardError().contains("faults[0].kind"));
}

void tst_Simulator::hookReceiver()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    hub.setRateLimit(1); // Docker Hub's limit does not apply to the receivers
    QCOMPARE(hub.hookUrl(QStringLiteral("ops")), QUrl(hub.baseUrl().toString() + "/hooks/ops"));
    QSignalSpy received(&hub, &SimulatedHub::webhookReceived);
    QNetworkAccessManager nam;
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const Reply first = postHook(
            nam, hub.hookUrl(QStringLiteral("ops")), "{\"text\":\"failed\"}",
            { { "X-Hubhook-Event", "build_failed" }, { "Authorization", "Bearer not-a-hub-jwt" } });
    QCOMPARE(first.status, 200);
    QCOMPARE(first.object(), QJsonObject({ { QStringLiteral("ok"), true } }));
    QVERIFY(!first.headers.contains("x-ratelimit-limit"));
    QUrl slackLike = hub.hookUrl(QStringLiteral("ops"));
    slackLike.setPath(slackLike.path() + QStringLiteral("/T000/B000"));
    QCOMPARE(postHook(nam, slackLike, "payload=x").status, 200);
    QCOMPARE(postHook(nam, hub.hookUrl(QStringLiteral("chat")), "{}").status, 200);
    // Only POSTs are webhooks.
    QCOMPARE(send(nam, "GET", hub.hookUrl(QStringLiteral("ops"))).status, 405);

    QCOMPARE(hub.webhookCount(), 3);
    QCOMPARE(hub.webhookCount(QStringLiteral("ops")), 2);
    QCOMPARE(hub.webhookCount(QStringLiteral("chat")), 1);
    QCOMPARE(hub.webhookCount(QStringLiteral("none")), 0);
    QCOMPARE(received.size(), 3);
    QCOMPARE(received.at(2).at(0).value<SimWebhook>().name, QStringLiteral("chat"));
    const QList<SimWebhook> all = hub.webhooks();
    QCOMPARE(all.size(), 3);
    QCOMPARE(all.at(0).name, QStringLiteral("ops"));
    QCOMPARE(all.at(1).path, QStringLiteral("/hooks/ops/T000/B000"));
    QCOMPARE(all.at(2).name, QStringLiteral("chat"));
    const SimWebhook hook = hub.webhooks(QStringLiteral("ops")).first();
    QCOMPARE(hook.path, QStringLiteral("/hooks/ops"));
    QCOMPARE(hook.body, QByteArray("{\"text\":\"failed\"}"));
    QCOMPARE(hook.headers.value(QStringLiteral("x-hubhook-event")), QStringLiteral("build_failed"));
    QCOMPARE(hook.headers.value(QStringLiteral("content-type")),
             QStringLiteral("application/json"));
    QCOMPARE(hook.headers.value(QStringLiteral("authorization")),
             QStringLiteral("Bearer not-a-hub-jwt"));
    QCOMPARE(hook.status, 200);
    QVERIFY(hook.received >= before.addSecs(-1));
    QVERIFY(hook.received <= QDateTime::currentDateTimeUtc());
    QCOMPARE(hub.webhooks(QStringLiteral("ops")).at(1).body, QByteArray("payload=x"));
    QCOMPARE(hub.requestCount(QStringLiteral("/hooks/")), 4);

    hub.clearWebhooks();
    QCOMPARE(hub.webhookCount(), 0);
    QVERIFY(hub.webhooks().isEmpty());
}

void tst_Simulator::hookCannedResponses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("gone") << 410 << QByteArray() << QByteArray() << QByteArray();
    QTest::newRow("moved") << 301 << QByteArray() << QByteArray("Location")
                           << QByteArray("https://hooks.example.com/new");
    QTest::newRow("throttled") << 429 << QByteArray("{\"retry_after\": 2}")
                               << QByteArray("Retry-After") << QByteArray("2");
    QTest::newRow("slack-invalid")
            << 400 << QByteArray("invalid_payload") << QByteArray() << QByteArray();
    QTest::newRow("discord-no-content") << 204 << QByteArray() << QByteArray() << QByteArray();
}

void tst_Simulator::hookCannedResponses()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, value);
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    QHash<QByteArray, QByteArray> headers;
    if (!header.isEmpty())
        headers.insert(header, value);
    hub.setHookResponse(QStringLiteral("ops"), status, body, headers);
    QNetworkAccessManager nam;
    // Twice on one connection: the canned answer is framed correctly and stays in place.
    for (int i = 0; i < 2; ++i) {
        const Reply reply = postHook(nam, hub.hookUrl(QStringLiteral("ops")), "{}");
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.body, body);
        if (!header.isEmpty())
            QCOMPARE(reply.header(header.toLower().constData()), value);
        if (body == "invalid_payload")
            QVERIFY(reply.header("content-type").startsWith("text/plain"));
    }
    QCOMPARE(hookStatuses(hub, QStringLiteral("ops")), QList<int>({ status, status }));
    QCOMPARE(postHook(nam, hub.hookUrl(QStringLiteral("other")), "{}").status, 200);

    hub.clearHookResponse(QStringLiteral("ops"));
    QCOMPARE(postHook(nam, hub.hookUrl(QStringLiteral("ops")), "{}").status, 200);
}

void tst_Simulator::hookFaults()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    SimFault unavailable;
    unavailable.pathContains = QStringLiteral("/hooks/ops");
    unavailable.kind = SimFaultKind::Status;
    unavailable.status = 503;
    unavailable.times = 1;
    hub.addFault(unavailable);
    SimFault hang;
    hang.pathContains = QStringLiteral("/hooks/slow");
    hang.kind = SimFaultKind::Hang;
    hang.times = 1;
    hub.addFault(hang);
    hub.setHookResponse(QStringLiteral("ops"), 202, "queued");
    QSignalSpy received(&hub, &SimulatedHub::webhookReceived);
    QNetworkAccessManager nam;
    QCOMPARE(postHook(nam, hub.hookUrl(QStringLiteral("ops")), "{}").status, 503);
    QCOMPARE(postHook(nam, hub.hookUrl(QStringLiteral("ops")), "{}").status, 202);
    QCOMPARE(postHook(nam, hub.hookUrl(QStringLiteral("chat")), "{}").status, 200);
    const Reply hung = postHook(nam, hub.hookUrl(QStringLiteral("slow")), "{\"a\":1}", {}, 300);
    QCOMPARE(hung.error, QNetworkReply::OperationCanceledError);
    QCOMPARE(hookStatuses(hub, QStringLiteral("ops")), QList<int>({ 503, 202 }));
    QCOMPARE(hookStatuses(hub, QStringLiteral("slow")), QList<int>({ 0 }));
    QCOMPARE(hub.webhooks(QStringLiteral("slow")).first().body, QByteArray("{\"a\":1}"));
    QCOMPARE(received.size(), 4);
}

void tst_Simulator::hookBurst()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    QSignalSpy received(&hub, &SimulatedHub::webhookReceived);
    QNetworkAccessManager nam;
    const int total = 400;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < total; ++i)
        replies.append(startHook(nam,
                                 hub.hookUrl(i % 2 ? QStringLiteral("a") : QStringLiteral("b")),
                                 QByteArray::number(i)));
    QSet<QByteArray> bodies;
    QElapsedTimer timer;
    timer.start();
    for (QNetworkReply *reply : replies)
        QCOMPARE(finish(reply, timer).status, 200);
    QCOMPARE(hub.webhookCount(), total);
    QCOMPARE(hub.webhookCount(QStringLiteral("a")), total / 2);
    QCOMPARE(received.size(), total);
    for (const SimWebhook &hook : hub.webhooks())
        bodies.insert(hook.body);
    QCOMPARE(bodies.size(), total);
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

void tst_Simulator::faultEveryNth()
{
    SimulatedHub hub;
    QVERIFY(hub.listen() != 0);
    SimFault fault;
    fault.pathContains = QStringLiteral("/hooks/ops");
    fault.kind = SimFaultKind::ServerError;
    fault.status = 500;
    fault.everyNth = 2;
    hub.addFault(fault);
    QNetworkAccessManager nam;
    QList<int> statuses;
    for (int i = 0; i < 10; ++i) {
        statuses.append(postHook(nam, hub.hookUrl(QStringLiteral("ops")), "{}").status);
        QCOMPARE(postHook(nam, hub.hookUrl(QStringLiteral("chat")), "{}").status, 200);
    }
    QCOMPARE(statuses, QList<int>({ 200, 500, 200, 500, 200, 500, 200, 500, 200, 500 }));
    QCOMPARE(hookStatuses(hub, QStringLiteral("ops")), statuses);

    // Skipped requests do not consume times: the 3rd and 6th are faulted, then it is used up.
    hub.clearFaults();
    hub.clearWebhooks();
    fault.everyNth = 3;
    fault.times = 2;
    hub.addFault(fault);
    for (int i = 0; i < 10; ++i)
        postHook(nam, hub.hookUrl(QStringLiteral("ops")), "{}");
    QCOMPARE(hookStatuses(hub, QStringLiteral("ops")),
             QList<int>({ 200, 200, 500, 200, 200, 500, 200, 200, 200, 200 }));
}

void tst_Simulator::faultProbabilityIsSeeded()
{
    auto run = [](std::optional<quint32> seed, double probability) {
        SimulatedHub hub;
        if (hub.listen() == 0)
            return QList<int>();
        if (seed)
            hub.setRandomSeed(*seed);
        SimFault fault;
        fault.pathContains = QStringLiteral("/hooks/");
        fault.kind = SimFaultKind::Status;
        fault.status = 503;
        fault.probability = probability;
        hub.addFault(fault);
        QNetworkAccessManager nam;
        QList<int> statuses;
        for (int i = 0; i < 20; ++i)
            statuses.append(postHook(nam, hub.hookUrl(QStringLiteral("ops")), "{}").status);
        return statuses;
    };
    const QList<int> first = run(42, 0.5);
    QCOMPARE(first.size(), 20);
    QCOMPARE(run(42, 0.5), first);
    const qsizetype faulted = first.count(503);
    QVERIFY2(faulted > 0 && faulted < 20, qPrintable(QString::number(faulted)));
    QCOMPARE(first.count(200), 20 - faulted);
    QCOMPARE(run(std::nullopt, 0.5), run(1, 0.5)); // the default seed is 1
    QCOMPARE(run(42, 0.0).count(503), 0);
    QCOMPARE(run(42, 1.0).count(503), 20);
}

void tst_Simulator::scenarioFaultFraction()
{
    SimulatedHub hub;
    QString error;
    QVERIFY2(hub.loadScenario(QJsonDocument::fromJson(R"({"random_seed": 9, "faults": [
        {"kind": "status", "status": 429, "path_contains": "/hooks/a", "every_nth": 2},
        {"kind": "server_error", "path_contains": "/hooks/b", "probability": 0.0}]})")
                                      .object(),
                              &error),
             qPrintable(error));
    QVERIFY(hub.listen() != 0);
    QNetworkAccessManager nam;
    for (int i = 0; i < 4; ++i) {
        postHook(nam, hub.hookUrl(QStringLiteral("a")), "{}");
        postHook(nam, hub.hookUrl(QStringLiteral("b")), "{}");
    }
    QCOMPARE(hookStatuses(hub, QStringLiteral("a")), QList<int>({ 200, 429, 200, 429 }));
    QCOMPARE(hookStatuses(hub, QStringLiteral("b")), QList<int>({ 200, 200, 200, 200 }));
}

void tst_Simulator::tls()
{
    SimulatedHub plain;
    QVERIFY(plain.listen() != 0);
    QString error;
    QVERIFY(!plain.enableTls(&error));
    QVERIFY2(error.contains(QLatin1String("before listen")), qPrintable(error));
    QVERIFY(plain.certificate().isNull());

    SimulatedHub hub;
    QVERIFY2(hub.enableTls(&error), qPrintable(error));
    QVERIFY(hub.isTlsEnabled());
    QVERIFY(!hub.certificate().isNull());
    QVERIFY(hub.listen() != 0);
    hub.addNamespace(QStringLiteral("acme"));
    QCOMPARE(hub.baseUrl().scheme(), QStringLiteral("https"));
    QVERIFY(hub.hookUrl(QStringLiteral("ops")).toString().startsWith("https://127.0.0.1:"));
    QElapsedTimer timer;
    timer.start();
    {
        // Untrusted: the handshake fails and nothing is recorded.
        QNetworkAccessManager nam;
        const Reply reply = postHook(nam, hub.hookUrl(QStringLiteral("ops")), "{}");
        QCOMPARE(reply.error, QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(hub.webhookCount(), 0);
    }
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = startHook(nam, hub.hookUrl(QStringLiteral("ops")), "{\"n\":1}");
        QList<QSslError> errors;
        connect(reply, &QNetworkReply::sslErrors, reply,
                [reply, &errors](const QList<QSslError> &e) {
                    errors = e;
                    reply->ignoreSslErrors();
                });
        const Reply ignored = finish(reply, timer);
        QCOMPARE(ignored.error, QNetworkReply::NoError);
        QCOMPARE(ignored.status, 200);
        QVERIFY(!errors.isEmpty());
        for (const QSslError &e : errors)
            QVERIFY2(e.error() != QSslError::HostNameMismatch, qPrintable(e.errorString()));
        QCOMPARE(hub.webhooks(QStringLiteral("ops")).first().body, QByteArray("{\"n\":1}"));
    }
    {
        QNetworkAccessManager nam;
        QSslConfiguration trusting = QSslConfiguration::defaultConfiguration();
        trusting.addCaCertificate(hub.certificate());
        const Reply hook = finish(
                startHook(nam, hub.hookUrl(QStringLiteral("ops")), "{}", {}, 10000, &trusting),
                timer);
        QCOMPARE(hook.error, QNetworkReply::NoError);
        QCOMPARE(hook.status, 200);
        QNetworkRequest request(urlFor(hub, QStringLiteral("/v2/namespaces/acme/repositories")));
        request.setSslConfiguration(trusting);
        const Reply api = finish(nam.get(request), timer);
        QCOMPARE(api.status, 200);
        QCOMPARE(api.object().value(QStringLiteral("count")).toInt(), 0);
    }
    QCOMPARE(hub.webhookCount(), 2);
}

void tst_Simulator::executableTls()
{
    const QString binary = qEnvironmentVariable("HUBHOOK_SIMULATOR_BINARY");
    if (binary.isEmpty())
        QSKIP("HUBHOOK_SIMULATOR_BINARY is not set");
    QProcess process;
    process.start(binary, { QStringLiteral("--tls"), QStringLiteral("--hooks-log") });
    QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
    auto stopProcess = qScopeGuard([&process] {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 30000);
    const QString line = QString::fromUtf8(process.readLine()).trimmed();
    QVERIFY2(QRegularExpression(QStringLiteral("^https://127\\.0\\.0\\.1:\\d+$"))
                     .match(line)
                     .hasMatch(),
             qPrintable(line + QString::fromUtf8(process.readAllStandardError())));
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = startHook(nam, QUrl(line + QStringLiteral("/hooks/ops")),
                                         "{\"text\":\"x\"}", { { "X-Test", "1" } });
        connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(finish(reply, timer).status, 200);
    }
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
    const QJsonObject logged = QJsonDocument::fromJson(process.readLine()).object();
    QCOMPARE(logged.value(QStringLiteral("name")).toString(), QStringLiteral("ops"));
    QCOMPARE(logged.value(QStringLiteral("body")).toString(), QStringLiteral("{\"text\":\"x\"}"));
    QCOMPARE(logged.value(QStringLiteral("headers")).toObject().value(QStringLiteral("x-test")),
             QJsonValue(QStringLiteral("1")));
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
}

// What `hubhook --demo` runs: the demo's world, announced on one JSON line; it ends when its
// standard input does (the parent went away), and --demo brings its own data.
void tst_Simulator::executableForTheDemo()
{
    const QString binary = qEnvironmentVariable("HUBHOOK_SIMULATOR_BINARY");
    if (binary.isEmpty())
        QSKIP("HUBHOOK_SIMULATOR_BINARY is not set");
    QProcess process;
    process.start(binary,
                  { QStringLiteral("--demo"), QStringLiteral("--json"),
                    QStringLiteral("--until-stdin-eof") });
    QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
    auto stopProcess = qScopeGuard([&process] {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    });
    QTRY_VERIFY_WITH_TIMEOUT(process.canReadLine(), 10000);
    const QJsonObject line = QJsonDocument::fromJson(process.readLine()).object();
    const QUrl hub(line.value(QStringLiteral("dockerhub")).toString());
    const QUrl github(line.value(QStringLiteral("github")).toString());
    QVERIFY2(hub.isValid() && hub.port() > 0 && github.port() > 0,
             qPrintable(QString::fromUtf8(QJsonDocument(line).toJson())));
    const QJsonObject demo = line.value(QStringLiteral("demo")).toObject();
    QVERIFY(!demo.value(QStringLiteral("github_token")).toString().isEmpty());
    const QJsonObject triggers = demo.value(QStringLiteral("triggers")).toObject();
    QCOMPARE(triggers.keys(), QStringList({ "demo/base-image", "demo/worker" }));
    {
        QNetworkAccessManager nam;
        QUrl url = hub;
        url.setPath(QStringLiteral("/v2/namespaces/demo/repositories"));
        const Reply listing = send(nam, "GET", url);
        QCOMPARE(listing.status, 200);
        QCOMPARE(listing.object().value(QStringLiteral("count")).toInt(), 16);
        const Reply fired = send(
                nam, "POST", QUrl(triggers.value(QStringLiteral("demo/worker")).toString()), "{}");
        QCOMPARE(fired.status, 200);
        url = github;
        url.setPath(QStringLiteral("/orgs/acme-gh/repos"));
        const Reply repos
                = send(nam, "GET", url, {},
                       "Bearer " + demo.value(QStringLiteral("github_token")).toString().toUtf8());
        QCOMPARE(repos.status, 200);
        QCOMPARE(repos.json.array().size(), 2);
    }
    process.closeWriteChannel();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);

    QProcess mixed;
    mixed.start(
            binary,
            { QStringLiteral("--demo"), QStringLiteral("--github-repos"), QStringLiteral("3") });
    QVERIFY(mixed.waitForFinished(10000));
    QCOMPARE(mixed.exitCode(), 2);
    QVERIFY(mixed.readAllStandardError().contains("--demo brings its own data"));
}

QTEST_GUILESS_MAIN(tst_Simulator)
#include "tst_simulator.moc"
