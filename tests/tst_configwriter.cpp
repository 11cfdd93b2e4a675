#include "config/Config.h"
#include "config/ConfigWriter.h"

#include <sys/stat.h>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;

class TestConfigWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void constructedConfig();
    void defaultsAreLeftOut();
    void durations();
    void fileIsPrivateAndHoldsOnlyReferences();
    void overwriteTightensPermissions();
    void unwritableDirectory();
};

namespace {

// Every field of two configs that differs, by path: empty when they are equal.
QStringList differences(const Config &a, const Config &b)
{
    QStringList out;
    auto check = [&out](bool same, const QString &path) {
        if (!same)
            out.append(path);
    };
    check(a.version == b.version, "version");
    check(a.pollIntervalMs == b.pollIntervalMs, "poll_interval");
    check(a.requestTimeoutMs == b.requestTimeoutMs, "request_timeout");
    check(a.historyRefreshMs == b.historyRefreshMs, "history_refresh");
    check(a.concurrency == b.concurrency, "concurrency");
    check(a.queuedAlertAfterMs == b.queuedAlertAfterMs, "queued_alert_after");
    check(a.ignoreOlderThanMs == b.ignoreOlderThanMs, "ignore_older_than");
    check(a.deliverySchedule == b.deliverySchedule, "delivery_schedule");
    check(a.accounts.keys() == b.accounts.keys(), "accounts (names)");
    for (const AccountConfig &x : a.accounts) {
        const AccountConfig y = b.accounts.value(x.name);
        const QString p = "accounts." + x.name;
        check(x.name == y.name, p + ".name");
        check(x.provider == y.provider, p + ".provider");
        check(x.baseUrl == y.baseUrl, p + ".base_url");
        check(x.username == y.username, p + ".username");
        check(x.tokenSecret == y.tokenSecret, p + ".token");
    }
    check(a.watch.size() == b.watch.size(), "watch (count)");
    for (int i = 0; i < qMin(a.watch.size(), b.watch.size()); ++i) {
        const WatchConfig &x = a.watch[i], &y = b.watch[i];
        const QString p = QStringLiteral("watch[%1]").arg(i);
        check(x.account == y.account, p + ".account");
        check(x.ns == y.ns, p + ".namespace");
        check(x.repository == y.repository, p + ".repository");
        check(x.tags == y.tags, p + ".tags");
        check(x.retryTrigger == y.retryTrigger, p + ".retry_failed.trigger");
        check(x.retryMaxAttempts == y.retryMaxAttempts, p + ".retry_failed.max_attempts");
    }
    check(a.webhooks.size() == b.webhooks.size(), "webhooks (count)");
    for (int i = 0; i < qMin(a.webhooks.size(), b.webhooks.size()); ++i) {
        const WebhookConfig &x = a.webhooks[i], &y = b.webhooks[i];
        const QString p = QStringLiteral("webhooks[%1]").arg(i);
        check(x.name == y.name, p + ".name");
        check(x.url == y.url, p + ".url");
        check(x.urlSecret == y.urlSecret, p + ".url (secret)");
        check(x.format == y.format, p + ".format");
        check(x.events == y.events, p + ".events");
        check(x.repositories == y.repositories, p + ".repositories");
        check(x.signSecret == y.signSecret, p + ".sign");
        check(x.headers == y.headers, p + ".headers");
        check(x.insecureTls == y.insecureTls, p + ".insecure_tls");
        check(x.timeoutMs == y.timeoutMs, p + ".timeout");
    }
    check(a.triggers.size() == b.triggers.size(), "triggers (count)");
    for (int i = 0; i < qMin(a.triggers.size(), b.triggers.size()); ++i) {
        const TriggerConfig &x = a.triggers[i], &y = b.triggers[i];
        const QString p = QStringLiteral("triggers[%1]").arg(i);
        check(x.name == y.name, p + ".name");
        check(x.url == y.url, p + ".url");
        check(x.urlSecret == y.urlSecret, p + ".url (secret)");
        check(x.method == y.method, p + ".method");
        check(x.body == y.body, p + ".body");
        check(x.headers == y.headers, p + ".headers");
        check(x.account == y.account, p + ".account");
        check(x.schedule == y.schedule, p + ".schedule");
        check(x.afterSuccessOf == y.afterSuccessOf, p + ".after_success_of");
        check(x.expectBuild.has_value() == y.expectBuild.has_value(), p + ".expect_build");
        if (x.expectBuild && y.expectBuild) {
            check(x.expectBuild->repository == y.expectBuild->repository,
                  p + ".expect_build.repository");
            check(x.expectBuild->tag == y.expectBuild->tag, p + ".expect_build.tag");
            check(x.expectBuild->withinMs == y.expectBuild->withinMs, p + ".expect_build.within");
        }
        check(x.jitterMs == y.jitterMs, p + ".jitter");
        check(x.timeoutMs == y.timeoutMs, p + ".timeout");
    }
    check(a.notifications.enabled == b.notifications.enabled, "notifications.enabled");
    check(a.notifications.events == b.notifications.events, "notifications.events");
    check(a.notifications.mutedRepositories == b.notifications.mutedRepositories,
          "notifications.muted_repositories");
    check(a.general.startAtLogin == b.general.startAtLogin, "general.start_at_login");
    check(a.general.startHidden == b.general.startHidden, "general.start_hidden");
    check(a.notifications.onStart == b.notifications.onStart, "notifications.on_start");
    check(a.notifications.sound == b.notifications.sound, "notifications.sound");
    check(a.cctray.host == b.cctray.host && a.cctray.port == b.cctray.port, "cctray.listen");
    check(a.cctray.tokenSecret == b.cctray.tokenSecret, "cctray.token");
    return out;
}

Config parsed(const QByteArray &json)
{
    const ConfigResult r = parseConfig(json);
    if (!r.ok())
        qWarning().noquote() << r.errors.join('\n') << "\nin:\n" << json;
    return r.config;
}

const char *kReadme = R"({
  "version": 1,
  "poll_interval": "5m",
  "accounts": {
    "hub": {"provider": "dockerhub", "username": "alice", "token": "secret:hub-token"},
    "public": {"provider": "dockerhub"}
  },
  "watch": [
    {"account": "hub", "namespace": "acme"},
    {"account": "public", "repository": "library/nginx", "tags": ["latest", "alpine"]},
    {"account": "hub", "repository": "acme/flaky", "retry_failed": {"trigger": "flaky", "max_attempts": 2}}
  ],
  "queued_alert_after": "60m",
  "webhooks": [
    {"name": "ci", "url": "secret:ci-hook", "format": "dockerhub"},
    {"name": "team", "url": "secret:slack-hook", "format": "slack",
     "events": ["build.failed", "build.stuck", "build.recovered"], "repositories": ["acme/*"]},
    {"name": "audit", "url": "https://audit.example.com/hubhook", "format": "json",
     "sign": "secret:audit-signing", "headers": {"X-Team": "platform"}}
  ],
  "triggers": [
    {"name": "base-nightly", "url": "secret:base-trigger", "body": {"docker_tag": "latest"},
     "schedule": "0 3 * * *", "jitter": "5m",
     "expect_build": {"repository": "acme/base", "tag": "latest", "within": "30m"}},
    {"name": "app-after-base", "url": "secret:app-trigger", "after_success_of": "acme/base:latest"},
    {"name": "flaky", "url": "secret:flaky-trigger"}
  ]
})";

} // namespace

void TestConfigWriter::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::newRow("minimal") << QByteArray(R"({"version": 1})");
    QTest::newRow("readme") << QByteArray(kReadme);
    QTest::newRow("top-level") << QByteArray(R"({"version": 1, "poll_interval": "90s",
        "request_timeout": "1500ms", "history_refresh": "2h", "concurrency": 7,
        "queued_alert_after": "1h30m", "ignore_older_than": "0s",
        "delivery_schedule": ["0s", "10s", "1m", "1d"]})");
    QTest::newRow("accounts") << QByteArray(R"({"version": 1, "accounts": {
        "local": {"provider": "dockerhub", "base_url": "http://127.0.0.1:8080", "username": "bob",
                  "token": "secret:local.token_1"},
        "anon": {"provider": "dockerhub"}}})");
    QTest::newRow("webhooks") << QByteArray(R"({"version": 1, "webhooks": [
        {"name": "d", "url": "secret:d-url", "format": "dockerhub", "insecure_tls": true},
        {"name": "s", "url": "https://hooks.slack.com/services/T/B/X", "format": "slack",
         "events": [], "timeout": "2s500ms"},
        {"name": "di", "url": "secret:di-url", "format": "discord",
         "events": ["build.cancelled", "build.failed"], "repositories": ["acme/*", "x/y"]},
        {"name": "t", "url": "https://user:pw@teams.example.com/x?a=b", "format": "teams",
         "sign": "secret:t-sign", "headers": {"X-B": "secret:t-header", "X-A": "plain value"}},
        {"name": "j", "url": "http://localhost:9000/hook"}]})");
    QTest::newRow("triggers") << QByteArray(R"({"version": 1,
        "accounts": {"hub": {"provider": "dockerhub", "username": "a", "token": "secret:t"}},
        "triggers": [
        {"name": "obj", "url": "secret:obj-url", "body": {"source_type": "Tag", "source_name": "v1"},
         "schedule": "0 0 L * ?", "method": "put", "headers": {"X-Y": "z"}, "jitter": "10m",
         "timeout": "45s"},
        {"name": "str", "url": "https://example.com/t", "body": "plain text body",
         "schedule": "every 1h30m", "method": "GET"},
        {"name": "spaced", "url": "https://example.com/t", "body": "{\"a\": 1}"},
        {"name": "arr", "url": "https://example.com/t", "body": [1, "two", {"three": 3}]},
        {"name": "acct", "url": "https://hub.docker.com/v2/repositories/a/b/autobuild/trigger-build/",
         "account": "hub", "after_success_of": "acme/base",
         "expect_build": {"repository": "acme/app"}},
        {"name": "exp", "url": "secret:exp-url", "after_success_of": "acme/base:1.2",
         "expect_build": {"repository": "acme/app", "tag": "latest", "within": "2h"}}]})");
    QTest::newRow("watches") << QByteArray(R"({"version": 1,
        "accounts": {"hub": {"provider": "dockerhub"}},
        "watch": [{"account": "hub", "repository": "acme/a", "tags": ["1", "latest"],
                   "retry_failed": {"trigger": "r", "max_attempts": 10}},
                  {"account": "hub", "repository": "acme/b", "retry_failed": {"trigger": "r"}},
                  {"account": "hub", "namespace": "other"}],
        "triggers": [{"name": "r", "url": "secret:r"}]})");
    QTest::newRow("desktop") << QByteArray(R"({"version": 1,
        "notifications": {"enabled": false, "events": ["build.cancelled"],
                          "muted_repositories": ["acme/noisy", "test/*"], "on_start": true,
                          "sound": true},
        "general": {"start_at_login": true, "start_hidden": true}})");
    QTest::newRow("cctray") << QByteArray(
            R"({"version": 1, "cctray": {"listen": "127.0.0.1:8787", "token": "secret:cc"}})");
    QTest::newRow("cctray on IPv6")
            << QByteArray(R"({"version": 1, "cctray": {"listen": "[::1]:0"}})");
    QTest::newRow("no notification events")
            << QByteArray(R"({"version": 1, "notifications": {"events": []}})");
}

void TestConfigWriter::roundTrip()
{
    QFETCH(QByteArray, json);
    const ConfigResult first = parseConfig(json);
    QVERIFY2(first.ok(), qPrintable(first.errors.join('\n')));
    const QByteArray written = configToJson(first.config);
    const ConfigResult second = parseConfig(written);
    QVERIFY2(second.ok(), qPrintable(second.errors.join('\n') + "\n" + written));
    const QStringList diff = differences(first.config, second.config);
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join(", ") + "\n" + written));
    // Stable: writing what was read back gives the same bytes.
    QCOMPARE(configToJson(second.config), written);
    QVERIFY(written.endsWith("}\n"));
    QVERIFY2(written.contains("\n  \"version\": 1"), written.constData()); // indented
}

void TestConfigWriter::constructedConfig()
{
    Config c;
    c.pollIntervalMs = 61500;
    c.concurrency = 1;
    AccountConfig a;
    a.name = "hub";
    a.username = "alice";
    a.tokenSecret = "hub-token";
    c.accounts.insert(a.name, a);
    WatchConfig w;
    w.account = "hub";
    w.repository = "acme/api";
    w.tags = QStringList { "latest" };
    w.retryTrigger = "api";
    w.retryMaxAttempts = 3;
    c.watch.append(w);
    WebhookConfig h;
    h.name = "ops";
    h.urlSecret = "ops-url";
    h.format = WebhookFormat::Teams;
    h.events = { EventType::TriggerNoBuild };
    h.headers = { { "A-Header", "secret:ops-a" }, { "B-Header", "b" } };
    h.timeoutMs = 100;
    c.webhooks.append(h);
    TriggerConfig t;
    t.name = "api";
    t.url = "https://example.com/trigger";
    t.method = "PATCH";
    t.body = R"({"build":true})";
    t.account = "hub";
    t.schedule = "0 3 * * 1-5";
    t.expectBuild = ExpectBuild { "acme/api", QString(), 1000 };
    t.jitterMs = 999;
    c.triggers.append(t);
    c.notifications.mutedRepositories = QStringList { "acme/*" };
    c.general.startHidden = true;
    const QByteArray json = configToJson(c);
    const ConfigResult r = parseConfig(json);
    QVERIFY2(r.ok(), qPrintable(r.errors.join('\n') + "\n" + json));
    const QStringList diff = differences(c, r.config);
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join(", ") + "\n" + json));
}

void TestConfigWriter::defaultsAreLeftOut()
{
    const QByteArray json = configToJson(parsed(R"({"version": 1,
        "accounts": {"hub": {"provider": "dockerhub"}},
        "webhooks": [{"name": "a", "url": "https://example.com/"}]})"));
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    QCOMPARE(o.keys(), QStringList({ "accounts", "version", "webhooks" }));
    QCOMPARE(o["accounts"].toObject()["hub"].toObject().keys(), QStringList { "provider" });
    QCOMPARE(o["webhooks"].toArray()[0].toObject().keys(),
             QStringList({ "format", "name", "url" }));
    // Documented order, not alphabetical.
    QVERIFY(json.indexOf("\"name\"") < json.indexOf("\"url\""));
    QVERIFY(json.indexOf("\"url\"") < json.indexOf("\"format\""));
    QVERIFY(json.indexOf("\"version\"") < json.indexOf("\"accounts\""));
    QCOMPARE(configToJson(Config()), QByteArray("{\n  \"version\": 1\n}\n"));
}

void TestConfigWriter::durations()
{
    QCOMPARE(configDuration(5 * 60 * 1000), QStringLiteral("5m"));
    QCOMPARE(configDuration(90 * 60 * 1000), QStringLiteral("1h30m"));
    QCOMPARE(configDuration(0), QStringLiteral("0ms"));
    QCOMPARE(configDuration(250), QStringLiteral("250ms"));
    QCOMPARE(configDuration(61500), QStringLiteral("1m1s500ms"));
    QCOMPARE(configDuration(2 * 86400 * 1000 + 1), QStringLiteral("2d1ms"));
}

void TestConfigWriter::fileIsPrivateAndHoldsOnlyReferences()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("deep/er/config.json");
    const Config c = parsed(kReadme);
    QString error;
    QVERIFY2(saveConfigFile(path, c, &error), qPrintable(error));
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777), 0600);
    const ConfigResult back = loadConfigFile(path);
    QVERIFY2(back.ok(), qPrintable(back.errors.join('\n')));
    QVERIFY(differences(c, back.config).isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    QCOMPARE(o["accounts"]["hub"]["token"].toString(), QStringLiteral("secret:hub-token"));
    for (const QJsonValue &hook : o["webhooks"].toArray()) {
        const QJsonObject h = hook.toObject();
        if (h["name"] != "audit")
            QVERIFY(h["url"].toString().startsWith("secret:"));
        if (h.contains("sign"))
            QCOMPARE(h["sign"].toString(), QStringLiteral("secret:audit-signing"));
    }
    QVERIFY(QDir(dir.filePath("deep/er")).entryList(QDir::Files | QDir::Hidden)
            == QStringList { "config.json" }); // no temporary left behind
}

void TestConfigWriter::overwriteTightensPermissions()
{
    QTemporaryDir dir;
    const QString path = dir.filePath("config.json");
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    Config c;
    c.pollIntervalMs = 60000;
    QVERIFY(saveConfigFile(path, c, nullptr));
    struct stat st;
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
    QCOMPARE(int(st.st_mode & 07777), 0600);
    QCOMPARE(loadConfigFile(path).config.pollIntervalMs, 60000);
}

void TestConfigWriter::unwritableDirectory()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath("file");
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QString error;
    QVERIFY(!saveConfigFile(blocker + "/sub/config.json", Config(), &error));
    QVERIFY2(error.contains(blocker), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestConfigWriter)
#include "tst_configwriter.moc"
