#include "providers/dockerhub/DockerHubApi.h"

#include <QTest>

using namespace hubhook;
using namespace hubhook::dockerhub;

// Payloads from shared/reference/wire-formats.md and the seed documents.
class TestDockerHubApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seedBuildHistory();
    void historyTolerance();
    void historyErrors_data();
    void historyErrors();
    void repositoryPage();
    void legacyRepositoryPage();
    void login_data();
    void login();
    void tags();
    void errorDetails();
    void jwt();
};

static const QUrl kWeb("https://hub.docker.com");

void TestDockerHubApi::seedBuildHistory()
{
    const QByteArray body = R"({"count": 1, "next": null, "previous": null, "results": [
      {"id": 23028946, "status": -1, "created_date": "2018-04-24T13:34:33.654759Z",
       "last_updated": "2018-04-24T13:36:39.537606Z", "build_code": "beedjaiuvjxk5m37uxjorja",
       "dockertag_name": "latest", "cause": "TRIGGERED_VIA_API"}]})";
    QString error;
    const auto page = parseBuildHistory(body, "axibase/atsd", kWeb, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->results.size(), 1);
    const Build &b = page->results.first();
    QCOMPARE(b.id, 23028946);
    QCOMPARE(b.statusCode, -1);
    QCOMPARE(b.state, BuildState::Failed);
    QCOMPARE(b.repository, QStringLiteral("axibase/atsd"));
    QCOMPARE(b.tag, QStringLiteral("latest"));
    QCOMPARE(b.buildCode, QStringLiteral("beedjaiuvjxk5m37uxjorja"));
    QCOMPARE(b.cause, QStringLiteral("TRIGGERED_VIA_API"));
    QCOMPARE(b.created, QDateTime(QDate(2018, 4, 24), QTime(13, 34, 33, 654), Qt::UTC));
    QCOMPARE(b.updated, QDateTime(QDate(2018, 4, 24), QTime(13, 36, 39, 537), Qt::UTC));
    QCOMPARE(b.url,
             QStringLiteral("https://hub.docker.com/repository/docker/axibase/atsd/builds/"
                            "beedjaiuvjxk5m37uxjorja"));
}

void TestDockerHubApi::historyTolerance()
{
    // null cause, missing last_updated, missing build_code, extra fields: all fine.
    const QByteArray body = R"({"results": [
      {"id": 7, "status": 10, "created_date": "2018-04-24T13:34:33Z", "cause": null,
       "dockertag_name": "v1", "something_new": {"x": 1}},
      {"id": 8, "status": 3, "created_date": null, "last_updated": null, "dockertag_name": null}]})";
    QString error;
    const auto page = parseBuildHistory(body, "a/b", kWeb, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->results.size(), 2);
    QCOMPARE(page->results[0].cause, QString());
    QCOMPARE(page->results[0].updated, page->results[0].created);
    QCOMPARE(page->results[1].state, BuildState::Building);
    QVERIFY(!page->results[1].created.isValid());
}

void TestDockerHubApi::historyErrors_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("error");
    QTest::newRow("truncated") << QByteArray(R"({"count": 3, "results": [{"id": )")
                               << "malformed JSON at line 1, column";
    QTest::newRow("html page") << QByteArray("<html><body><h1>502 Bad Gateway</h1></body></html>")
                               << "expected JSON, got an HTML page";
    QTest::newRow("array") << QByteArray("[]") << "expected a JSON object";
    QTest::newRow("no results") << QByteArray(R"({"count": 0})") << "results: is required";
    QTest::newRow("status string") << QByteArray(R"({"results": [{"id": 1, "status": "-1"}]})")
                                   << "results[0].status: expected a number, got a string";
    QTest::newRow("id missing") << QByteArray(R"({"results": [{"status": 10}, {"id": 2}]})")
                                << "results[0].id: is required";
    QTest::newRow("bad date") << QByteArray(
            R"({"results": [{"id": 1, "status": 10, "created_date": "yesterday"}]})")
                              << "results[0].created_date: not a date: \"yesterday\"";
    QTest::newRow("result not object")
            << QByteArray(R"({"results": [1]})") << "results[0]: expected an object";
}

void TestDockerHubApi::historyErrors()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, error);
    QString actual;
    QVERIFY(!parseBuildHistory(body, "a/b", kWeb, &actual));
    QVERIFY2(actual.contains(error), qPrintable(actual));
}

void TestDockerHubApi::repositoryPage()
{
    const QByteArray body
            = R"({"count": 287, "next": "https://hub.docker.com/v2/namespaces/acme/repositories?page=2&page_size=100",
      "previous": null, "results": [
      {"name": "api", "namespace": "acme", "repository_type": "image", "status": 1,
       "status_description": "active", "description": "", "is_private": true, "star_count": 3,
       "pull_count": 1200, "last_updated": "2026-11-20T08:00:01.123456Z",
       "last_modified": "2026-11-20T08:00:01.123456Z", "date_registered": "2020-01-01T00:00:00Z"},
      {"name": "web", "namespace": "acme", "repository_type": null, "is_private": false,
       "last_updated": null}]})";
    QString error;
    const auto page = parseRepositoryPage(body, "acme", &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->count, 287);
    QCOMPARE(page->next,
             QUrl("https://hub.docker.com/v2/namespaces/acme/repositories?page=2&page_size=100"));
    QCOMPARE(page->results.size(), 2);
    QCOMPARE(page->results[0].fullName(), QStringLiteral("acme/api"));
    QVERIFY(page->results[0].isPrivate);
    QCOMPARE(page->results[0].lastUpdated,
             QDateTime(QDate(2026, 11, 20), QTime(8, 0, 1, 123), Qt::UTC));
    QVERIFY(!page->results[1].lastUpdated.isValid()); // never pushed
}

void TestDockerHubApi::legacyRepositoryPage()
{
    // The legacy endpoint: `user`, `is_automated`, `can_edit`, and a last page (next null).
    const QByteArray body = R"({"count": 1, "next": null, "previous": null, "results": [
      {"user": "axibase", "name": "atsd", "namespace": "axibase", "is_automated": true,
       "can_edit": false, "last_updated": "2018-04-24T13:36:39.537606Z"}]})";
    QString error;
    const auto page = parseRepositoryPage(body, "axibase", &error);
    QVERIFY2(page, qPrintable(error));
    QVERIFY(page->next.isEmpty());
    QCOMPARE(page->results.first().fullName(), QStringLiteral("axibase/atsd"));

    QVERIFY(!parseRepositoryPage(R"({"results": [{"namespace": "x"}]})", "x", &error));
    QCOMPARE(error, QStringLiteral("results[0].name: is required"));
}

void TestDockerHubApi::login_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("secondFactor");
    QTest::addColumn<bool>("valid");
    QTest::newRow("users/login") << QByteArray(R"({"token": "a.b.c"})") << "a.b.c" << false << true;
    QTest::newRow("auth/token") << QByteArray(R"({"access_token": "x.y.z"})") << "x.y.z" << false
                                << true;
    QTest::newRow("2fa") << QByteArray(
            R"({"detail": "Require secondary authentication on MFA enabled account", "login_2fa_token": "t"})")
                         << "" << true << true;
    QTest::newRow("no token") << QByteArray(R"({"detail": "hm"})") << "" << false << false;
    QTest::newRow("garbage") << QByteArray("<html>") << "" << false << false;
}

void TestDockerHubApi::login()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, token);
    QFETCH(bool, secondFactor);
    QFETCH(bool, valid);
    QString error;
    const auto r = parseLogin(body, &error);
    QCOMPARE(bool(r), valid);
    if (!valid) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QCOMPARE(r->token, token);
    QCOMPARE(r->needsSecondFactor, secondFactor);
}

void TestDockerHubApi::tags()
{
    QString error;
    const auto tags = parseTags(R"({"count": 2, "next": null, "results": [
      {"name": "latest", "last_updated": "2026-11-20T08:00:00Z", "tag_last_pushed": "2026-11-20T07:59:00.5Z",
       "digest": "sha256:abc", "images": []},
      {"name": "old", "last_updated": "2020-01-01T00:00:00Z", "tag_last_pushed": null}]})",
                                &error);
    QVERIFY2(tags, qPrintable(error));
    QCOMPARE(tags->value("latest"), QDateTime(QDate(2026, 11, 20), QTime(7, 59, 0, 500), Qt::UTC));
    QCOMPARE(tags->value("old"), QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC)); // falls back
    QVERIFY(!parseTags(R"({"results": [{"name": 3}]})", &error));
    QCOMPARE(error, QStringLiteral("results[0].name: expected a string, got a number"));
}

void TestDockerHubApi::errorDetails()
{
    QCOMPARE(errorDetail(R"({"detail": "Incorrect authentication credentials"})"),
             QStringLiteral("Incorrect authentication credentials"));
    QCOMPARE(errorDetail(R"({"detail": "Rate limit exceeded", "error": false})"),
             QStringLiteral("Rate limit exceeded"));
    QCOMPARE(errorDetail("<html><body>502</body></html>"), QString());
    QCOMPARE(errorDetail(QByteArray(R"({"detail": ")") + QByteArray(500, 'x') + "\"}").size(), 200);
}

void TestDockerHubApi::jwt()
{
    const QByteArray payload
            = QByteArray(R"({"sub": "alice", "exp": 1900000000})")
                      .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QCOMPARE(jwtExpiry("eyJhbGciOiJIUzI1NiJ9." + payload + ".sig"),
             QDateTime::fromSecsSinceEpoch(1900000000, Qt::UTC));
    QVERIFY(!jwtExpiry("opaque-token").isValid());
    QVERIFY(!jwtExpiry("a.bm90IGpzb24.c").isValid());
}

QTEST_GUILESS_MAIN(TestDockerHubApi)
#include "tst_dockerhubapi.moc"
