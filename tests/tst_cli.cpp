#include "simulator/SimulatedHub.h"
#include "simulator/github/SimulatedGitHub.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// The hubhook executable, as a user runs it, against the simulated Docker Hub (served by this
// test process over loopback while the child runs). Runs under with-session.sh session, so the
// `secret` commands reach a real (private) gnome-keyring.
class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void versionAndHelp();
    void configCheck();
    void onceJson();
    void onceTable();
    void secondRunUsesSavedState();
    void faultNamesTheRepositoryAndTheRestUpdates();
    void exitCodes();
    void canaryTokenNeverPrinted_data();
    void canaryTokenNeverPrinted();
    void secretsThroughTheKeychain();
    void headlessPollsUntilTerminated();
    void headlessLogsNotificationsUnlessMuted();
    void scheduleNext();
    void triggersListFireAndHistory();
    void githubTriggerDispatchesTheWorkflow();
    void deliveriesListAndRetry();
    void webhookTest();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList &args, const QByteArray &stdinData = {},
            const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    QString writeConfig(const QByteArray &json);
    QByteArray config(const QString &extraAccount = {}) const;
    QString everythingWritten(const Run &r) const; // stdout + stderr + every file in the state dir

    std::unique_ptr<SimulatedHub> m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_binary;
};

void TestCli::init()
{
    m_binary = qEnvironmentVariable("HUBHOOK_BINARY");
    QVERIFY2(QFile::exists(m_binary), "HUBHOOK_BINARY must point to the hubhook executable");
    m_hub = std::make_unique<SimulatedHub>();
    QVERIFY(m_hub->listen(0));
    m_dir = std::make_unique<QTemporaryDir>();
}

void TestCli::cleanup()
{
    m_hub.reset();
    m_dir.reset();
}

TestCli::Run TestCli::run(const QStringList &args, const QByteArray &stdinData,
                          const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(m_binary, args);
    if (!p.waitForStarted(10000))
        return {};
    p.write(stdinData);
    p.closeWriteChannel();
    QSignalSpy finished(&p, &QProcess::finished);
    // Keep this event loop turning: the simulated hub lives in this process.
    if (!finished.wait(60000)) {
        p.kill();
        p.waitForFinished();
        return {};
    }
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
             QString::fromUtf8(p.readAllStandardOutput()),
             QString::fromUtf8(p.readAllStandardError()) };
}

QByteArray TestCli::config(const QString &account) const
{
    const QString acct = account.isEmpty()
            ? QStringLiteral(R"("hub": {"provider": "dockerhub", "base_url": "%1"})")
                      .arg(m_hub->baseUrl().toString())
            : account;
    return QStringLiteral(R"({"version": 1, "poll_interval": "1s", "request_timeout": "2s",
        "accounts": {%1}, "watch": [{"account": "hub", "namespace": "acme"}]})")
            .arg(acct)
            .toUtf8();
}

QString TestCli::writeConfig(const QByteArray &json)
{
    const QString path = m_dir->filePath("config.json");
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(json);
    return path;
}

QString TestCli::everythingWritten(const Run &r) const
{
    QString all = r.out + r.err;
    QDirIterator it(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += QString::fromUtf8(f.readAll());
    }
    return all;
}

void TestCli::versionAndHelp()
{
    Run r = run({ "--version" });
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("hubhook "));
    r = run({ "--help" });
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("--headless") && r.out.contains("config check"));
    // What it watches, from the provider registry: every provider, not only the first.
    QVERIFY2(r.out.contains("Watches builds (Docker Hub, GitHub Actions)"), qPrintable(r.out));
    r = run({ "--frobnicate" });
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("frobnicate"));
}

void TestCli::configCheck()
{
    const QString path = writeConfig(config());
    Run r = run({ "config", "check", "--config", path });
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("OK"));

    writeConfig(R"({"version": 1, "accounts": {"hub": {"provider": "dockerhub"}},
                    "watch": [{"account": "hub", "namespace": "a"}, {"account": "hub", "namespace": "b"},
                              {"account": "hbu", "namespace": "c"}]})");
    r = run({ "config", "check", "--config", path });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("watch[2].account: no account named \"hbu\""), qPrintable(r.err));
}

void TestCli::onceJson()
{
    m_hub->generateRepositories("acme", 3);
    SimBuild failed;
    failed.status = -1;
    failed.buildCode = "bfailcode";
    failed.cause = "TRIGGERED_VIA_API";
    m_hub->addBuild("acme/repo-0002", failed);
    const QString path = writeConfig(config());
    const Run r = run({ "--headless", "--once", "--json", "--config", path, "--state-dir",
                        m_dir->filePath("state") });
    QCOMPARE(r.exitCode, 0);
    QJsonParseError pe;
    const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8(), &pe).array();
    QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(r.out + r.err));
    QCOMPARE(rows.size(), 3);
    const QJsonObject row = rows.at(1).toObject();
    for (const char *key : { "provider", "repository", "tag", "status", "status_code", "build_id",
                             "build_code", "created", "updated", "cause", "url", "error" })
        QVERIFY2(row.contains(key), key);
    QCOMPARE(row["provider"].toString(), QStringLiteral("dockerhub"));
    QCOMPARE(row["repository"].toString(), QStringLiteral("acme/repo-0002"));
    QCOMPARE(row["status"].toString(), QStringLiteral("failed"));
    QCOMPARE(row["status_code"].toInt(), -1);
    QCOMPARE(row["build_code"].toString(), QStringLiteral("bfailcode"));
    QCOMPARE(row["cause"].toString(), QStringLiteral("TRIGGERED_VIA_API"));
    QVERIFY(row["url"].toString().endsWith("/repository/docker/acme/repo-0002/builds/bfailcode"));
    QVERIFY(row["error"].isNull());
    QCOMPARE(rows.at(0).toObject()["status"].toString(), QStringLiteral("success"));
    // The same rows as a cctray feed, from the state the sweep left.
    const Run feed = run({ "cctray", "--state-dir", m_dir->filePath("state") });
    QCOMPARE(feed.exitCode, 0);
    QVERIFY2(feed.out.contains("<Projects>") && feed.out.count("<Project ") == 3,
             qPrintable(feed.out + feed.err));
    QVERIFY2(feed.out.contains(R"(name="acme/repo-0002 latest" activity="Sleeping" )"
                               R"(lastBuildStatus="Failure" lastBuildLabel="bfailcode")"),
             qPrintable(feed.out));
}

void TestCli::onceTable()
{
    m_hub->generateRepositories("acme", 2);
    const Run r = run({ "--headless", "--once", "--config", writeConfig(config()), "--state-dir",
                        m_dir->filePath("state") });
    QCOMPARE(r.exitCode, 0);
    const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines[0].startsWith("REPOSITORY") && lines[0].contains("CAUSE"));
    QVERIFY(lines[1].startsWith("acme/repo-0001") && lines[1].contains("success"));
}

void TestCli::secondRunUsesSavedState()
{
    m_hub->generateRepositories("acme", 40);
    const QString path = writeConfig(config());
    const QStringList args { "--once", "--config", path, "--state-dir", m_dir->filePath("state") };
    QCOMPARE(run(args).exitCode, 0);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 40);
    m_hub->resetCounts();
    const Run r = run(args);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(m_hub->requestCount("/buildhistory"), 0);
    QCOMPARE(r.out.count("success"), 40); // still shows every build, from the saved state
}

void TestCli::faultNamesTheRepositoryAndTheRestUpdates()
{
    m_hub->generateRepositories("acme", 5);
    SimFault fault;
    fault.pathContains = "/acme/repo-0004/buildhistory";
    fault.kind = SimFaultKind::Hang;
    m_hub->addFault(fault);
    const Run r = run({ "--once", "--json", "--config", writeConfig(config()), "--state-dir",
                        m_dir->filePath("state") });
    QCOMPARE(r.exitCode, 0);
    const QJsonArray rows = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(rows.size(), 5);
    for (const QJsonValue &v : rows) {
        const QJsonObject o = v.toObject();
        if (o["repository"] == "acme/repo-0004") {
            QVERIFY(o["error"].toString().contains("acme/repo-0004 build history: timed out"));
            QCOMPARE(o["status"].toString(), QStringLiteral("unknown"));
        } else {
            QVERIFY(o["error"].isNull());
            QCOMPARE(o["status"].toString(), QStringLiteral("success"));
        }
    }
}

void TestCli::exitCodes()
{
    // 2: bad config, missing config.
    QCOMPARE(run({ "--once", "--config", writeConfig("{") }).exitCode, 2);
    QCOMPARE(run({ "--once", "--config", m_dir->filePath("nope.json") }).exitCode, 2);
    // 3: nothing could be fetched.
    const QString path = writeConfig(config());
    m_hub.reset();
    const Run r = run({ "--once", "--config", path, "--state-dir", m_dir->filePath("state") });
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.out.contains("connection refused"), qPrintable(r.out));
}

void TestCli::canaryTokenNeverPrinted_data()
{
    QTest::addColumn<bool>("rightToken");
    QTest::newRow("wrong token (login refused)") << false;
    QTest::newRow("right token, verbose") << true;
}

void TestCli::canaryTokenNeverPrinted()
{
    QFETCH(bool, rightToken);
    const QString canary = "dckr_pat_CANARY-3c1f0e5b7d9a";
    m_hub->addUser("alice", "alice-password",
                   { rightToken ? canary : QString("dckr_pat_other-token") }, { "acme" });
    m_hub->generateRepositories("acme", 3);
    m_hub->addRepository("acme", "private-one", true);
    const QString path = writeConfig(config(
            QStringLiteral(
                    R"("hub": {"provider": "dockerhub", "base_url": "%1", "username": "alice", "token": "secret:hub-token"})")
                    .arg(m_hub->baseUrl().toString())));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HUBHOOK_SECRET_HUB_TOKEN", canary);
    const Run r = run({ "--once", "--json", "--verbose", "--config", path, "--state-dir",
                        m_dir->filePath("state") },
                      {}, env);
    QCOMPARE(r.exitCode, 0);
    if (!rightToken) {
        QVERIFY2(r.out.contains("account \\\"hub\\\"") && r.out.contains("HTTP 401"),
                 qPrintable(r.out));
    } else {
        QVERIFY2(r.out.contains("acme/private-one"), qPrintable(r.out));
    }
    QVERIFY(QFile::exists(m_dir->filePath("state/hubhook.log")));
    // Private like every state file, whatever the umask (it was created 0644).
    QCOMPARE(QFile::permissions(m_dir->filePath("state/hubhook.log")),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                     | QFileDevice::WriteUser);
    const QString all = everythingWritten(r);
    QVERIFY(!all.contains(canary));
    QVERIFY(!all.contains("CANARY-3c1f0e5b7d9a"));
    // Nor the JWT the hub handed out for it.
    for (const SimRequest &req : m_hub->requests()) {
        const QString auth = req.headers.value("authorization");
        if (!auth.isEmpty())
            QVERIFY(!all.contains(auth.section(' ', 1)));
    }
}

void TestCli::secretsThroughTheKeychain()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "run through with-session.sh session");
    const QString token = "dckr_pat_keychain-canary-91b2";
    m_hub->addUser("alice", "alice-password", { token }, { "acme" });
    m_hub->addRepository("acme", "private-one", true);
    Run r = run({ "secret", "set", "hub-token" }, token.toUtf8() + "\n");
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!r.out.contains(token) && !r.err.contains(token));

    const QString path = writeConfig(config(
            QStringLiteral(
                    R"("hub": {"provider": "dockerhub", "base_url": "%1", "username": "alice", "token": "secret:hub-token"})")
                    .arg(m_hub->baseUrl().toString())));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(token.toUtf8()));
    r = run({ "--once", "--json", "--config", path, "--state-dir", m_dir->filePath("state") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("acme/private-one"), qPrintable(r.out + r.err));
    QVERIFY(!everythingWritten(r).contains(token));

    QCOMPARE(run({ "secret", "delete", "hub-token" }).exitCode, 0);
    r = run({ "--once", "--json", "--config", path, "--state-dir", m_dir->filePath("state2") });
    QVERIFY2(r.out.contains("token unavailable") && r.out.contains("hub-token"), qPrintable(r.out));
    QCOMPARE(r.exitCode, 3);

    r = run({ "secret", "set", "bad name" });
    QCOMPARE(r.exitCode, 2);
}

void TestCli::headlessPollsUntilTerminated()
{
    m_hub->generateRepositories("acme", 2);
    QProcess p;
    p.start(m_binary,
            { "--headless", "--config", writeConfig(config()), "--state-dir",
              m_dir->filePath("state") });
    QVERIFY(p.waitForStarted());
    // poll_interval is 1s: wait for the third sweep's listing.
    QTRY_VERIFY_WITH_TIMEOUT(m_hub->requestCount("/v2/namespaces/acme/repositories") >= 3, 20000);
    SimBuild failed;
    failed.status = -1;
    m_hub->addBuild("acme/repo-0001", failed);
    QTRY_VERIFY_WITH_TIMEOUT(
            QFile(m_dir->filePath("state/hubhook.log")).size() > 0 &&
                    [&] {
                        QFile f(m_dir->filePath("state/hubhook.log"));
                        f.open(QIODevice::ReadOnly);
                        return f.readAll().contains("acme/repo-0001:latest success -> failed");
                    }(),
            20000);
    p.terminate();
    QSignalSpy finished(&p, &QProcess::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains("stopping"));
}

// --headless logs the notifications the tray would show, by the same `notifications` config: a
// muted repository's failure is logged as an event, not as a notification.
void TestCli::headlessLogsNotificationsUnlessMuted()
{
    m_hub->generateRepositories("acme", 2);
    QByteArray json = config();
    json.chop(1); // the closing brace
    json += R"(, "notifications": {"muted_repositories": ["acme/repo-0002"]}})";
    QProcess p;
    p.start(m_binary,
            { "--headless", "--config", writeConfig(json), "--state-dir",
              m_dir->filePath("state") });
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(m_hub->requestCount("/v2/namespaces/acme/repositories") >= 3, 20000);
    SimBuild failed;
    failed.status = -1;
    m_hub->addBuild("acme/repo-0001", failed);
    m_hub->addBuild("acme/repo-0002", failed);
    auto log = [&] {
        QFile f(m_dir->filePath("state/hubhook.log"));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    };
    // Both events raised (the engine logs each before the front ends hear of it).
    QTRY_VERIFY_WITH_TIMEOUT(
            log().contains("hubhook.event: build.failed acme/repo-0001:latest")
                    && log().contains("hubhook.event: build.failed acme/repo-0002:latest"),
            20000);
    p.terminate();
    QSignalSpy finished(&p, &QProcess::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(p.exitCode(), 0);
    const QString text = log();
    QVERIFY2(text.contains("hubhook.notify: notification: Build failed: acme/repo-0001:latest: "
                           "The build of acme/repo-0001:latest failed"),
             qPrintable(text));
    QVERIFY2(!text.contains("notification: Build failed: acme/repo-0002"), qPrintable(text));
    QVERIFY(QString::fromUtf8(p.readAllStandardError())
                    .contains("notification: Build failed: acme/repo-0001:latest"));
}

void TestCli::scheduleNext()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("TZ", "America/New_York");
    Run r = run({ "schedule", "next", "30 2 * * *", "--count", "2", "--from",
                  "2026-03-07T12:00:00-05:00" },
                {}, env);
    QCOMPARE(r.exitCode, 0);
    // 02:30 does not exist on 2026-03-08 in New York: it fires at the end of the gap.
    QCOMPARE(r.out, QStringLiteral("2026-03-08T03:00:00-04:00\n2026-03-09T02:30:00-04:00\n"));
    r = run({ "schedule", "next", "0 0 32 * *" });
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("day-of-month"), qPrintable(r.err));
}

void TestCli::triggersListFireAndHistory()
{
    m_hub->addRepository("acme", "base");
    const QString token = m_hub->addTriggerToken("acme/base");
    const QString url = m_hub->baseUrl().toString() + "/u/acme/base/trigger/" + token + "/";
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HUBHOOK_SECRET_BASE_TRIGGER", url);
    const QString path = writeConfig(QStringLiteral(R"({"version": 1,
        "accounts": {"hub": {"provider": "dockerhub", "base_url": "%1"}},
        "watch": [{"account": "hub", "repository": "acme/base"}],
        "triggers": [{"name": "nightly", "url": "secret:base-trigger", "schedule": "0 3 * * *",
                      "body": {"docker_tag": "latest"}},
                     {"name": "broken", "url": "%1/does-not-exist"}]})")
                                             .arg(m_hub->baseUrl().toString())
                                             .toUtf8());
    const QString state = m_dir->filePath("state");
    Run r = run({ "triggers", "list", "--config", path, "--state-dir", state }, {}, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("nightly") && r.out.contains("0 3 * * *") && r.out.contains("T03:00:00")
                     && r.out.contains("never fired"),
             qPrintable(r.out));
    r = run({ "trigger", "fire", "nightly", "--config", path, "--state-dir", state }, {}, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("HTTP 200"), qPrintable(r.out + r.err));
    QVERIFY(!r.out.contains(token) && !r.err.contains(token)); // the trigger URL is a secret
    QCOMPARE(m_hub->triggerCount("acme/base"), 1);
    r = run({ "trigger", "fire", "broken", "--config", path, "--state-dir", state }, {}, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("HTTP 404"), qPrintable(r.err));
    r = run({ "triggers", "history", "--json", "--state-dir", state });
    QCOMPARE(r.exitCode, 0);
    const QJsonArray fires = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(fires.size(), 2);
    QCOMPARE(fires[0].toObject()["trigger"].toString(), QStringLiteral("nightly"));
    QCOMPARE(fires[0].toObject()["ok"].toBool(), true);
    QCOMPARE(fires[0].toObject()["reason"].toString(), QStringLiteral("manual"));
    QCOMPARE(fires[1].toObject()["ok"].toBool(), false);
    QVERIFY(!everythingWritten(r).contains(token));
    // A damaged line is left out and named on stderr; the others still list.
    QFile log(state + "/trigger-history.jsonl");
    QVERIFY(log.open(QIODevice::Append));
    log.write(R"({"trigger": "nightly", "time": "not a time", "duration_ms": 1e300})"
              "\n");
    log.close();
    r = run({ "triggers", "history", "--state-dir", state });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("trigger-history.jsonl") && r.err.contains("line 3"),
             qPrintable(r.err));
    QCOMPARE(r.out.count("nightly"), 1);
}

void TestCli::githubTriggerDispatchesTheWorkflow()
{
    // A GitHub that this state directory has never seen: the command needs the account's
    // client, as the running app's engine builds it.
    SimulatedGitHub gh;
    QVERIFY(gh.listen(0));
    gh.generateRepositories("acme", 3, "app");
    gh.addWorkflow("acme/app-0003", "build.yml", "Build");
    const QString token = QStringLiteral("ghp_canary0123456789abcdefghijklmnopqrstu");
    const QString readOnly = QStringLiteral("ghp_readonly0123456789abcdefghijklmnopqr");
    gh.addToken(token, { "acme" }, true);
    gh.addToken(readOnly, { "acme" }, false);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("HUBHOOK_SECRET_GH_TOKEN", token);
    env.insert("HUBHOOK_SECRET_GH_READONLY", readOnly);
    const QString path = writeConfig(QStringLiteral(R"({"version": 1,
        "accounts": {"gh": {"provider": "github", "base_url": "%1", "token": "secret:gh-token"},
                     "ro": {"provider": "github", "base_url": "%1", "token": "secret:gh-readonly"}},
        "watch": [{"account": "gh", "owner": "acme"}],
        "triggers": [{"name": "nightly-3", "account": "gh", "repository": "acme/app-0003",
                      "workflow": "build.yml", "ref": "main",
                      "expect_build": {"within": "30m"}},
                     {"name": "read-only", "account": "ro", "repository": "acme/app-0003",
                      "workflow": "build.yml", "ref": "main"}]})")
                                             .arg(gh.baseUrl().toString())
                                             .toUtf8());
    const QString state = m_dir->filePath("state");
    Run r = run({ "trigger", "fire", "nightly-3", "--config", path, "--state-dir", state }, {},
                env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
    QVERIFY2(r.out.contains("trigger \"nightly-3\": HTTP 20"), qPrintable(r.out + r.err));
    QCOMPARE(gh.dispatchCount("acme/app-0003"), 1);
    // Without the actions permission: GitHub's refusal, in words, and nothing dispatched.
    r = run({ "trigger", "fire", "read-only", "--config", path, "--state-dir", state }, {}, env);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("HTTP 403"), qPrintable(r.err));
    QCOMPARE(gh.dispatchCount("acme/app-0003"), 1);
    r = run({ "triggers", "history", "--json", "--state-dir", state });
    const QJsonArray fires = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(fires.size(), 2);
    QCOMPARE(fires[0].toObject()["ok"].toBool(), true);
    QVERIFY(!everythingWritten(r).contains(token) && !everythingWritten(r).contains(readOnly));
    // The fire's expect_build is recorded for the running app to check.
    QFile rebuilds(state + "/rebuilds.json");
    QVERIFY(rebuilds.open(QIODevice::ReadOnly));
    QVERIFY(rebuilds.readAll().contains("acme/app-0003"));
    gh.stop();
}

void TestCli::deliveriesListAndRetry()
{
    m_hub->generateRepositories("acme", 2);
    SimBuild failed;
    failed.status = -1;
    m_hub->addBuild("acme/repo-0001", failed);
    m_hub->setHookResponse("ops", 503);
    const QString path = writeConfig(
            QStringLiteral(R"({"version": 1,
        "accounts": {"hub": {"provider": "dockerhub", "base_url": "%1"}},
        "watch": [{"account": "hub", "namespace": "acme"}], "delivery_schedule": ["0s"],
        "webhooks": [{"name": "ops", "url": "%2", "format": "dockerhub"}]})")
                    .arg(m_hub->baseUrl().toString(), m_hub->hookUrl("ops").toString())
                    .toUtf8());
    const QString state = m_dir->filePath("state");
    QCOMPARE(run({ "--once", "--config", path, "--state-dir", state }).exitCode, 0);
    QCOMPARE(m_hub->webhookCount("ops"), 1); // the first attempt happened before the exit
    Run r = run({ "deliveries", "list", "--json", "--state-dir", state });
    QJsonArray list = QJsonDocument::fromJson(r.out.toUtf8()).array();
    QCOMPARE(list.size(), 1);
    QCOMPARE(list[0].toObject()["state"].toString(), QStringLiteral("failed"));
    QCOMPARE(list[0].toObject()["last_status"].toInt(), 503);
    QCOMPARE(list[0].toObject()["event"].toString(), QStringLiteral("build.failed"));
    r = run({ "deliveries", "list", "--state-dir", state });
    QVERIFY(r.out.contains("failed") && r.out.contains("build.failed"));

    m_hub->clearHookResponse("ops");
    r = run({ "deliveries", "retry", "--all-failed", "--config", path, "--state-dir", state });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("delivered"), qPrintable(r.out + r.err));
    QCOMPARE(m_hub->webhookCount("ops"), 2);
    list = QJsonDocument::fromJson(
                   run({ "deliveries", "list", "--json", "--state-dir", state }).out.toUtf8())
                   .array();
    QCOMPARE(list[0].toObject()["state"].toString(), QStringLiteral("delivered"));
    // The same message both times, so the receiver can deduplicate.
    QCOMPARE(m_hub->webhooks("ops")[0].headers.value("webhook-id"),
             m_hub->webhooks("ops")[1].headers.value("webhook-id"));
}

void TestCli::webhookTest()
{
    const QString path = writeConfig(
            QStringLiteral(R"({"version": 1, "webhooks": [
        {"name": "team", "url": "%1", "format": "slack"}, {"name": "gone", "url": "%2"}]})")
                    .arg(m_hub->hookUrl("team").toString(), m_hub->hookUrl("gone").toString())
                    .toUtf8());
    m_hub->setHookResponse("gone", 410);
    Run r = run({ "webhook", "test", "team", "--config", path, "--state-dir",
                  m_dir->filePath("state") });
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains("HTTP 200") && r.out.contains("slack"), qPrintable(r.out + r.err));
    QCOMPARE(m_hub->webhookCount("team"), 1);
    QVERIFY(QJsonDocument::fromJson(m_hub->webhooks("team").first().body)
                    .object()
                    .contains("blocks"));
    r = run({ "webhook", "test", "gone", "--config", path, "--state-dir",
              m_dir->filePath("state") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains("HTTP 410"));
    QVERIFY(!r.err.contains("/hooks/gone")); // host, not the URL
    QCOMPARE(run({ "webhook", "test", "nope", "--config", path }).exitCode, 2);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
