#include "config/Config.h"
#include "config/Validation.h"

#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;

class TestConfig : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void valid();
    void defaults();
    void errors_data();
    void errors();
    void fileErrorsNameTheFile();
    void secretNames();
    void sharedValidationRules();
    void numbersOutOfRange_data();
    void numbersOutOfRange();
};

static const char *kValid = R"({
  "version": 1,
  "poll_interval": "2m",
  "request_timeout": "15s",
  "history_refresh": "30m",
  "concurrency": 6,
  "accounts": {
    "hub": {"provider": "dockerhub", "username": "alice", "token": "secret:hub-token"},
    "public": {"provider": "dockerhub", "base_url": "http://127.0.0.1:8080"}
  },
  "watch": [
    {"account": "hub", "namespace": "acme"},
    {"account": "public", "repository": "library/nginx", "tags": ["latest", "alpine"]}
  ]
})";

void TestConfig::valid()
{
    const ConfigResult r = parseConfig(kValid);
    QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
    const Config &c = r.config;
    QCOMPARE(c.pollIntervalMs, 120000);
    QCOMPARE(c.requestTimeoutMs, 15000);
    QCOMPARE(c.historyRefreshMs, 1800000);
    QCOMPARE(c.concurrency, 6);
    QCOMPARE(c.accounts.size(), 2);
    QCOMPARE(c.accounts["hub"].tokenSecret, QStringLiteral("hub-token"));
    QCOMPARE(c.accounts["hub"].baseUrl, QUrl("https://hub.docker.com"));
    QCOMPARE(c.accounts["public"].baseUrl, QUrl("http://127.0.0.1:8080"));
    QCOMPARE(c.watch.size(), 2);
    QVERIFY(c.watch[0].isNamespace());
    QCOMPARE(c.watch[1].repository, QStringLiteral("library/nginx"));
    QCOMPARE(c.watch[1].tags, QStringList({ "latest", "alpine" }));
}

void TestConfig::defaults()
{
    const ConfigResult r = parseConfig(R"({"version": 1})");
    QVERIFY(r.ok());
    QCOMPARE(r.config.pollIntervalMs, 5 * 60 * 1000);
    QCOMPARE(r.config.requestTimeoutMs, 20 * 1000);
    QCOMPARE(r.config.concurrency, 4);
    QVERIFY(r.config.watch.isEmpty());
}

void TestConfig::errors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // a substring of one of the errors

    const QByteArray acct = R"("accounts": {"hub": {"provider": "dockerhub"}})";
    QTest::newRow("not json") << QByteArray("{\n  \"version\": 1,\n  oops\n}")
                              << "line 3, column 4: unterminated object";
    QTest::newRow("array at top") << QByteArray("[]") << "top level must be a JSON object";
    QTest::newRow("version missing") << QByteArray("{}") << "version: is required";
    QTest::newRow("version 2") << QByteArray(R"({"version": 2})")
                               << "version: unsupported version 2";
    QTest::newRow("version string")
            << QByteArray(R"({"version": "1"})") << "version: expected a number, got a string";
    QTest::newRow("unknown top key")
            << QByteArray(R"({"version": 1, "pol_interval": "5m"})") << "pol_interval: unknown key";
    QTest::newRow("bad duration") << QByteArray(R"({"version": 1, "poll_interval": "soon"})")
                                  << "poll_interval: not a duration: \"soon\"";
    QTest::newRow("duration not string") << QByteArray(R"({"version": 1, "poll_interval": 300})")
                                         << "poll_interval: expected a string, got a number";
    QTest::newRow("poll too fast") << QByteArray(R"({"version": 1, "poll_interval": "10ms"})")
                                   << "poll_interval: must be at least 1s";
    QTest::newRow("concurrency 0") << QByteArray(R"({"version": 1, "concurrency": 0})")
                                   << "concurrency: must be between 1 and 32";
    QTest::newRow("account not object") << QByteArray(R"({"version": 1, "accounts": {"hub": 3}})")
                                        << "accounts.hub: expected an object, got a number";
    QTest::newRow("provider missing") << QByteArray(R"({"version": 1, "accounts": {"hub": {}}})")
                                      << "accounts.hub.provider: is required";
    QTest::newRow("provider unknown")
            << QByteArray(R"({"version": 1, "accounts": {"hub": {"provider": "quay"}}})")
            << "accounts.hub.provider: unsupported provider \"quay\"";
    QTest::newRow("account unknown key") << QByteArray(
            R"({"version": 1, "accounts": {"hub": {"provider": "dockerhub", "pasword": "x"}}})")
                                         << "accounts.hub.pasword: unknown key";
    QTest::newRow("token in clear") << QByteArray(
            R"({"version": 1, "accounts": {"hub": {"provider": "dockerhub", "username": "a", "token": "dckr_pat_123"}}})")
                                    << "accounts.hub.token: must be a secret reference";
    QTest::newRow("bad secret name") << QByteArray(
            R"({"version": 1, "accounts": {"hub": {"provider": "dockerhub", "username": "a", "token": "secret:a b"}}})")
                                     << "accounts.hub.token: bad secret name";
    QTest::newRow("token without user") << QByteArray(
            R"({"version": 1, "accounts": {"hub": {"provider": "dockerhub", "token": "secret:t"}}})")
                                        << "accounts.hub.username: is required when a token is set";
    QTest::newRow("base_url ftp") << QByteArray(
            R"({"version": 1, "accounts": {"hub": {"provider": "dockerhub", "base_url": "ftp://x"}}})")
                                  << "accounts.hub.base_url: not an http(s) URL";
    QTest::newRow("base_url with credentials") << QByteArray(
            R"({"version": 1, "accounts": {"hub": {"provider": "dockerhub", "base_url": "https://u:p@x.org"}}})")
                                               << "accounts.hub.base_url: must not contain "
                                                  "credentials";
    QTest::newRow("watch not array") << QByteArray(R"({"version": 1, "watch": {}})")
                                     << "watch: expected an array, got an object";
    QTest::newRow("watch bad account (issue example)") << QByteArray(
            R"({"version": 1, )" + acct
            + R"(, "watch": [{"account": "hub", "namespace": "a"}, {"account": "hub", "namespace": "b"}, {"account": "hbu", "namespace": "c"}]})")
                                                       << "watch[2].account: no account named "
                                                          "\"hbu\"";
    QTest::newRow("watch both") << QByteArray(
            R"({"version": 1, )" + acct
            + R"(, "watch": [{"account": "hub", "namespace": "a", "repository": "a/b"}]})")
                                << "watch[0]: needs exactly one of";
    QTest::newRow("watch neither")
            << QByteArray(R"({"version": 1, )" + acct + R"(, "watch": [{"account": "hub"}]})")
            << "watch[0]: needs exactly one of";
    QTest::newRow("watch bad repository")
            << QByteArray(R"({"version": 1, )" + acct
                          + R"(, "watch": [{"account": "hub", "repository": "nginx"}]})")
            << "watch[0].repository: expected \"namespace/name\"";
    QTest::newRow("watch upper-case namespace")
            << QByteArray(R"({"version": 1, )" + acct
                          + R"(, "watch": [{"account": "hub", "namespace": "Acme"}]})")
            << "watch[0].namespace: not a Docker Hub namespace";
    QTest::newRow("tags on namespace")
            << QByteArray(R"({"version": 1, )" + acct
                          + R"(, "watch": [{"account": "hub", "namespace": "a", "tags": ["x"]}]})")
            << "watch[0].tags: only applies to a \"repository\" watch";
    QTest::newRow("tag not string")
            << QByteArray(R"({"version": 1, )" + acct
                          + R"(, "watch": [{"account": "hub", "repository": "a/b", "tags": [1]}]})")
            << "watch[0].tags[0]: expected a string, got a number";
    QTest::newRow("duplicate watch") << QByteArray(
            R"({"version": 1, )" + acct
            + R"(, "watch": [{"account": "hub", "namespace": "a"}, {"account": "hub", "namespace": "a"}]})")
                                     << "watch[1]: duplicate watch of a/*";
    QTest::newRow("watch unknown key")
            << QByteArray(R"({"version": 1, )" + acct
                          + R"(, "watch": [{"account": "hub", "namespace": "a", "tag": "x"}]})")
            << "watch[0].tag: unknown key";
    const QByteArray trigger
            = R"({"version": 1, "triggers": [{"name": "t", "url": "secret:u", "schedule": "%1"}]})";
    QTest::newRow("schedule never fires")
            << QByteArray(trigger).replace("%1", "0 0 31 4 *")
            << "triggers[0].schedule: no date matches day-of-month \"31\", month \"4\" and "
               "day-of-week \"*\": the schedule would never fire";
    QTest::newRow("schedule in the past")
            << QByteArray(trigger).replace("%1", "0 0 0 1 1 ? 2020")
            << "triggers[0].schedule: never fires again: every year it names is past";
}

void TestConfig::errors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const ConfigResult r = parseConfig(json);
    QVERIFY(!r.ok());
    const QString all = r.errors.join('\n');
    QVERIFY2(all.contains(expected), qPrintable(all));
    // A token written in clear must never be echoed back.
    QVERIFY(!all.contains("dckr_pat_123"));
}

void TestConfig::fileErrorsNameTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("config.json");
    const ConfigResult missing = loadConfigFile(path);
    QVERIFY(!missing.ok());
    QVERIFY(missing.errors.first().startsWith(path + ": cannot read (no such file)"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"version": 1, "watch": [{"account": "x", "namespace": "y"}]})");
    f.close();
    const ConfigResult bad = loadConfigFile(path);
    QCOMPARE(bad.errors, QStringList { path + ": watch[0].account: no account named \"x\"" });
}

void TestConfig::secretNames()
{
    const ConfigResult r = parseConfig(kValid);
    QCOMPARE(r.config.secretNames(), QStringList { "hub-token" });
    QCOMPARE(secretReference("secret:abc"), QStringLiteral("abc"));
    QCOMPARE(secretReference("abc"), QString());
}

// The rules the parser and the settings dialog share (config/Validation.h).
void TestConfig::sharedValidationRules()
{
    QVERIFY(isNamespaceName("acme") && isNamespaceName("my-org.io_x"));
    QVERIFY(!isNamespaceName("Acme") && !isNamespaceName("a--b") && !isNamespaceName("-a"));
    QVERIFY(isRepositoryName("acme/api", false) && isRepositoryName("acme/api:1.2-x", true));
    QVERIFY(!isRepositoryName("acme/api:latest", false) && !isRepositoryName("acme", true));
    QVERIFY(!isRepositoryName("acme/api/x", true));
    QVERIFY(isHeaderName("X-Api-Key") && !isHeaderName("X Api") && !isHeaderName(""));
    QVERIFY(isHttpUrl(QUrl("https://hooks.example/x")) && isHttpUrl(QUrl("http://127.0.0.1:8/")));
    QVERIFY(!isHttpUrl(QUrl("ftp://example/")) && !isHttpUrl(QUrl("https:///path")));
    // The parser applies the same rules.
    QVERIFY(!parseConfig(R"({"version": 1, "accounts": {"hub": {"provider": "dockerhub"}},
        "watch": [{"account": "hub", "namespace": "Acme"}]})")
                     .ok());
}

// Issue 14: a number too large for its field is an error naming the field, never wrapped,
// truncated or taken for another value.
void TestConfig::numbersOutOfRange_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // the one error
    QTest::newRow("poll_interval days overflow")
            << QByteArray(R"({"version": 1, "poll_interval": "8825400613783079d"})")
            << "poll_interval: duration out of range: \"8825400613783079d\" (at most 36500d)";
    QTest::newRow("poll_interval minutes overflow")
            << QByteArray(R"({"version": 1, "poll_interval": "222222222222220m"})")
            << "poll_interval: duration out of range: \"222222222222220m\" (at most 36500d)";
    QTest::newRow("request_timeout past qint64")
            << QByteArray(R"({"version": 1, "request_timeout": "99999999999999999999s"})")
            << "request_timeout: duration out of range: \"99999999999999999999s\" (at most 36500d)";
    QTest::newRow("version 2^32 + 1")
            << QByteArray(R"({"version": 4294967297})")
            << "version: unsupported version 4294967297 (this Hubhook reads version 1)";
    QTest::newRow("version 1e300")
            << QByteArray(R"({"version": 1e300})") << "version: number out of range: 1e+300";
    QTest::newRow("version 1.5") << QByteArray(R"({"version": 1.5})")
                                 << "version: expected a whole number, got 1.5";
    QTest::newRow("concurrency 2^32 + 4")
            << QByteArray(R"({"version": 1, "concurrency": 4294967300})")
            << "concurrency: must be between 1 and 32, got 4294967300";
    QTest::newRow("concurrency -2^32 + 4")
            << QByteArray(R"({"version": 1, "concurrency": -4294967292})")
            << "concurrency: must be between 1 and 32, got -4294967292";
    QTest::newRow("concurrency 1e300") << QByteArray(R"({"version": 1, "concurrency": 1e300})")
                                       << "concurrency: number out of range: 1e+300";
}

void TestConfig::numbersOutOfRange()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    const ConfigResult r = parseConfig(json);
    QCOMPARE(r.errors, QStringList { expected });
    QCOMPARE(r.config.version, 1);
    QVERIFY(r.config.concurrency >= 1 && r.config.concurrency <= 32);
    QVERIFY(r.config.pollIntervalMs >= 1000);
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
