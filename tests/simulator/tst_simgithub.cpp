// Tests of the simulated GitHub REST API (Actions workflow runs), spoken to over real HTTP with
// QNetworkAccessManager.
#include "simulator/github/SimulatedGitHub.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

namespace {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

struct Reply
{
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    int status = 0;
    QByteArray body;
    QJsonDocument json;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    qint64 elapsedMs = 0;

    QJsonObject object() const { return json.object(); }
    QJsonArray array() const { return json.array(); }
    QString message() const { return object().value(QStringLiteral("message")).toString(); }
    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    bool hasHeader(const char *name) const { return headers.contains(QByteArray(name)); }
    // rel -> URL from the Link header
    QHash<QString, QUrl> links() const
    {
        QHash<QString, QUrl> out;
        static const QRegularExpression entry(QStringLiteral("<([^>]+)>;\\s*rel=\"(\\w+)\""));
        auto it = entry.globalMatch(QString::fromLatin1(header("link")));
        while (it.hasNext()) {
            const auto match = it.next();
            out.insert(match.captured(2), QUrl(match.captured(1)));
        }
        return out;
    }
    QList<qint64> runIds() const
    {
        QList<qint64> ids;
        for (const QJsonValue &run : object().value(QStringLiteral("workflow_runs")).toArray())
            ids.append(run.toObject().value(QStringLiteral("id")).toInteger());
        return ids;
    }
};

QNetworkReply *start(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
                     const QByteArray &body, const RawHeaders &headers)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(10000);
    request.setRawHeader("User-Agent", "hubhook-tests");
    request.setRawHeader("Accept", "application/vnd.github+json");
    request.setRawHeader("X-GitHub-Api-Version", "2022-11-28");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
    for (const auto &header : headers)
        request.setRawHeader(header.first, header.second);
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
    out.json = QJsonDocument::fromJson(out.body);
    for (const auto &pair : reply->rawHeaderPairs())
        out.headers.insert(pair.first.toLower(), pair.second);
    return out;
}

Reply send(QNetworkAccessManager &nam, const QByteArray &method, const QUrl &url,
           const QByteArray &body = {}, const RawHeaders &headers = {})
{
    QElapsedTimer timer;
    timer.start();
    return finish(start(nam, method, url, body, headers), timer);
}

SimGhRepo repository(const QString &fullName)
{
    SimGhRepo out;
    out.fullName = fullName;
    return out;
}

RawHeaders bearer(const QByteArray &token) { return { { "Authorization", "Bearer " + token } }; }

QByteArray jsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

SimGhRun run(const QString &workflow, const QString &branch, const QString &event,
             const QString &status, const QString &conclusion, int minutesAgo)
{
    SimGhRun out;
    out.workflow = workflow;
    out.branch = branch;
    out.event = event;
    out.status = status;
    out.conclusion = conclusion;
    out.created = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    out.updated = out.created.addSecs(30);
    return out;
}

} // namespace

class tst_SimGitHub : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void runsPageWithLinksInRepositoryIdForm();
    void ownerRepositoriesPageInOrganizationIdForm();
    void usersAreNotOrganizations();
    void etagAnswers304WithoutPoint();
    void runFilters();
    void privateRepositoryNeedsToken();
    void badTokenIsRejectedEverywhere();
    void primaryRateLimit();
    void primaryRateLimitAs429();
    void secondaryRateLimit();
    void dispatch();
    void dispatchRejections();
    void rerun();
    void dispatchedRunLifecycle();
    void userAgentRequired();
    void apiVersionChecked();
    void hangOnOneRepositoryWhileAnotherAnswers();
    void enterpriseServerPrefix();
    void executableWithGitHub();
    void packageVersionFields();
    void packageVersionsPagedWithLinks();
    void packageTagMovesToNewerVersion();
    void packageVersionsEtag();
    void packageVersionsAuth();
    void nestedPackageNames();
    void demoHasBasePackage();

private:
    QUrl url(const QString &path, const QString &query = {}) const
    {
        QUrl out = m_gh->baseUrl();
        out.setPath(out.path() + path);
        if (!query.isEmpty())
            out.setQuery(query);
        return out;
    }
    Reply get(const QString &path, const QString &query = {}, const RawHeaders &headers = {})
    {
        return send(*m_nam, "GET", url(path, query), {}, headers);
    }
    Reply post(const QString &path, const QJsonObject &body, const RawHeaders &headers)
    {
        return send(*m_nam, "POST", url(path), jsonBytes(body), headers);
    }

    std::unique_ptr<SimulatedGitHub> m_gh;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void tst_SimGitHub::init()
{
    m_gh = std::make_unique<SimulatedGitHub>();
    QVERIFY(m_gh->listen() != 0);
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_SimGitHub::cleanup()
{
    m_nam.reset();
    m_gh->stop();
    m_gh.reset();
}

void tst_SimGitHub::runsPageWithLinksInRepositoryIdForm()
{
    m_gh->addRepository(repository(QStringLiteral("acme/app")));
    for (int i = 0; i < 7; ++i)
        m_gh->addRun(QStringLiteral("acme/app"),
                     run(QStringLiteral("ci.yml"), QStringLiteral("main"), QStringLiteral("push"),
                         QStringLiteral("completed"), QStringLiteral("success"), 10 + i));
    const qint64 repoId = m_gh->repositoryId(QStringLiteral("acme/app"));
    const QString altPath = QStringLiteral("/repositories/%1/actions/runs").arg(repoId);

    Reply page = get(QStringLiteral("/repos/acme/app/actions/runs"),
                     QStringLiteral("branch=main&per_page=3"));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.header("content-type"), QByteArray("application/json; charset=utf-8"));
    QCOMPARE(page.object().value(QStringLiteral("total_count")).toInt(), 7);
    auto links = page.links();
    QCOMPARE(links.keys().size(), 2);
    QCOMPARE(links.value(QStringLiteral("next")).path(), altPath);
    QCOMPARE(links.value(QStringLiteral("next")).port(), m_gh->baseUrl().port());
    QCOMPARE(QUrlQuery(links.value(QStringLiteral("next"))).queryItemValue(QStringLiteral("page")),
             QStringLiteral("2"));
    QCOMPARE(
            QUrlQuery(links.value(QStringLiteral("next"))).queryItemValue(QStringLiteral("branch")),
            QStringLiteral("main"));
    QCOMPARE(QUrlQuery(links.value(QStringLiteral("last"))).queryItemValue(QStringLiteral("page")),
             QStringLiteral("3"));
    QList<qint64> ids = page.runIds();

    page = send(*m_nam, "GET", links.value(QStringLiteral("next")));
    QCOMPARE(page.status, 200);
    links = page.links();
    QCOMPARE(links.keys().size(), 4); // prev, next, last, first
    QCOMPARE(QUrlQuery(links.value(QStringLiteral("prev"))).queryItemValue(QStringLiteral("page")),
             QStringLiteral("1"));
    QCOMPARE(QUrlQuery(links.value(QStringLiteral("first"))).queryItemValue(QStringLiteral("page")),
             QStringLiteral("1"));
    ids += page.runIds();

    page = send(*m_nam, "GET", links.value(QStringLiteral("next")));
    QCOMPARE(page.status, 200);
    links = page.links();
    QVERIFY(!links.contains(QStringLiteral("next")));
    QVERIFY(!links.contains(QStringLiteral("last")));
    QVERIFY(links.contains(QStringLiteral("prev")));
    QVERIFY(links.value(QStringLiteral("prev")).path() == altPath);
    ids += page.runIds();

    QList<qint64> expected;
    for (const SimGhRun &entry : m_gh->runs(QStringLiteral("acme/app")))
        expected.append(entry.id);
    QCOMPARE(ids, expected); // newest first, each once
    QVERIFY(ids.first() > (qint64(1) << 32));

    const Reply single
            = get(QStringLiteral("/repos/acme/app/actions/runs"), QStringLiteral("per_page=100"));
    QCOMPARE(single.runIds().size(), 7);
    QVERIFY(!single.hasHeader("link"));
}

void tst_SimGitHub::ownerRepositoriesPageInOrganizationIdForm()
{
    m_gh->generateRepositories(QStringLiteral("acme-gh"), 5);
    const QString altPath = QStringLiteral("/organizations/%1/repos")
                                    .arg(m_gh->ownerId(QStringLiteral("acme-gh")));
    QStringList names;
    Reply page = get(QStringLiteral("/orgs/acme-gh/repos"),
                     QStringLiteral("sort=pushed&direction=desc&per_page=2"));
    for (int pages = 1;; ++pages) {
        QCOMPARE(page.status, 200);
        for (const QJsonValue &repo : page.array())
            names.append(repo.toObject().value(QStringLiteral("full_name")).toString());
        const QUrl next = page.links().value(QStringLiteral("next"));
        if (next.isEmpty()) {
            QCOMPARE(pages, 3);
            break;
        }
        QCOMPARE(next.path(), altPath);
        QCOMPARE(QUrlQuery(next).queryItemValue(QStringLiteral("sort")), QStringLiteral("pushed"));
        page = send(*m_nam, "GET", next);
    }
    QCOMPARE(names,
             QStringList({ QStringLiteral("acme-gh/repo-0001"), QStringLiteral("acme-gh/repo-0002"),
                           QStringLiteral("acme-gh/repo-0003"), QStringLiteral("acme-gh/repo-0004"),
                           QStringLiteral("acme-gh/repo-0005") }));

    const QJsonObject repo = get(QStringLiteral("/repos/acme-gh/repo-0003")).object();
    QCOMPARE(repo.value(QStringLiteral("name")).toString(), QStringLiteral("repo-0003"));
    QCOMPARE(repo.value(QStringLiteral("owner")).toObject().value(QStringLiteral("login")),
             QJsonValue(QStringLiteral("acme-gh")));
    QCOMPARE(repo.value(QStringLiteral("default_branch")).toString(), QStringLiteral("main"));
    QCOMPARE(repo.value(QStringLiteral("private")).toBool(true), false);
    QCOMPARE(repo.value(QStringLiteral("html_url")).toString(),
             QStringLiteral("https://github.com/acme-gh/repo-0003"));
    QVERIFY(repo.value(QStringLiteral("pushed_at")).toString().endsWith(QLatin1Char('Z')));
    const Reply runs = get(QStringLiteral("/repos/acme-gh/repo-0003/actions/runs"));
    QCOMPARE(runs.runIds().size(), 1);
    const QJsonObject first
            = runs.object().value(QStringLiteral("workflow_runs")).toArray().first().toObject();
    QCOMPARE(first.value(QStringLiteral("conclusion")).toString(), QStringLiteral("success"));
    QCOMPARE(first.value(QStringLiteral("name")).toString(), QStringLiteral("CI"));
}

void tst_SimGitHub::usersAreNotOrganizations()
{
    m_gh->addOwner(QStringLiteral("alice"), false);
    m_gh->addRepository(repository(QStringLiteral("alice/dotfiles")));
    m_gh->addRepository(repository(QStringLiteral("alice/site")));
    QCOMPARE(get(QStringLiteral("/orgs/alice/repos")).status, 404);
    const Reply page = get(QStringLiteral("/users/alice/repos"), QStringLiteral("per_page=1"));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.array().first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("dotfiles")); // users sort by full_name by default
    const QUrl next = page.links().value(QStringLiteral("next"));
    QCOMPARE(next.path(),
             QStringLiteral("/user/%1/repos").arg(m_gh->ownerId(QStringLiteral("alice"))));
    const Reply second = send(*m_nam, "GET", next);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.array().first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("site"));
    QCOMPARE(get(QStringLiteral("/orgs/nobody/repos")).status, 404);
}

void tst_SimGitHub::etagAnswers304WithoutPoint()
{
    m_gh->addRepository(repository(QStringLiteral("acme/app")));
    const qint64 id
            = m_gh->addRun(QStringLiteral("acme/app"),
                           run(QStringLiteral("ci.yml"), QStringLiteral("main"),
                               QStringLiteral("push"), QStringLiteral("in_progress"), {}, 1));
    const QString path = QStringLiteral("/repos/acme/app/actions/runs");
    const Reply first = get(path);
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("etag");
    QVERIFY2(etag.startsWith("W/\"") && etag.endsWith('"'), etag.constData());
    QCOMPARE(m_gh->pointsUsed(), 1);
    QCOMPARE(get(path).header("etag"), etag); // stable while nothing changes
    QCOMPARE(m_gh->pointsUsed(), 2);

    const Reply cached = get(path, {}, { { "If-None-Match", etag } });
    QCOMPARE(cached.status, 304);
    QVERIFY(cached.body.isEmpty());
    QCOMPARE(cached.header("etag"), etag);
    QCOMPARE(cached.header("x-ratelimit-remaining"), QByteArray("58"));
    QCOMPARE(m_gh->pointsUsed(), 2);
    QCOMPARE(m_gh->notModifiedCount(), 1);
    QCOMPARE(m_gh->requestCount(path), 3);

    QVERIFY(m_gh->setRunStatus(QStringLiteral("acme/app"), id, QStringLiteral("completed"),
                               QStringLiteral("failure")));
    const Reply changed = get(path, {}, { { "If-None-Match", etag } });
    QCOMPARE(changed.status, 200);
    QVERIFY(changed.header("etag") != etag);
    QCOMPARE(m_gh->pointsUsed(), 3);
    QCOMPARE(m_gh->notModifiedCount(), 1);
}

void tst_SimGitHub::runFilters()
{
    const QString repo = QStringLiteral("acme/app");
    m_gh->addRepository(repository(repo));
    m_gh->addWorkflow(repo, QStringLiteral("ci.yml"), QStringLiteral("CI"));
    const QString ci = QStringLiteral("ci.yml");
    const qint64 pushMain
            = m_gh->addRun(repo,
                           run(ci, QStringLiteral("main"), QStringLiteral("push"),
                               QStringLiteral("completed"), QStringLiteral("success"), 50));
    const qint64 pushDev
            = m_gh->addRun(repo,
                           run(ci, QStringLiteral("dev"), QStringLiteral("push"),
                               QStringLiteral("completed"), QStringLiteral("failure"), 40));
    SimGhRun pr = run(ci, QStringLiteral("main"), QStringLiteral("pull_request"),
                      QStringLiteral("completed"), QStringLiteral("success"), 30);
    pr.fromFork = true;
    pr.actor = QStringLiteral("contributor");
    const qint64 pullRequest = m_gh->addRun(repo, pr);
    const qint64 manual
            = m_gh->addRun(repo,
                           run(ci, QStringLiteral("main"), QStringLiteral("workflow_dispatch"),
                               QStringLiteral("in_progress"), QStringLiteral("success"), 20));
    const qint64 release = m_gh->addRun(repo,
                                        run(QStringLiteral("release.yml"), QStringLiteral("main"),
                                            QStringLiteral("push"), QStringLiteral("completed"),
                                            QStringLiteral("cancelled"), 10));
    const QString runs = QStringLiteral("/repos/acme/app/actions/runs");
    using Ids = QList<qint64>;
    QCOMPARE(get(runs).runIds(), Ids({ release, manual, pullRequest, pushDev, pushMain }));
    QCOMPARE(get(runs, QStringLiteral("status=success")).runIds(), Ids({ pullRequest, pushMain }));
    QCOMPARE(get(runs, QStringLiteral("status=failure")).runIds(), Ids({ pushDev }));
    QCOMPARE(get(runs, QStringLiteral("status=in_progress")).runIds(), Ids({ manual }));
    QCOMPARE(get(runs, QStringLiteral("status=completed")).runIds(),
             Ids({ release, pullRequest, pushDev, pushMain }));
    QCOMPARE(get(runs, QStringLiteral("event=push")).runIds(), Ids({ release, pushDev, pushMain }));
    QCOMPARE(get(runs, QStringLiteral("branch=dev")).runIds(), Ids({ pushDev }));
    QCOMPARE(get(runs, QStringLiteral("exclude_pull_requests=true")).runIds(),
             Ids({ release, manual, pushDev, pushMain }));
    QCOMPARE(get(runs, QStringLiteral("branch=main&event=push&status=success")).runIds(),
             Ids({ pushMain }));
    QCOMPARE(get(runs, QStringLiteral("status=success"))
                     .object()
                     .value(QStringLiteral("total_count")),
             QJsonValue(2));

    const QString byFile = QStringLiteral("/repos/acme/app/actions/workflows/release.yml/runs");
    QCOMPARE(get(byFile).runIds(), Ids({ release }));
    const QJsonObject workflows = get(QStringLiteral("/repos/acme/app/actions/workflows")).object();
    QCOMPARE(workflows.value(QStringLiteral("total_count")).toInt(), 2);
    const QJsonObject ciWorkflow
            = workflows.value(QStringLiteral("workflows")).toArray().first().toObject();
    QCOMPARE(ciWorkflow.value(QStringLiteral("path")).toString(),
             QStringLiteral(".github/workflows/ci.yml"));
    QCOMPARE(ciWorkflow.value(QStringLiteral("state")).toString(), QStringLiteral("active"));
    const QString byId = QStringLiteral("/repos/acme/app/actions/workflows/%1/runs")
                                 .arg(ciWorkflow.value(QStringLiteral("id")).toInteger());
    QCOMPARE(get(byId, QStringLiteral("status=success")).runIds(), Ids({ pullRequest, pushMain }));
    const Reply unknown = get(QStringLiteral("/repos/acme/app/actions/workflows/nope.yml/runs"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.message(), QStringLiteral("Not Found"));

    // The run object.
    const QJsonArray all = get(runs).object().value(QStringLiteral("workflow_runs")).toArray();
    const QJsonObject running = all.at(1).toObject();
    QVERIFY(running.value(QStringLiteral("conclusion")).isNull());
    QCOMPARE(running.value(QStringLiteral("name")).toString(), QStringLiteral("CI"));
    QCOMPARE(running.value(QStringLiteral("path")).toString(),
             QStringLiteral(".github/workflows/ci.yml"));
    QCOMPARE(running.value(QStringLiteral("html_url")).toString(),
             QStringLiteral("https://github.com/acme/app/actions/runs/%1").arg(manual));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$"))
                    .match(running.value(QStringLiteral("run_started_at")).toString())
                    .hasMatch());
    QCOMPARE(running.value(QStringLiteral("head_sha")).toString().size(), 40);
    QCOMPARE(running.value(QStringLiteral("actor")).toObject().value(QStringLiteral("login")),
             QJsonValue(QStringLiteral("octocat")));
    const QJsonObject fork = all.at(2).toObject();
    QCOMPARE(fork.value(QStringLiteral("repository")).toObject().value(QStringLiteral("full_name")),
             QJsonValue(repo));
    QCOMPARE(fork.value(QStringLiteral("head_repository"))
                     .toObject()
                     .value(QStringLiteral("full_name")),
             QJsonValue(QStringLiteral("contributor/app")));
    const Reply one = get(runs + QStringLiteral("/%1").arg(release));
    QCOMPARE(one.object().value(QStringLiteral("conclusion")).toString(),
             QStringLiteral("cancelled"));
}

void tst_SimGitHub::privateRepositoryNeedsToken()
{
    m_gh->addRepository(repository(QStringLiteral("acme/public")));
    SimGhRepo secret = repository(QStringLiteral("acme/secret"));
    secret.isPrivate = true;
    m_gh->addRepository(secret);
    m_gh->addToken(QStringLiteral("tok"), { QStringLiteral("acme") });
    m_gh->addToken(QStringLiteral("other"), { QStringLiteral("someone-else") });

    const Reply anonymous = get(QStringLiteral("/repos/acme/secret"));
    QCOMPARE(anonymous.status, 404);
    QCOMPARE(anonymous.message(), QStringLiteral("Not Found"));
    QCOMPARE(get(QStringLiteral("/repos/acme/secret/actions/runs")).status, 404);
    QCOMPARE(get(QStringLiteral("/repos/acme/secret"), {}, bearer("other")).status, 404);
    const Reply seen = get(QStringLiteral("/repos/acme/secret"), {}, bearer("tok"));
    QCOMPARE(seen.status, 200);
    QCOMPARE(seen.object().value(QStringLiteral("private")).toBool(), true);
    QCOMPARE(get(QStringLiteral("/repos/acme/secret"), {}, { { "Authorization", "token tok" } })
                     .status,
             200);
    QCOMPARE(get(QStringLiteral("/orgs/acme/repos")).array().size(), 1);
    QCOMPARE(get(QStringLiteral("/orgs/acme/repos"), {}, bearer("tok")).array().size(), 2);
    QCOMPARE(get(QStringLiteral("/orgs/acme/repos"), QStringLiteral("type=private"), bearer("tok"))
                     .array()
                     .size(),
             1);
}

void tst_SimGitHub::badTokenIsRejectedEverywhere()
{
    m_gh->addRepository(repository(QStringLiteral("acme/app")));
    for (const QString &path : { QStringLiteral("/repos/acme/app"), QStringLiteral("/rate_limit"),
                                 QStringLiteral("/orgs/acme/repos") }) {
        const Reply reply = get(path, {}, bearer("nope"));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.message(), QStringLiteral("Bad credentials"));
    }
    QCOMPARE(get(QStringLiteral("/repos/acme/app"), {}, { { "Authorization", "Basic eDp5" } })
                     .status,
             401);
    QCOMPARE(get(QStringLiteral("/repos/acme/app")).status, 200);
}

void tst_SimGitHub::primaryRateLimit()
{
    m_gh->addRepository(repository(QStringLiteral("acme/app")));
    m_gh->addToken(QStringLiteral("tok"), {});
    m_gh->setPrimaryRateLimit(3, 5, 120);
    const qint64 before = QDateTime::currentSecsSinceEpoch();
    QByteArray reset;
    for (int i = 0; i < 3; ++i) {
        const Reply reply = get(QStringLiteral("/repos/acme/app"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("x-ratelimit-limit"), QByteArray("3"));
        QCOMPARE(reply.header("x-ratelimit-remaining"), QByteArray::number(2 - i));
        QCOMPARE(reply.header("x-ratelimit-used"), QByteArray::number(i + 1));
        QCOMPARE(reply.header("x-ratelimit-resource"), QByteArray("core"));
        if (i == 0)
            reset = reply.header("x-ratelimit-reset");
        QCOMPARE(reply.header("x-ratelimit-reset"), reset);
    }
    QVERIFY(reset.toLongLong() >= before + 120 && reset.toLongLong() <= before + 122);

    const Reply limited = get(QStringLiteral("/repos/acme/app"));
    QCOMPARE(limited.status, 403);
    QCOMPARE(limited.header("x-ratelimit-remaining"), QByteArray("0"));
    QCOMPARE(limited.header("x-ratelimit-reset"), reset);
    QVERIFY2(limited.message().startsWith(QLatin1String("API rate limit exceeded for ")),
             qPrintable(limited.message()));
    QVERIFY(limited.object().contains(QStringLiteral("documentation_url")));

    // /rate_limit is free and still answers; a token has its own bucket.
    const Reply status = get(QStringLiteral("/rate_limit"));
    QCOMPARE(status.status, 200);
    const QJsonObject core = status.object()
                                     .value(QStringLiteral("resources"))
                                     .toObject()
                                     .value(QStringLiteral("core"))
                                     .toObject();
    QCOMPARE(core.value(QStringLiteral("remaining")).toInt(-1), 0);
    QCOMPARE(core.value(QStringLiteral("limit")).toInt(), 3);
    QCOMPARE(core.value(QStringLiteral("reset")).toInteger(), reset.toLongLong());
    QCOMPARE(status.object().value(QStringLiteral("rate")).toObject().value(QStringLiteral("used")),
             QJsonValue(3));
    const Reply withToken = get(QStringLiteral("/repos/acme/app"), {}, bearer("tok"));
    QCOMPARE(withToken.status, 200);
    QCOMPARE(withToken.header("x-ratelimit-limit"), QByteArray("5"));
    QCOMPARE(withToken.header("x-ratelimit-remaining"), QByteArray("4"));
    QCOMPARE(m_gh->pointsUsed(), 3);
    QCOMPARE(m_gh->pointsUsed(QStringLiteral("tok")), 1);
}

void tst_SimGitHub::primaryRateLimitAs429()
{
    m_gh->addRepository(repository(QStringLiteral("acme/app")));
    m_gh->setPrimaryRateLimit(1, 5, 60);
    m_gh->setPrimaryRateLimitStatus(429);
    QCOMPARE(get(QStringLiteral("/repos/acme/app")).status, 200);
    const Reply limited = get(QStringLiteral("/repos/acme/app"));
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("x-ratelimit-remaining"), QByteArray("0"));
}

void tst_SimGitHub::secondaryRateLimit()
{
    m_gh->addRepository(repository(QStringLiteral("acme/app")));
    m_gh->setSecondaryRateLimit(2, 30);
    for (int i = 0; i < 2; ++i) {
        const Reply reply = get(QStringLiteral("/repos/acme/app"));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.header("retry-after"), QByteArray("30"));
        QVERIFY2(reply.message().startsWith(
                         QLatin1String("You have exceeded a secondary rate limit.")),
                 qPrintable(reply.message()));
    }
    QCOMPARE(get(QStringLiteral("/repos/acme/app")).status, 200);

    m_gh->setSecondaryRateLimit(1, -1);
    const Reply withoutHeader = get(QStringLiteral("/repos/acme/app"));
    QCOMPARE(withoutHeader.status, 403);
    QVERIFY(!withoutHeader.hasHeader("retry-after"));
    QVERIFY(withoutHeader.message().contains(QLatin1String("secondary rate limit")));
    QCOMPARE(get(QStringLiteral("/repos/acme/app")).status, 200);
}

void tst_SimGitHub::dispatch()
{
    const QString repo = QStringLiteral("acme/app");
    m_gh->addRepository(repository(repo));
    m_gh->addWorkflow(repo, QStringLiteral("deploy.yml"), QStringLiteral("Deploy"));
    m_gh->addToken(QStringLiteral("tok"), { QStringLiteral("acme") });
    QSignalSpy dispatched(m_gh.get(), &SimulatedGitHub::dispatched);
    const QString path = QStringLiteral("/repos/acme/app/actions/workflows/deploy.yml/dispatches");

    const Reply plain
            = post(path,
                   { { QStringLiteral("ref"), QStringLiteral("main") },
                     { QStringLiteral("inputs"),
                       QJsonObject { { QStringLiteral("env"), QStringLiteral("prod") } } } },
                   bearer("tok"));
    QCOMPARE(plain.status, 204);
    QVERIFY(plain.body.isEmpty());
    QCOMPARE(dispatched.size(), 1);
    const SimGhRun created = m_gh->runs(repo).first();
    QCOMPARE(created.event, QStringLiteral("workflow_dispatch"));
    QCOMPARE(created.status, QStringLiteral("queued"));
    QVERIFY(created.conclusion.isEmpty());
    QCOMPARE(created.workflow, QStringLiteral("deploy.yml"));
    QCOMPARE(dispatched.first().at(0).toString(), repo);
    QCOMPARE(dispatched.first().at(1).toString(), QStringLiteral("deploy.yml"));
    QCOMPARE(dispatched.first().at(2).toString(), QStringLiteral("main"));
    QCOMPARE(dispatched.first().at(3).toLongLong(), created.id);

    const Reply details = post(path,
                               { { QStringLiteral("ref"), QStringLiteral("main") },
                                 { QStringLiteral("return_run_details"), true } },
                               bearer("tok"));
    QCOMPARE(details.status, 200);
    const qint64 runId = details.object().value(QStringLiteral("workflow_run_id")).toInteger();
    QCOMPARE(runId, m_gh->runs(repo).first().id);
    QCOMPARE(details.object().value(QStringLiteral("html_url")).toString(),
             QStringLiteral("https://github.com/acme/app/actions/runs/%1").arg(runId));
    const Reply fetched = send(*m_nam, "GET",
                               QUrl(details.object().value(QStringLiteral("run_url")).toString()));
    QCOMPARE(fetched.status, 200);
    QCOMPARE(fetched.object().value(QStringLiteral("id")).toInteger(), runId);
    QCOMPARE(fetched.object().value(QStringLiteral("status")).toString(), QStringLiteral("queued"));
    QCOMPARE(m_gh->dispatchCount(repo), 2);

    m_gh->setReturnRunDetailsSupported(false);
    const Reply enterprise = post(path,
                                  { { QStringLiteral("ref"), QStringLiteral("main") },
                                    { QStringLiteral("return_run_details"), true } },
                                  bearer("tok"));
    QCOMPARE(enterprise.status, 422);
    QCOMPARE(enterprise.message(),
             QStringLiteral("Invalid request.\n\n\"return_run_details\" is not a permitted key."));
    QCOMPARE(m_gh->dispatchCount(repo), 2);
    QCOMPARE(m_gh->runs(repo).size(), 2);
}

void tst_SimGitHub::dispatchRejections()
{
    const QString repo = QStringLiteral("acme/app");
    m_gh->addRepository(repository(repo));
    const qint64 ciId = m_gh->addWorkflow(repo, QStringLiteral("ci.yml"), QStringLiteral("CI"));
    m_gh->addWorkflow(repo, QStringLiteral("push-only.yml"), QStringLiteral("Push"), false);
    m_gh->addRun(repo,
                 run(QStringLiteral("ci.yml"), QStringLiteral("dev"), QStringLiteral("push"),
                     QStringLiteral("completed"), QStringLiteral("success"), 5));
    m_gh->addToken(QStringLiteral("tok"), { QStringLiteral("acme") });
    m_gh->addToken(QStringLiteral("reader"), { QStringLiteral("acme") }, false);
    const QString ci = QStringLiteral("/repos/acme/app/actions/workflows/ci.yml/dispatches");
    const QJsonObject main { { QStringLiteral("ref"), QStringLiteral("main") } };

    Reply reply = post(ci, { { QStringLiteral("ref"), QStringLiteral("nope") } }, bearer("tok"));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.message(), QStringLiteral("No ref found for: nope"));
    reply = post(QStringLiteral("/repos/acme/app/actions/workflows/push-only.yml/dispatches"), main,
                 bearer("tok"));
    QCOMPARE(reply.status, 422);
    QCOMPARE(reply.message(), QStringLiteral("Workflow does not have 'workflow_dispatch' trigger"));
    reply = post(ci, main, bearer("reader"));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.message(), QStringLiteral("Resource not accessible by personal access token"));
    reply = post(ci, main, {});
    QCOMPARE(reply.status, 401);
    QCOMPARE(reply.message(), QStringLiteral("Requires authentication"));
    QJsonObject inputs;
    for (int i = 0; i < 26; ++i)
        inputs.insert(QStringLiteral("input%1").arg(i), QStringLiteral("x"));
    reply = post(ci,
                 { { QStringLiteral("ref"), QStringLiteral("main") },
                   { QStringLiteral("inputs"), inputs } },
                 bearer("tok"));
    QCOMPARE(reply.status, 422);
    QCOMPARE(post(QStringLiteral("/repos/acme/app/actions/workflows/nope.yml/dispatches"), main,
                  bearer("tok"))
                     .status,
             404);
    QCOMPARE(m_gh->dispatchCount(repo), 0);

    // By numeric id, on a branch that has a run, with a full ref.
    reply = post(QStringLiteral("/repos/acme/app/actions/workflows/%1/dispatches").arg(ciId),
                 { { QStringLiteral("ref"), QStringLiteral("refs/heads/dev") } }, bearer("tok"));
    QCOMPARE(reply.status, 204);
    QCOMPARE(m_gh->runs(repo).first().branch, QStringLiteral("dev"));
    QCOMPARE(m_gh->dispatchCount(repo), 1);
}

void tst_SimGitHub::rerun()
{
    const QString repo = QStringLiteral("acme/app");
    m_gh->addRepository(repository(repo));
    const qint64 failed = m_gh->addRun(repo,
                                       run(QStringLiteral("ci.yml"), QStringLiteral("main"),
                                           QStringLiteral("push"), QStringLiteral("completed"),
                                           QStringLiteral("failure"), 5));
    m_gh->addToken(QStringLiteral("tok"), { QStringLiteral("acme") });
    m_gh->addToken(QStringLiteral("reader"), { QStringLiteral("acme") }, false);
    QSignalSpy rerunRequested(m_gh.get(), &SimulatedGitHub::rerunRequested);
    const QString base = QStringLiteral("/repos/acme/app/actions/runs/%1").arg(failed);

    Reply reply = post(base + QStringLiteral("/rerun-failed-jobs"), {}, bearer("reader"));
    QCOMPARE(reply.status, 403);
    QCOMPARE(reply.message(), QStringLiteral("Resource not accessible by personal access token"));

    reply = post(base + QStringLiteral("/rerun-failed-jobs"), {}, bearer("tok"));
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object(), QJsonObject());
    QCOMPARE(rerunRequested.size(), 1);
    QCOMPARE(rerunRequested.first().at(1).toLongLong(), failed);
    QCOMPARE(rerunRequested.first().at(2).toBool(), true);
    const SimGhRun again = m_gh->runs(repo).first();
    QCOMPARE(again.id, failed);
    QCOMPARE(again.runAttempt, 2);
    QCOMPARE(again.status, QStringLiteral("queued"));
    QVERIFY(again.conclusion.isEmpty());
    const QJsonObject json = get(base).object();
    QCOMPARE(json.value(QStringLiteral("run_attempt")).toInt(), 2);
    QVERIFY(json.value(QStringLiteral("conclusion")).isNull());

    reply = post(base + QStringLiteral("/rerun"), {}, bearer("tok"));
    QCOMPARE(reply.status, 403);
    QVERIFY2(reply.message().startsWith(QLatin1String("This workflow run cannot be rerun")),
             qPrintable(reply.message()));
    QCOMPARE(m_gh->rerunCount(repo), 1);
    QCOMPARE(post(QStringLiteral("/repos/acme/app/actions/runs/1/rerun"), {}, bearer("tok")).status,
             404);
}

void tst_SimGitHub::dispatchedRunLifecycle()
{
    const QString repo = QStringLiteral("acme/app");
    m_gh->addRepository(repository(repo));
    m_gh->addToken(QStringLiteral("tok"), { QStringLiteral("acme") });
    m_gh->addWorkflow(repo, QStringLiteral("ci.yml"), QStringLiteral("CI"));
    m_gh->setDispatchedRunLifecycle(150, 150, QStringLiteral("failure"));
    const Reply reply = post(QStringLiteral("/repos/acme/app/actions/workflows/ci.yml/dispatches"),
                             { { QStringLiteral("ref"), QStringLiteral("main") },
                               { QStringLiteral("return_run_details"), true } },
                             bearer("tok"));
    QCOMPARE(reply.status, 200);
    const qint64 id = reply.object().value(QStringLiteral("workflow_run_id")).toInteger();
    const QString path = QStringLiteral("/repos/acme/app/actions/runs/%1").arg(id);
    QCOMPARE(m_gh->runs(repo).first().status, QStringLiteral("queued"));
    const QByteArray queuedTag = get(path).header("etag");
    QTRY_COMPARE_WITH_TIMEOUT(m_gh->runs(repo).first().status, QStringLiteral("in_progress"), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(m_gh->runs(repo).first().status, QStringLiteral("completed"), 5000);
    QCOMPARE(m_gh->runs(repo).first().conclusion, QStringLiteral("failure"));
    const Reply done = get(path, {}, { { "If-None-Match", queuedTag } });
    QCOMPARE(done.status, 200);
    QCOMPARE(done.object().value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    QCOMPARE(done.object().value(QStringLiteral("conclusion")).toString(),
             QStringLiteral("failure"));

    // A re-run goes through the same lifecycle.
    QCOMPARE(post(path + QStringLiteral("/rerun"), {}, bearer("tok")).status, 201);
    QCOMPARE(m_gh->runs(repo).first().status, QStringLiteral("queued"));
    QTRY_COMPARE_WITH_TIMEOUT(m_gh->runs(repo).first().status, QStringLiteral("completed"), 5000);
    QCOMPARE(m_gh->runs(repo).first().runAttempt, 2);
}

void tst_SimGitHub::userAgentRequired()
{
    m_gh->addRepository(repository(QStringLiteral("acme/app")));
    // Qt adds a User-Agent to every request, so this one is written by hand.
    auto raw = [this](const QByteArray &extraHeaders) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_gh->baseUrl().port());
        QSignalSpy disconnected(&socket, &QTcpSocket::disconnected);
        socket.write("GET /repos/acme/app HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                     + extraHeaders + "\r\n");
        QByteArray data;
        connect(&socket, &QTcpSocket::readyRead, &socket,
                [&data, &socket] { data += socket.readAll(); });
        if (!disconnected.wait(10000))
            qWarning("no answer within 10 s");
        return data + socket.readAll();
    };
    const QByteArray withoutAgent = raw({});
    QVERIFY2(withoutAgent.startsWith("HTTP/1.1 403"), withoutAgent.constData());
    QVERIFY(withoutAgent.contains("Please make sure your request has a User-Agent header"));
    const QByteArray withAgent = raw("User-Agent: curl/8\r\n");
    QVERIFY2(withAgent.startsWith("HTTP/1.1 200"), withAgent.constData());
}

void tst_SimGitHub::apiVersionChecked()
{
    m_gh->addRepository(repository(QStringLiteral("acme/app")));
    const Reply reply = get(QStringLiteral("/repos/acme/app"), {},
                            { { "X-GitHub-Api-Version", "2020-01-01" } });
    QCOMPARE(reply.status, 400);
    QVERIFY2(reply.message().contains(QLatin1String("2020-01-01")), qPrintable(reply.message()));
    QVERIFY(reply.message().contains(QLatin1String("is not supported")));
}

void tst_SimGitHub::hangOnOneRepositoryWhileAnotherAnswers()
{
    m_gh->addRepository(repository(QStringLiteral("acme/slow")));
    m_gh->addRepository(repository(QStringLiteral("acme/fast")));
    SimFault hang;
    hang.pathContains = QStringLiteral("/repos/acme/slow/");
    hang.kind = SimFaultKind::Hang;
    m_gh->addFault(hang);
    QSignalSpy served(m_gh.get(), &SimulatedGitHub::requestServed);
    QNetworkReply *slow
            = start(*m_nam, "GET", url(QStringLiteral("/repos/acme/slow/actions/runs")), {}, {});
    std::unique_ptr<QNetworkReply> slowOwner(slow);
    QTRY_COMPARE_WITH_TIMEOUT(m_gh->requestCount(QStringLiteral("/repos/acme/slow/")), 1, 5000);
    QCOMPARE(served.size(), 1);
    QCOMPARE(served.first().at(1).toInt(), 0);

    const Reply fast = get(QStringLiteral("/repos/acme/fast/actions/runs"));
    QCOMPARE(fast.status, 200);
    QVERIFY(fast.elapsedMs < 5000);
    QVERIFY(!slow->isFinished());

    QSignalSpy finished(slow, &QNetworkReply::finished);
    m_gh->stop(); // drops the hanging connection
    QVERIFY(finished.size() == 1 || finished.wait(5000));
    QVERIFY(slow->error() != QNetworkReply::NoError);
}

void tst_SimGitHub::enterpriseServerPrefix()
{
    m_gh->setPathPrefix(QStringLiteral("/api/v3"));
    m_gh->disableRateLimits();
    QCOMPARE(m_gh->baseUrl().path(), QStringLiteral("/api/v3"));
    m_gh->addRepository(repository(QStringLiteral("acme/app")));
    for (int i = 0; i < 2; ++i)
        m_gh->addRun(QStringLiteral("acme/app"),
                     run(QStringLiteral("ci.yml"), QStringLiteral("main"), QStringLiteral("push"),
                         QStringLiteral("completed"), QStringLiteral("success"), i + 1));
    const Reply page
            = get(QStringLiteral("/repos/acme/app/actions/runs"), QStringLiteral("per_page=1"));
    QCOMPARE(page.status, 200);
    QCOMPARE(page.header("x-github-enterprise-version"), QByteArray("3.14"));
    QVERIFY(!page.hasHeader("x-ratelimit-limit"));
    QVERIFY(!page.hasHeader("x-ratelimit-remaining"));
    QCOMPARE(page.links().value(QStringLiteral("next")).path(),
             QStringLiteral("/api/v3/repositories/%1/actions/runs")
                     .arg(m_gh->repositoryId(QStringLiteral("acme/app"))));
    QCOMPARE(send(*m_nam, "GET", page.links().value(QStringLiteral("next"))).runIds().size(), 1);
    QCOMPARE(get(QStringLiteral("/rate_limit")).status, 404);
    QUrl outside = m_gh->baseUrl();
    outside.setPath(QStringLiteral("/repos/acme/app"));
    const Reply unprefixed = send(*m_nam, "GET", outside);
    QCOMPARE(unprefixed.status, 404);
    QCOMPARE(unprefixed.header("x-github-enterprise-version"), QByteArray("3.14"));
}

void tst_SimGitHub::executableWithGitHub()
{
    const QString binary = qEnvironmentVariable("HUBHOOK_SIMULATOR_BINARY");
    if (binary.isEmpty())
        QSKIP("HUBHOOK_SIMULATOR_BINARY is not set");
    QProcess process;
    process.start(binary, { QStringLiteral("--github") });
    QVERIFY2(process.waitForStarted(5000), qPrintable(process.errorString()));
    auto stopProcess = qScopeGuard([&process] {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    });
    QStringList lines;
    auto twoLines = [&] {
        while (process.canReadLine())
            lines.append(QString::fromUtf8(process.readLine()).trimmed());
        return lines.size() >= 2;
    };
    QTRY_VERIFY_WITH_TIMEOUT(twoLines(), 10000);
    QVERIFY2(QRegularExpression(QStringLiteral("^http://127\\.0\\.0\\.1:\\d+$"))
                     .match(lines.at(0))
                     .hasMatch(),
             qPrintable(lines.join(QLatin1Char('|'))));
    const auto match = QRegularExpression(QStringLiteral("^github: (http://127\\.0\\.0\\.1:\\d+)$"))
                               .match(lines.at(1));
    QVERIFY2(match.hasMatch(), qPrintable(lines.at(1)));
    QUrl github(match.captured(1));
    github.setPath(QStringLiteral("/orgs/acme-gh/repos"));
    const Reply repos = send(*m_nam, "GET", github);
    QCOMPARE(repos.status, 200);
    QStringList names;
    for (const QJsonValue &repo : repos.array())
        names.append(repo.toObject().value(QStringLiteral("full_name")).toString());
    names.sort();
    QCOMPARE(names, QStringList({ QStringLiteral("acme-gh/api"), QStringLiteral("acme-gh/web") }));
    github.setPath(QStringLiteral("/repos/acme-gh/api/actions/runs"));
    github.setQuery(QStringLiteral("status=failure"));
    const QJsonArray failed
            = send(*m_nam, "GET", github).object().value(QStringLiteral("workflow_runs")).toArray();
    QCOMPARE(failed.size(), 1);
    QCOMPARE(failed.first().toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("Release"));
    process.terminate();
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
}

void tst_SimGitHub::packageVersionFields()
{
    m_gh->addToken(QStringLiteral("classic"), { QStringLiteral("acme") }, false, true);
    const QDateTime created = QDateTime::currentDateTimeUtc().addSecs(-600);
    const QString digest = QStringLiteral("sha256:") + QString(64, QLatin1Char('b'));
    const qint64 id = m_gh->addPackageVersion(QStringLiteral("acme"), QStringLiteral("app"),
                                              { QStringLiteral("latest"), QStringLiteral("1.2") },
                                              created, digest);
    QVERIFY(id > 0);
    const Reply reply = get(QStringLiteral("/orgs/acme/packages/container/app/versions"),
                            QStringLiteral("state=active"), bearer("classic"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.array().size(), 1);
    QVERIFY(!reply.hasHeader("link"));
    const QJsonObject version = reply.array().at(0).toObject();
    QCOMPARE(version.value(QStringLiteral("id")).toInteger(), id);
    QCOMPARE(version.value(QStringLiteral("name")).toString(), digest);
    QCOMPARE(QUrl(version.value(QStringLiteral("url")).toString()).path(),
             QStringLiteral("/orgs/acme/packages/container/app/versions/%1").arg(id));
    QCOMPARE(version.value(QStringLiteral("package_html_url")).toString(),
             QStringLiteral("https://github.com/orgs/acme/packages/container/package/app"));
    QCOMPARE(version.value(QStringLiteral("html_url")).toString(),
             QStringLiteral("https://github.com/orgs/acme/packages/container/app/%1").arg(id));
    QCOMPARE(QDateTime::fromString(version.value(QStringLiteral("created_at")).toString(),
                                   Qt::ISODate),
             created.addMSecs(-created.time().msec()));
    QVERIFY(version.contains(QStringLiteral("updated_at")));
    const QJsonObject metadata = version.value(QStringLiteral("metadata")).toObject();
    QCOMPARE(metadata.value(QStringLiteral("package_type")).toString(),
             QStringLiteral("container"));
    QCOMPARE(metadata.value(QStringLiteral("container"))
                     .toObject()
                     .value(QStringLiteral("tags"))
                     .toArray(),
             (QJsonArray { QStringLiteral("latest"), QStringLiteral("1.2") }));
    QVERIFY(reply.hasHeader("x-ratelimit-remaining"));
}

void tst_SimGitHub::packageVersionsPagedWithLinks()
{
    m_gh->addToken(QStringLiteral("classic"), { QStringLiteral("acme") }, false, true);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (int i = 0; i < 250; ++i) // build-0 is the oldest
        m_gh->addPackageVersion(QStringLiteral("acme"), QStringLiteral("app"),
                                { QStringLiteral("build-%1").arg(i) }, now.addSecs(-3000 + i));
    const QString path = QStringLiteral("/orgs/acme/packages/container/app/versions");

    QCOMPARE(get(path, {}, bearer("classic")).array().size(), 30); // default per_page

    Reply page = get(path, QStringLiteral("per_page=100&state=active"), bearer("classic"));
    QList<qint64> ids;
    QStringList firstTags;
    int pages = 0;
    for (;;) {
        QCOMPARE(page.status, 200);
        ++pages;
        const QJsonArray items = page.array();
        QCOMPARE(items.size(), pages < 3 ? 100 : 50);
        for (const QJsonValue &item : items) {
            ids.append(item.toObject().value(QStringLiteral("id")).toInteger());
            firstTags.append(item.toObject()
                                     .value(QStringLiteral("metadata"))
                                     .toObject()
                                     .value(QStringLiteral("container"))
                                     .toObject()
                                     .value(QStringLiteral("tags"))
                                     .toArray()
                                     .at(0)
                                     .toString());
        }
        const auto links = page.links();
        if (pages == 1) {
            QCOMPARE(links.keys().size(), 2);
            QCOMPARE(links.value(QStringLiteral("next")).path(), path);
            QCOMPARE(QUrlQuery(links.value(QStringLiteral("last")))
                             .queryItemValue(QStringLiteral("page")),
                     QStringLiteral("3"));
            QCOMPARE(QUrlQuery(links.value(QStringLiteral("next")))
                             .queryItemValue(QStringLiteral("per_page")),
                     QStringLiteral("100"));
        }
        if (pages > 1)
            QVERIFY(links.contains(QStringLiteral("prev")));
        if (!links.contains(QStringLiteral("next")))
            break;
        QVERIFY(pages < 3);
        page = send(*m_nam, "GET", links.value(QStringLiteral("next")), {}, bearer("classic"));
    }
    QCOMPARE(pages, 3);
    QCOMPARE(ids.size(), 250);
    QCOMPARE(QSet<qint64>(ids.begin(), ids.end()).size(), 250);
    QCOMPARE(firstTags.first(), QStringLiteral("build-249")); // newest first
    QCOMPARE(firstTags.last(), QStringLiteral("build-0"));
    QList<qint64> expected;
    for (const SimGhPackageVersion &version :
         m_gh->packageVersions(QStringLiteral("acme"), QStringLiteral("app")))
        expected.append(version.id);
    QCOMPARE(ids, expected);
    QCOMPARE(get(path, QStringLiteral("per_page=500"), bearer("classic")).array().size(), 100);
    QCOMPARE(m_gh->requestCount(QStringLiteral("/packages/container/app/versions")), 5);
}

void tst_SimGitHub::packageTagMovesToNewerVersion()
{
    m_gh->addToken(QStringLiteral("classic"), { QStringLiteral("acme") }, false, true);
    const QString owner = QStringLiteral("acme");
    const QString app = QStringLiteral("app");
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 old = m_gh->addPackageVersion(
            owner, app, { QStringLiteral("latest"), QStringLiteral("1.0") }, now.addSecs(-7200));
    // An older version naming "latest" does not take it from the newer one.
    const qint64 older
            = m_gh->addPackageVersion(owner, app, { QStringLiteral("latest") }, now.addDays(-2));
    QList<SimGhPackageVersion> versions = m_gh->packageVersions(owner, app);
    QCOMPARE(versions.size(), 2);
    QCOMPARE(versions.at(0).id, old);
    QCOMPARE(versions.at(0).tags,
             (QStringList { QStringLiteral("latest"), QStringLiteral("1.0") }));
    QCOMPARE(versions.at(1).id, older);
    QVERIFY(versions.at(1).tags.isEmpty());

    const qint64 pushed = m_gh->pushPackageTag(owner, app, QStringLiteral("latest"));
    versions = m_gh->packageVersions(owner, app);
    QCOMPARE(versions.size(), 3);
    QCOMPARE(versions.at(0).id, pushed);
    QVERIFY(versions.at(0).digest != versions.at(1).digest);
    QCOMPARE(versions.at(0).tags, QStringList { QStringLiteral("latest") });
    QCOMPARE(versions.at(1).tags, QStringList { QStringLiteral("1.0") });

    // The same digest again is the same version: it gains the tag, no new version appears.
    QCOMPARE(m_gh->addPackageVersion(owner, app, { QStringLiteral("stable") }, now,
                                     versions.at(0).digest),
             pushed);
    QCOMPARE(m_gh->packageVersions(owner, app).size(), 3);

    const Reply reply = get(QStringLiteral("/orgs/acme/packages/container/app/versions"), {},
                            bearer("classic"));
    QCOMPARE(reply.array().size(), 3);
    auto tagsOf = [&](int i) {
        return reply.array()
                .at(i)
                .toObject()
                .value(QStringLiteral("metadata"))
                .toObject()
                .value(QStringLiteral("container"))
                .toObject()
                .value(QStringLiteral("tags"))
                .toArray();
    };
    QCOMPARE(tagsOf(0), (QJsonArray { QStringLiteral("latest"), QStringLiteral("stable") }));
    QCOMPARE(tagsOf(1), QJsonArray { QStringLiteral("1.0") });
    QCOMPARE(tagsOf(2), QJsonArray());
    QCOMPARE(reply.array().at(0).toObject().value(QStringLiteral("id")).toInteger(), pushed);
}

void tst_SimGitHub::packageVersionsEtag()
{
    m_gh->addToken(QStringLiteral("classic"), { QStringLiteral("acme") }, false, true);
    m_gh->pushPackageTag(QStringLiteral("acme"), QStringLiteral("app"), QStringLiteral("latest"));
    const QString path = QStringLiteral("/orgs/acme/packages/container/app/versions");
    const Reply first = get(path, {}, bearer("classic"));
    QCOMPARE(first.status, 200);
    const QByteArray etag = first.header("etag");
    QVERIFY(!etag.isEmpty());
    const int used = m_gh->pointsUsed(QStringLiteral("classic"));
    RawHeaders conditional = bearer("classic");
    conditional.append({ "If-None-Match", etag });
    const Reply cached = get(path, {}, conditional);
    QCOMPARE(cached.status, 304);
    QCOMPARE(m_gh->pointsUsed(QStringLiteral("classic")), used); // free
    QCOMPARE(m_gh->notModifiedCount(), 1);

    m_gh->pushPackageTag(QStringLiteral("acme"), QStringLiteral("app"), QStringLiteral("latest"));
    const Reply changed = get(path, {}, conditional);
    QCOMPARE(changed.status, 200);
    QVERIFY(changed.header("etag") != etag);
    QCOMPARE(changed.array().size(), 2);
}

void tst_SimGitHub::packageVersionsAuth()
{
    m_gh->addOwner(QStringLiteral("octo"), false);
    m_gh->addToken(QStringLiteral("classic"), { QStringLiteral("acme"), QStringLiteral("octo") },
                   false, true);
    m_gh->addToken(QStringLiteral("fine"), { QStringLiteral("acme") }, true);
    m_gh->addToken(QStringLiteral("other"), { QStringLiteral("elsewhere") }, false, true);
    m_gh->pushPackageTag(QStringLiteral("acme"), QStringLiteral("app"), QStringLiteral("latest"));
    m_gh->pushPackageTag(QStringLiteral("octo"), QStringLiteral("tool"), QStringLiteral("latest"));
    const QString path = QStringLiteral("/orgs/acme/packages/container/app/versions");

    const Reply anonymous = get(path);
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.message(), QStringLiteral("Requires authentication"));
    const Reply fine = get(path, {}, bearer("fine"));
    QCOMPARE(fine.status, 403);
    QVERIFY2(fine.message().contains(QLatin1String("read:packages")), qPrintable(fine.message()));
    const Reply other = get(path, {}, bearer("other"));
    QCOMPARE(other.status, 404);
    QCOMPARE(other.message(), QStringLiteral("Package not found."));
    QCOMPARE(get(path, {}, bearer("unknown-token")).status, 401);
    const Reply unknown = get(QStringLiteral("/orgs/acme/packages/container/nope/versions"), {},
                              bearer("classic"));
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.message(), QStringLiteral("Package not found."));
    QCOMPARE(get(path, {}, bearer("classic")).status, 200);
    QCOMPARE(send(*m_nam, "POST", url(path), "{}", bearer("classic")).status, 404);

    // A user's packages: /users/{u}/..., and /user/... for the token's own user.
    QCOMPARE(get(QStringLiteral("/orgs/octo/packages/container/tool/versions"), {},
                 bearer("classic"))
                     .status,
             404);
    const Reply user = get(QStringLiteral("/users/octo/packages/container/tool/versions"), {},
                           bearer("classic"));
    QCOMPARE(user.status, 200);
    QCOMPARE(user.array().size(), 1);
    QVERIFY(user.array()
                    .at(0)
                    .toObject()
                    .value(QStringLiteral("package_html_url"))
                    .toString()
                    .startsWith(QLatin1String("https://github.com/users/octo/")));
    QCOMPARE(get(QStringLiteral("/user/packages/container/tool/versions"), {}, bearer("classic"))
                     .status,
             200);
    QCOMPARE(get(QStringLiteral("/user/packages/container/tool/versions")).status, 401);
}

void tst_SimGitHub::nestedPackageNames()
{
    m_gh->addToken(QStringLiteral("classic"), { QStringLiteral("acme") }, false, true);
    for (int i = 0; i < 3; ++i)
        m_gh->addPackageVersion(QStringLiteral("acme"), QStringLiteral("team/base"),
                                { QStringLiteral("v%1").arg(i) },
                                QDateTime::currentDateTimeUtc().addSecs(-100 + i));
    // GitHub wants the slash as %2F; plain slashes are accepted too.
    const QUrl encoded(m_gh->baseUrl().toString()
                       + QStringLiteral("/orgs/acme/packages/container/team%2Fbase/versions"
                                        "?per_page=2"));
    const Reply reply = send(*m_nam, "GET", encoded, {}, bearer("classic"));
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.array().size(), 2);
    const QUrl next = reply.links().value(QStringLiteral("next"));
    QVERIFY2(next.toString(QUrl::FullyEncoded).contains(QLatin1String("team%2Fbase/versions")),
             qPrintable(next.toString(QUrl::FullyEncoded)));
    const Reply second = send(*m_nam, "GET", next, {}, bearer("classic"));
    QCOMPARE(second.status, 200);
    QCOMPARE(second.array().size(), 1);
    const QString versionUrl
            = second.array().at(0).toObject().value(QStringLiteral("url")).toString();
    QVERIFY2(versionUrl.contains(QLatin1String("/team%2Fbase/versions/")), qPrintable(versionUrl));

    const Reply plain = get(QStringLiteral("/orgs/acme/packages/container/team/base/versions"), {},
                            bearer("classic"));
    QCOMPARE(plain.status, 200);
    QCOMPARE(plain.array().size(), 3);
}

void tst_SimGitHub::demoHasBasePackage()
{
    m_gh->loadDemo();
    const QList<SimGhPackageVersion> versions
            = m_gh->packageVersions(QStringLiteral("acme-gh"), QStringLiteral("base-image"));
    QCOMPARE(versions.size(), 1);
    QCOMPARE(versions.at(0).tags, QStringList { QStringLiteral("latest") });
    const qint64 age = versions.at(0).created.secsTo(QDateTime::currentDateTimeUtc());
    QVERIFY2(age >= 7190 && age <= 7260, qPrintable(QString::number(age)));
}

QTEST_GUILESS_MAIN(tst_SimGitHub)
#include "tst_simgithub.moc"
