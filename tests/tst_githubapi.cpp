#include "config/Config.h"
#include "core/Event.h"
#include "core/HttpResult.h"
#include "core/Payloads.h"
#include "net/RateLimiter.h"
#include "providers/github/GitHubApi.h"
#include "providers/github/GitHubClient.h"

#include <QJsonDocument>
#include <QTest>

using namespace hubhook;

// GitHub's answers parsed without a network, the GitHub parts of the config, and GitHub's
// way of saying "slow down".
class TestGitHubApi : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void runsPage();
    void runsErrorsNameTheField_data();
    void runsErrorsNameTheField();
    void repositories();
    void linkHeader_data();
    void linkHeader();
    void dispatchAnswer();
    void reRunsRaiseNewEvents();
    void configAccountsAndWatches();
    void configErrors_data();
    void configErrors();
    void emptyTriggerFieldsAreErrors();
    void dockerHubFormatKeepsGitHubOut();
    void rateLimitAnswers();
    void payloadsCarryTheRun();
    void secondaryLimitWaitsAMinute();
    void primaryLimitWaitsForTheReset();
};

static const char *kRuns = R"({"total_count": 3, "workflow_runs": [
 {"id": 30433642123, "name": "CI", "display_title": "Fix the build", "head_branch": "main",
  "head_sha": "0123456789abcdef0123456789abcdef01234567", "path": ".github/workflows/ci.yml",
  "run_number": 562, "run_attempt": 2, "event": "push", "status": "completed",
  "conclusion": "failure", "workflow_id": 161335, "created_at": "2026-11-30T10:00:00Z",
  "updated_at": "2026-11-30T10:05:00Z", "run_started_at": "2026-11-30T11:00:00Z",
  "html_url": "https://github.com/acme/api/actions/runs/30433642123",
  "actor": {"login": "octocat"}, "repository": {"full_name": "acme/api"}},
 {"id": 5, "name": "pages build and deployment", "head_branch": "gh-pages", "path":
  "dynamic/pages/pages-build-deployment", "workflow_id": 777, "event": "dynamic",
  "status": "in_progress", "conclusion": null, "created_at": "2026-11-30T09:00:00Z",
  "repository": {"full_name": "acme/api"}},
 {"id": 6, "name": "CI", "head_branch": "main", "path": ".github/workflows/ci.yml",
  "workflow_id": 161335, "event": "push", "status": "completed", "conclusion": "stale",
  "repository": {"full_name": "acme/api"}}
]})";

void TestGitHubApi::runsPage()
{
    QString error;
    const auto page = github::parseRuns(kRuns, &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->totalCount, 3);
    QCOMPARE(page->runs.size(), 2); // the stale run is left out
    const Build &b = page->runs.at(0);
    QCOMPARE(b.provider, QStringLiteral("github"));
    QCOMPARE(b.id, Q_INT64_C(30433642123)); // above 2^32
    QCOMPARE(b.repository, QStringLiteral("acme/api"));
    QCOMPARE(b.tag, QStringLiteral("ci.yml@main"));
    QCOMPARE(b.workflow, QStringLiteral("ci.yml"));
    QCOMPARE(b.workflowName, QStringLiteral("CI"));
    QCOMPARE(b.state, BuildState::Failed);
    QCOMPARE(b.attempt, 2);
    QCOMPARE(b.buildCode, QStringLiteral("#562"));
    QCOMPARE(b.actor, QStringLiteral("octocat"));
    QCOMPARE(b.event, QStringLiteral("push"));
    QCOMPARE(b.cause, QStringLiteral("Fix the build"));
    // This attempt's start, not the run's creation: a re-run is new.
    QCOMPARE(b.created, QDateTime(QDate(2026, 11, 30), QTime(11, 0), Qt::UTC));
    QCOMPARE(b.url, QStringLiteral("https://github.com/acme/api/actions/runs/30433642123"));
    QCOMPARE(b.label(), QStringLiteral("acme/api CI (main)"));
    // A dynamic workflow has no file: it goes by its id.
    QCOMPARE(page->runs.at(1).workflow, QStringLiteral("777"));
    QCOMPARE(page->runs.at(1).state, BuildState::Building);
    // Round trip through the state file's form.
    QCOMPARE(Build::fromJson(b.toJson()), b);
}

void TestGitHubApi::runsErrorsNameTheField_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("html") << QByteArray("<html>502</html>") << "expected JSON, got an HTML page";
    QTest::newRow("truncated") << QByteArray(R"({"workflow_runs": [)")
                               << "malformed JSON at line 1";
    QTest::newRow("no runs") << QByteArray(R"({"total_count": 1})") << "workflow_runs";
    QTest::newRow("id type") << QByteArray(R"({"workflow_runs": [{"id": "x", "status":
        "queued", "repository": {"full_name": "a/b"}}]})")
                             << "workflow_runs[0].id";
    QTest::newRow("huge id") << QByteArray(R"({"workflow_runs": [{"id": 1e30, "status":
        "queued", "repository": {"full_name": "a/b"}}]})")
                             << "workflow_runs[0].id: number out of range";
    QTest::newRow("bad date") << QByteArray(R"({"workflow_runs": [{"id": 1, "status": "queued",
        "created_at": "yesterday", "repository": {"full_name": "a/b"}}]})")
                              << "workflow_runs[0].created_at: not a date";
}

void TestGitHubApi::runsErrorsNameTheField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!github::parseRuns(body, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestGitHubApi::repositories()
{
    QString error;
    const auto repos = github::parseRepositories(
            R"([{"full_name": "acme/api", "private": true, "archived": false, "disabled": false,
                 "fork": false, "default_branch": "trunk", "pushed_at": "2026-11-30T10:00:00Z"},
                {"full_name": "acme/empty", "pushed_at": null, "default_branch": "main"}])",
            &error);
    QVERIFY2(repos, qPrintable(error));
    QCOMPARE(repos->size(), 2);
    QCOMPARE(repos->at(0).defaultBranch, QStringLiteral("trunk"));
    QVERIFY(repos->at(0).isPrivate);
    QVERIFY(!repos->at(1).pushedAt.isValid());
    QVERIFY(!github::parseRepositories(R"({"message": "Not Found"})", &error));
    QVERIFY(error.contains(QStringLiteral("array")));
}

void TestGitHubApi::linkHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("next");
    QTest::newRow("none") << QByteArray() << QString();
    QTest::newRow("last page") << QByteArray(
            R"(<https://api.github.com/repositories/1/actions/runs?page=1>; rel="prev", <https://api.github.com/repositories/1/actions/runs?page=1>; rel="first")")
                               << QString();
    QTest::newRow("next and last") << QByteArray(
            R"(<https://api.github.com/organizations/9/repos?per_page=100&page=2>; rel="next", <https://api.github.com/organizations/9/repos?per_page=100&page=3>; rel="last")")
                                   << "https://api.github.com/organizations/9/"
                                      "repos?per_page=100&page=2";
    QTest::newRow("next not first")
            << QByteArray(R"(<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel="next")")
            << "https://x/a?page=3";
}

void TestGitHubApi::linkHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, next);
    QCOMPARE(github::nextPageUrl(header).toString(), next);
}

void TestGitHubApi::dispatchAnswer()
{
    QCOMPARE(github::parseDispatchRunId(R"({"workflow_run_id": 30433642123, "run_url": "x"})"),
             Q_INT64_C(30433642123));
    QCOMPARE(github::parseDispatchRunId(""), 0);
    QCOMPARE(github::parseDispatchRunId(R"({"workflow_run_id": -4})"), 0);
    QCOMPARE(github::errorMessage(R"({"message": "Bad credentials", "documentation_url": "x"})"),
             QStringLiteral("Bad credentials"));
    QCOMPARE(github::errorMessage("<html>"), QString());
}

void TestGitHubApi::reRunsRaiseNewEvents()
{
    // A re-run keeps the run's id: its attempt makes the event new.
    const QString first = eventId("github", "acme/api", 7, EventType::BuildFailed, 1);
    QCOMPARE(first, eventId("github", "acme/api", 7, EventType::BuildFailed));
    QVERIFY(first != eventId("github", "acme/api", 7, EventType::BuildFailed, 2));
}

void TestGitHubApi::configAccountsAndWatches()
{
    const ConfigResult r = parseConfig(R"({
      "version": 1,
      "accounts": {
        "gh": {"provider": "github", "token": "secret:gh-token"},
        "ghes": {"provider": "github", "base_url": "https://git.example.com/api/v3"}
      },
      "watch": [
        {"account": "gh", "owner": "acme", "forks": true},
        {"account": "ghes", "repository": "tools/Build.Kit", "workflows": ["ci.yml", "161335"],
         "branches": ["main", "release/2.x"], "events": ["push", "schedule"]}
      ],
      "triggers": [
        {"name": "nightly", "account": "gh", "repository": "acme/base", "workflow": "build.yml",
         "ref": "main", "inputs": {"push": true, "tag": "nightly"}, "schedule": "0 3 * * *",
         "expect_build": {"within": "45m"}}
      ],
      "webhooks": [
        {"name": "legacy", "url": "https://example.com/hook", "format": "dockerhub",
         "providers": ["dockerhub"]}
      ]
    })");
    QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
    const Config &c = r.config;
    QCOMPARE(c.accounts.value("gh").baseUrl, QUrl("https://api.github.com"));
    QCOMPARE(c.accounts.value("gh").provider, QStringLiteral("github"));
    QCOMPARE(c.watch.at(0).ns, QStringLiteral("acme"));
    QVERIFY(c.watch.at(0).forks);
    QVERIFY(github::admitsEvent(c.watch.at(0), "push"));
    QVERIFY(!github::admitsEvent(c.watch.at(0), "pull_request"));
    QCOMPARE(c.watch.at(1).branches, (QStringList { "main", "release/2.x" }));
    QVERIFY(!github::admitsEvent(c.watch.at(1), "push_tag"));
    const TriggerConfig &t = c.triggers.first();
    QVERIFY(t.viaApi);
    QCOMPARE(t.expectBuild->repository, QStringLiteral("acme/base"));
    QCOMPARE(t.expectBuild->tag, QStringLiteral("build.yml@main"));
    QCOMPARE(t.expectBuild->withinMs, 45 * 60 * 1000);
    QVERIFY(!c.webhooks.first().wants(EventType::BuildFailed, "acme/api", "github"));
    QVERIFY(c.webhooks.first().wants(EventType::BuildFailed, "acme/api", "dockerhub"));
}

void TestGitHubApi::configErrors_data()
{
    QTest::addColumn<QByteArray>("watch");
    QTest::addColumn<QString>("expected");
    QTest::newRow("namespace key") << QByteArray(R"({"account": "gh", "namespace": "acme"})")
                                   << "watch[0].namespace: unknown key";
    QTest::newRow("tags key") << QByteArray(R"({"account": "gh", "repository": "a/b", "tags": []})")
                              << "watch[0].tags: unknown key";
    QTest::newRow("owner") << QByteArray(R"({"account": "gh", "owner": "-acme"})")
                           << "watch[0].owner: not a GitHub user or organisation";
    QTest::newRow("workflow") << QByteArray(
            R"({"account": "gh", "repository": "a/b", "workflows": ["ci.txt"]})")
                              << "watch[0].workflows[0]: not a workflow file";
    QTest::newRow("branch") << QByteArray(
            R"({"account": "gh", "repository": "a/b", "branches": ["a..b"]})")
                            << "watch[0].branches[0]: not a branch name";
    QTest::newRow("forks on a repository")
            << QByteArray(R"({"account": "gh", "repository": "a/b", "forks": true})")
            << "watch[0].forks: only applies to an \"owner\" watch";
}

void TestGitHubApi::configErrors()
{
    QFETCH(QByteArray, watch);
    QFETCH(QString, expected);
    const ConfigResult r
            = parseConfig(R"({"version": 1, "accounts": {"gh": {"provider": "github"}}, "watch": [)"
                          + watch + "]}");
    QVERIFY(!r.ok());
    QVERIFY2(r.errors.join('\n').contains(expected), qPrintable(r.errors.join('\n')));
}

// A GitHub trigger's keys are there and not empty: "workflow": "" dispatches nothing.
void TestGitHubApi::emptyTriggerFieldsAreErrors()
{
    const ConfigResult r = parseConfig(R"({"version": 1,
      "accounts": {"gh": {"provider": "github"}},
      "triggers": [{"name": "t", "account": "gh", "repository": "", "workflow": "", "ref": ""}]
    })");
    const QString errors = r.errors.join('\n');
    QVERIFY2(errors.contains("triggers[0].repository: expected \"owner/name\", got \"\"")
                     && errors.contains("triggers[0].workflow: not a workflow file")
                     && errors.contains("triggers[0].ref: not a branch or tag name"),
             qPrintable(errors));
}

void TestGitHubApi::dockerHubFormatKeepsGitHubOut()
{
    const ConfigResult r = parseConfig(R"({
      "version": 1,
      "accounts": {"gh": {"provider": "github"}},
      "watch": [{"account": "gh", "owner": "acme"}],
      "webhooks": [{"name": "legacy", "url": "https://example.com/hook", "format": "dockerhub"}]
    })");
    QVERIFY(!r.ok());
    QVERIFY2(r.errors.join('\n').contains(
                     "webhooks[0].format: \"dockerhub\" payloads describe Docker Hub builds, but "
                     "the GitHub runs of watch[0] (acme/*) could reach this webhook; add "
                     "\"providers\": [\"dockerhub\"]"),
             qPrintable(r.errors.join('\n')));
}

void TestGitHubApi::rateLimitAnswers()
{
    HttpResult r;
    r.status = 403;
    r.body = R"({"message": "Resource not accessible by personal access token"})";
    QVERIFY(!isRateLimitAnswer(r)); // a permission, not a limit
    r.rateLimit.remaining = 0;
    QVERIFY(isRateLimitAnswer(r)); // the primary limit
    r.rateLimit.remaining = 4000;
    r.body = R"({"message": "You have exceeded a secondary rate limit."})";
    QVERIFY(isRateLimitAnswer(r));
    r.status = 429;
    r.body.clear();
    QVERIFY(isRateLimitAnswer(r));
}

void TestGitHubApi::secondaryLimitWaitsAMinute()
{
    const QDateTime now(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);
    RateLimiter limiter;
    RateLimitHeaders h;
    h.limit = 5000;
    h.remaining = 4000;
    h.reset = now.addSecs(1800);
    limiter.observe(403, h, now, true);
    QCOMPARE(limiter.delayMs(now), 60000); // no Retry-After: at least a minute
    limiter.observe(403, h, now, true);
    QCOMPARE(limiter.delayMs(now), 120000); // then doubling
    // Once it is over, the 4,000 points left are not mistaken for none.
    limiter.observe(200, h, now.addSecs(200));
    QCOMPARE(limiter.delayMs(now.addSecs(200)), 0);
}

void TestGitHubApi::primaryLimitWaitsForTheReset()
{
    const QDateTime now(QDate(2026, 12, 1), QTime(10, 0), Qt::UTC);
    RateLimiter limiter;
    RateLimitHeaders h;
    h.limit = 60;
    h.remaining = 0;
    h.reset = now.addSecs(1200);
    limiter.observe(403, h, now, true);
    QCOMPARE(limiter.delayMs(now), 1201 * 1000);
}

void TestGitHubApi::payloadsCarryTheRun()
{
    QString error;
    const auto page = github::parseRuns(kRuns, &error);
    QVERIFY(page);
    Event e;
    e.type = EventType::BuildFailed;
    e.build = page->runs.first();
    e.id = eventId(e.build.provider, e.build.repository, e.build.id, e.type, e.build.attempt);
    e.occurredAt = e.build.updated;
    for (WebhookFormat f : { WebhookFormat::Slack, WebhookFormat::Discord, WebhookFormat::Teams,
                             WebhookFormat::Json }) {
        const QByteArray body = renderPayload(f, e);
        for (const char *fact :
             { "GitHub Actions", "acme/api", "CI", "main", "0123456789ab", "octocat",
               "https://github.com/acme/api/actions/runs/30433642123" }) {
            if (f == WebhookFormat::Json && QByteArray(fact) == "GitHub Actions")
                continue; // the JSON says "provider": "github"
            QVERIFY2(body.contains(fact),
                     qPrintable(webhookFormatName(f) + QStringLiteral(": ")
                                + QString::fromLatin1(fact)));
        }
    }
    const QJsonObject json
            = QJsonDocument::fromJson(renderPayload(WebhookFormat::Json, e)).object();
    const QJsonObject b = json.value(QStringLiteral("build")).toObject();
    QCOMPARE(b.value(QStringLiteral("provider")).toString(), QStringLiteral("github"));
    QCOMPARE(b.value(QStringLiteral("workflow")).toString(), QStringLiteral("ci.yml"));
    QCOMPARE(b.value(QStringLiteral("branch")).toString(), QStringLiteral("main"));
    QCOMPARE(b.value(QStringLiteral("actor")).toString(), QStringLiteral("octocat"));
    QCOMPARE(b.value(QStringLiteral("commit")).toString(),
             QStringLiteral("0123456789abcdef0123456789abcdef01234567"));
}

QTEST_MAIN(TestGitHubApi)
#include "tst_githubapi.moc"
