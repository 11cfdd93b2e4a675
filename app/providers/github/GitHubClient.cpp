#include "providers/github/GitHubClient.h"

#include "providers/Providers.h"
#include "support/Clock.h"
#include "support/Logging.h"
#include "support/Redactor.h"
#include "support/TimeText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>

namespace hubhook {

namespace {
constexpr int kMaxPages = 100; // 10,000 repositories: a broken Link chain must not loop forever
constexpr int kRunsPerPage = 30; // enough for the newest run of each workflow of a branch
constexpr int kRunsPerWorkflowPage = 10;
constexpr int kMaxCacheEntries = 20000;
constexpr qint64 kCacheKeepDays = 7; // an entry unused this long is dropped
constexpr int kAnonymousLimit = 60;

QJsonObject repositoryJson(const github::Repository &r)
{
    return { { QStringLiteral("full_name"), r.fullName },
             { QStringLiteral("private"), r.isPrivate },
             { QStringLiteral("archived"), r.archived },
             { QStringLiteral("disabled"), r.disabled },
             { QStringLiteral("fork"), r.fork },
             { QStringLiteral("default_branch"), r.defaultBranch },
             { QStringLiteral("pushed_at"), formatApiTime(r.pushedAt) } };
}

github::Repository repositoryFromJson(const QJsonObject &o)
{
    github::Repository r;
    r.fullName = o.value(QStringLiteral("full_name")).toString();
    r.isPrivate = o.value(QStringLiteral("private")).toBool();
    r.archived = o.value(QStringLiteral("archived")).toBool();
    r.disabled = o.value(QStringLiteral("disabled")).toBool();
    r.fork = o.value(QStringLiteral("fork")).toBool();
    r.defaultBranch = o.value(QStringLiteral("default_branch")).toString();
    r.pushedAt = parseApiTime(o.value(QStringLiteral("pushed_at")).toString());
    return r;
}

// The rows of one answer: the newest run of each workflow on `branch` (any branch when
// empty) among the events the watch admits.
QJsonValue runRows(const QByteArray &body, const WatchConfig &watch, const QString &branch,
                   QString *error)
{
    const auto page = github::parseRuns(body, error);
    if (!page)
        return {};
    QList<Build> admitted;
    for (const Build &b : page->runs) {
        if (github::admitsEvent(watch, b.event) && (branch.isEmpty() || b.branch == branch))
            admitted.append(b);
    }
    QJsonArray rows;
    for (const Build &b : latestPerTag(admitted))
        rows.append(b.toJson());
    return rows;
}

// A page of GHCR package versions, as kept for its ETag: tag, digest and push time of each.
QJsonValue versionsJson(const QByteArray &body, QString *error)
{
    const auto versions = github::parsePackageVersions(body, error);
    QJsonArray out;
    for (const ImageTag &t : versions.value_or(QList<ImageTag>()))
        out.append(QJsonObject { { QStringLiteral("tag"), t.name },
                                 { QStringLiteral("digest"), t.digest },
                                 { QStringLiteral("pushed"), formatApiTime(t.pushed) } });
    return out;
}

QList<ImageTag> tagsFromJson(const QJsonValue &versions)
{
    QList<ImageTag> tags;
    for (const QJsonValue &v : versions.toArray()) {
        const QJsonObject o = v.toObject();
        tags.append({ o.value(QStringLiteral("tag")).toString(),
                      o.value(QStringLiteral("digest")).toString(),
                      parseApiTime(o.value(QStringLiteral("pushed")).toString()) });
    }
    return tags;
}

// What to do about a GHCR error answer.
QString ghcrHint(int status)
{
    if (status == 401)
        return QStringLiteral(" (GHCR needs a classic token with read:packages)");
    if (status == 403)
        return QStringLiteral(" (GHCR does not accept fine-grained tokens: use a classic token "
                              "with read:packages)");
    if (status == 404)
        return QStringLiteral(" (check the image name, and that the token can read the package)");
    return {};
}

bool everyPatternMatched(const QStringList &patterns, const QList<ImageTag> &tags)
{
    return std::all_of(patterns.begin(), patterns.end(), [&](const QString &p) {
        return std::any_of(tags.begin(), tags.end(),
                           [&](const ImageTag &t) { return tagMatches(p, t.name); });
    });
}

} // namespace

bool github::admitsEvent(const WatchConfig &watch, const QString &event)
{
    if (!watch.events.isEmpty())
        return watch.events.contains(event);
    return event != QLatin1String("pull_request") && event != QLatin1String("pull_request_target");
}

GitHubClient::GitHubClient(const AccountConfig &account, const QString &token, RequestQueue *queue)
    : m_account(account), m_token(token), m_queue(queue)
{
    Redactor::instance().add(token);
}

QUrl GitHubClient::apiUrl(const QString &path, const QList<QPair<QString, QString>> &query) const
{
    return providerApiUrl(m_account.baseUrl, path, query);
}

HttpRequest GitHubClient::request(const QUrl &url) const
{
    HttpRequest r;
    r.url = url;
    r.headers.append({ QByteArray("Accept"), QByteArray("application/vnd.github+json") });
    r.headers.append({ QByteArray("X-GitHub-Api-Version"), QByteArray("2022-11-28") });
    if (!m_token.isEmpty())
        r.headers.append({ QByteArray("Authorization"), "Bearer " + m_token.toUtf8() });
    return r;
}

void GitHubClient::countAnswer(const HttpResult &reply)
{
    if (reply.status <= 0)
        return;
    ++m_answered;
    if (reply.status == 304)
        ++m_notModified;
    else
        ++m_points;
    if (reply.rateLimit.limit > 0)
        m_rateLimit = reply.rateLimit.limit;
}

QString GitHubClient::describe(const HttpResult &reply, const QString &what) const
{
    QString text = what + QStringLiteral(": ") + reply.error;
    const QString message = github::errorMessage(reply.body);
    if (!message.isEmpty() && reply.status != 0)
        text += QStringLiteral(" - ") + message;
    if (what.startsWith(QLatin1String("image "))) // GHCR: readVersions() says what to fix
        return Redactor::instance().redact(text);
    if (reply.status == 401)
        text += m_token.isEmpty() ? QStringLiteral(" (this account has no token)")
                                  : QStringLiteral(" (GitHub refused the token of account "
                                                   "\"%1\": replace it with `hubhook secret set "
                                                   "%2`)")
                                            .arg(m_account.name, m_account.tokenSecret);
    else if (reply.status == 404)
        text += m_token.isEmpty()
                ? QStringLiteral(" (a private repository needs a token with \"Actions: read\")")
                : QStringLiteral(" (or the token cannot see it: it needs \"Actions: read\" on it)");
    else if (reply.status == 403 && !isRateLimitAnswer(reply))
        text += QStringLiteral(" (the token lacks a permission: watching needs \"Actions: "
                               "read\" and \"Metadata: read\")");
    return Redactor::instance().redact(text);
}

void GitHubClient::fetch(const QUrl &url, const QString &what, Reduce reduce,
                         std::function<void(const Fetched &)> done)
{
    HttpRequest r = request(url);
    const QString key = url.toString(QUrl::FullyEncoded) + (m_token.isEmpty() ? "" : "#token");
    if (const auto it = m_cache.constFind(key); it != m_cache.constEnd() && !it->etag.isEmpty())
        r.headers.append({ QByteArray("If-None-Match"), it->etag });
    m_queue->submit(
            r, [this, self = shared_from_this(), key, what, reduce, done](const HttpResult &reply) {
                countAnswer(reply);
                Fetched f;
                f.status = reply.status;
                if (reply.status == 304 && m_cache.contains(key)) {
                    CacheEntry &e = m_cache[key];
                    e.used = Clock::now();
                    f.value = e.value;
                    f.next = e.next;
                    return done(f);
                }
                if (!reply.ok()) {
                    f.error = describe(reply, what);
                    return done(f);
                }
                QString error;
                f.value = reduce(reply.body, &error);
                if (!error.isEmpty()) {
                    f.error = Redactor::instance().redact(what + QStringLiteral(": ") + error);
                    return done(f);
                }
                f.next = github::nextPageUrl(reply.link);
                if (!reply.etag.isEmpty() && m_cache.size() < kMaxCacheEntries)
                    m_cache.insert(key, CacheEntry { reply.etag, f.value, f.next, Clock::now() });
                else
                    m_cache.remove(key);
                done(f);
            });
}

void GitHubClient::beginSweep() { }

void GitHubClient::candidates(const WatchConfig &watch,
                              std::function<void(const Candidates &)> done)
{
    if (watch.isImage()) {
        Candidates c;
        c.items.append({ watch.image, QDateTime(), true });
        return done(c);
    }
    if (!watch.isNamespace()) {
        const QString name = watch.repository;
        fetch(
                apiUrl(QStringLiteral("/repos/%1").arg(name)), name,
                [](const QByteArray &body, QString *error) -> QJsonValue {
                    const auto r = github::parseRepository(body, error);
                    return r ? QJsonValue(repositoryJson(*r)) : QJsonValue();
                },
                [this, name, done](const Fetched &f) {
                    Candidates c;
                    c.pages = 1;
                    c.error = f.error;
                    if (f.error.isEmpty()) {
                        const auto repo = repositoryFromJson(f.value.toObject());
                        m_defaultBranch.insert(name, repo.defaultBranch);
                        c.items.append({ name, repo.pushedAt });
                    }
                    done(c);
                });
        return;
    }
    const bool asUser = m_userOwners.contains(watch.ns);
    listOwner(watch, {}, asUser, std::make_shared<Candidates>(), std::move(done));
}

void GitHubClient::listOwner(const WatchConfig &watch, const QUrl &pageUrl, bool asUser,
                             std::shared_ptr<Candidates> acc,
                             std::function<void(const Candidates &)> done)
{
    const QList<QPair<QString, QString>> query {
        { QStringLiteral("sort"), QStringLiteral("pushed") },
        { QStringLiteral("direction"), QStringLiteral("desc") },
        { QStringLiteral("per_page"), QStringLiteral("100") },
        { QStringLiteral("type"), asUser ? QStringLiteral("owner") : QStringLiteral("all") }
    };
    const QUrl url = pageUrl.isEmpty()
            ? apiUrl(QStringLiteral("/%1/%2/repos")
                             .arg(asUser ? QStringLiteral("users") : QStringLiteral("orgs"),
                                  watch.ns),
                     query)
            : pageUrl;
    const QString what = QStringLiteral("repositories of %1").arg(watch.ns);
    fetch(
            url, what,
            [](const QByteArray &body, QString *error) -> QJsonValue {
                const auto repos = github::parseRepositories(body, error);
                QJsonArray out;
                for (const auto &r : repos.value_or(QList<github::Repository>()))
                    out.append(repositoryJson(r));
                return out;
            },
            [this, watch, pageUrl, asUser, acc, done](const Fetched &f) {
                if (f.status == 404 && !asUser && pageUrl.isEmpty()) {
                    m_userOwners.insert(watch.ns); // a user, not an organisation
                    return listOwner(watch, {}, true, acc, done);
                }
                ++acc->pages;
                if (!f.error.isEmpty()) {
                    acc->error = f.error;
                    return done(*acc);
                }
                for (const QJsonValue &v : f.value.toArray()) {
                    const auto r = repositoryFromJson(v.toObject());
                    if (r.archived || r.disabled || (r.fork && !watch.forks)
                        || !r.fullName.startsWith(watch.ns + QLatin1Char('/'), Qt::CaseInsensitive))
                        continue;
                    m_defaultBranch.insert(r.fullName, r.defaultBranch);
                    acc->items.append({ r.fullName, r.pushedAt });
                }
                // Follow Link as given, but only to the same API origin: a token never leaves it.
                const bool sameOrigin = f.next.scheme() == m_account.baseUrl.scheme()
                        && f.next.host() == m_account.baseUrl.host()
                        && f.next.port() == m_account.baseUrl.port();
                if (f.next.isValid() && !f.next.isEmpty() && sameOrigin && acc->pages < kMaxPages)
                    return listOwner(watch, f.next, asUser, acc, done);
                done(*acc);
            });
}

void GitHubClient::readRuns(const WatchConfig &watch, const QString &repository,
                            const QString &workflow, const QString &branch,
                            std::function<void(const Fetched &)> done)
{
    QList<QPair<QString, QString>> query;
    if (!branch.isEmpty())
        query.append({ QStringLiteral("branch"), branch });
    if (watch.events.size() == 1)
        query.append({ QStringLiteral("event"), watch.events.first() });
    query.append({ QStringLiteral("per_page"),
                   QString::number(workflow.isEmpty() ? kRunsPerPage : kRunsPerWorkflowPage) });
    const QString path = workflow.isEmpty()
            ? QStringLiteral("/repos/%1/actions/runs").arg(repository)
            : QStringLiteral("/repos/%1/actions/workflows/%2/runs").arg(repository, workflow);
    QString what = QStringLiteral("runs of %1").arg(repository);
    if (!workflow.isEmpty())
        what += QLatin1Char(' ') + workflow;
    fetch(
            apiUrl(path, query), what,
            [watch, branch](const QByteArray &body, QString *error) {
                return runRows(body, watch, branch, error);
            },
            std::move(done));
}

void GitHubClient::builds(const WatchConfig &watch, const QString &repository,
                          std::function<void(const Builds &)> done)
{
    if (watch.isImage())
        return imageBuilds(watch, std::move(done));
    QStringList branches = watch.branches;
    if (branches.isEmpty())
        branches.append(m_defaultBranch.value(repository)); // empty: every branch
    const QStringList workflows
            = watch.workflows.isEmpty() ? QStringList { QString() } : watch.workflows;
    struct Acc
    {
        int outstanding = 0;
        Builds result;
    };
    auto acc = std::make_shared<Acc>();
    acc->outstanding = int(branches.size() * workflows.size());
    for (const QString &branch : std::as_const(branches)) {
        for (const QString &workflow : workflows) {
            readRuns(watch, repository, workflow, branch, [acc, done](const Fetched &f) {
                if (!f.error.isEmpty() && acc->result.error.isEmpty())
                    acc->result.error = f.error;
                for (const QJsonValue &v : f.value.toArray()) {
                    acc->result.builds.append(Build::fromJson(v.toObject()));
                }
                if (--acc->outstanding == 0)
                    done(acc->result);
            });
        }
    }
}

void GitHubClient::imageBuilds(const WatchConfig &watch, std::function<void(const Builds &)> done)
{
    const QString path = watch.imageRepository();
    const QString owner = path.section(QLatin1Char('/'), 0, 0);
    readVersions(
            watch.image, watch.tags, {}, m_userOwners.contains(owner), 0,
            std::make_shared<Versions>(), [watch, path, owner, done](const Versions &v) {
                Builds r;
                r.error = v.error;
                const QString url = QStringLiteral("https://github.com/%1/pkgs/container/%2")
                                            .arg(owner, path.section(QLatin1Char('/'), 1));
                const ImageRows rows = imageRows(QStringLiteral("github"), watch.image, watch.tags,
                                                 watch.maxAgeMs, v.tags, Clock::now(), url);
                r.builds = rows.rows;
                if (r.error.isEmpty() && !rows.missing.isEmpty())
                    r.error = QStringLiteral("image %1: no tag matches %2 (check the watch's "
                                             "tags)")
                                      .arg(watch.image, rows.missing.join(QStringLiteral(", ")));
                done(r);
            });
}

QUrl GitHubClient::versionsUrl(const QString &image, bool asUser) const
{
    const QString path = image.section(QLatin1Char('/'), 1); // "owner/name[/more]"
    const QString owner = path.section(QLatin1Char('/'), 0, 0);
    const QString package = path.section(QLatin1Char('/'), 1);
    QUrl url = apiUrl({},
                      { { QStringLiteral("per_page"), QStringLiteral("100") },
                        { QStringLiteral("state"), QStringLiteral("active") } });
    // A nested package name keeps its '/' encoded, as GitHub wants it.
    QString base = m_account.baseUrl.path(QUrl::FullyEncoded);
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    url.setPath(base
                        + QStringLiteral("/%1/%2/packages/container/%3/versions")
                                  .arg(asUser ? QStringLiteral("users") : QStringLiteral("orgs"),
                                       owner,
                                       QString::fromLatin1(QUrl::toPercentEncoding(package))),
                QUrl::TolerantMode);
    return url;
}

void GitHubClient::readVersions(const QString &image, const QStringList &patterns,
                                const QUrl &pageUrl, bool asUser, int pages,
                                std::shared_ptr<Versions> acc,
                                std::function<void(const Versions &)> done)
{
    constexpr int kMaxVersionPages = 10;
    const QString owner = image.section(QLatin1Char('/'), 1).section(QLatin1Char('/'), 0, 0);
    const QUrl url = pageUrl.isEmpty() ? versionsUrl(image, asUser) : pageUrl;
    fetch(url, QStringLiteral("image %1").arg(image), versionsJson,
          [this, image, patterns, pageUrl, asUser, pages, acc, done, owner](const Fetched &f) {
              if (f.status == 404 && !asUser && pageUrl.isEmpty()) {
                  m_userOwners.insert(owner);
                  return readVersions(image, patterns, {}, true, pages, acc, done);
              }
              if (!f.error.isEmpty()) {
                  acc->error = f.error + ghcrHint(f.status);
                  return done(*acc);
              }
              acc->tags.append(tagsFromJson(f.value));
              // Newest first: once every pattern has a match, older pages change nothing.
              const bool complete = everyPatternMatched(patterns, acc->tags);
              const bool sameOrigin = f.next.host() == m_account.baseUrl.host()
                      && f.next.port() == m_account.baseUrl.port();
              if (!complete && !f.next.isEmpty() && sameOrigin && pages + 1 < kMaxVersionPages)
                  return readVersions(image, patterns, f.next, asUser, pages + 1, acc, done);
              done(*acc);
          });
}

void GitHubClient::pushes(const QString &repository, PushesCallback done)
{
    // Only GHCR images have tags here (an expect_build naming "ghcr.io/owner/name").
    if (!repository.startsWith(QLatin1String("ghcr.io/")))
        return done({}, {});
    readVersions(repository, { QStringLiteral("*") }, {}, false, 0, std::make_shared<Versions>(),
                 [done](const Versions &v) {
                     QHash<QString, QDateTime> lastPushed;
                     for (const ImageTag &t : v.tags) {
                         if (!lastPushed.contains(t.name) || t.pushed > lastPushed.value(t.name))
                             lastPushed.insert(t.name, t.pushed);
                     }
                     done(lastPushed, v.error);
                 });
}

void GitHubClient::authorize(AuthorizeCallback done)
{
    done(m_token.isEmpty() ? QByteArray() : "Bearer " + m_token.toUtf8(), {});
}

ProviderClient::ActionResult GitHubClient::actionResult(const HttpResult &reply,
                                                        const QString &repository) const
{
    ActionResult r;
    r.status = reply.status;
    r.durationMs = reply.durationMs;
    r.ok = reply.ok();
    if (r.ok) {
        r.result = QStringLiteral("HTTP %1").arg(reply.status);
        return r;
    }
    QString text = reply.error;
    const QString message = github::errorMessage(reply.body);
    if (!message.isEmpty())
        text += QStringLiteral(" - ") + message;
    if (reply.status == 403 && !isRateLimitAnswer(reply))
        text += QStringLiteral(" (a rebuild needs a token with the \"Actions: write\" permission "
                               "on %1; a run still in progress cannot be re-run)")
                        .arg(repository);
    else if (reply.status == 401 || (reply.status == 404 && m_token.isEmpty()))
        text += QStringLiteral(" (a rebuild needs a token with \"Actions: write\")");
    r.result = Redactor::instance().redact(text);
    return r;
}

void GitHubClient::runTrigger(const TriggerConfig &t, qint64 rerunOf,
                              std::function<void(const ActionResult &)> done)
{
    if (rerunOf <= 0)
        return dispatch(t, !m_noRunDetails, std::move(done));
    HttpRequest r = request(apiUrl(QStringLiteral("/repos/%1/actions/runs/%2/rerun-failed-jobs")
                                           .arg(t.repository)
                                           .arg(rerunOf)));
    r.verb = "POST";
    m_queue->submit(r,
                    [this, self = shared_from_this(), t, rerunOf, done](const HttpResult &reply) {
                        countAnswer(reply);
                        ActionResult a = actionResult(reply, t.repository);
                        if (a.ok)
                            a.runId = rerunOf;
                        done(a);
                    });
}

void GitHubClient::dispatch(const TriggerConfig &t, bool withRunDetails,
                            std::function<void(const ActionResult &)> done)
{
    HttpRequest r = request(apiUrl(QStringLiteral("/repos/%1/actions/workflows/%2/dispatches")
                                           .arg(t.repository, t.workflow)));
    r.verb = "POST";
    QJsonObject body { { QStringLiteral("ref"), t.ref } };
    if (!t.inputs.isEmpty())
        body.insert(QStringLiteral("inputs"), t.inputs);
    if (withRunDetails)
        body.insert(QStringLiteral("return_run_details"), true);
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    m_queue->submit(
            r, [this, self = shared_from_this(), t, withRunDetails, done](const HttpResult &reply) {
                countAnswer(reply);
                // GitHub Enterprise Server does not know the key: ask again without it, and
                // remember.
                if (withRunDetails && (reply.status == 400 || reply.status == 422)
                    && github::errorMessage(reply.body)
                               .contains(QLatin1String("return_run_details"))) {
                    m_noRunDetails = true;
                    qCInfo(lcTrigger).noquote()
                            << QStringLiteral("%1 does not return run details; dispatching without")
                                       .arg(safeOrigin(m_account.baseUrl));
                    return dispatch(t, false, done);
                }
                ActionResult a = actionResult(reply, t.repository);
                if (a.ok && reply.status == 200)
                    a.runId = github::parseDispatchRunId(reply.body);
                done(a);
            });
}

QJsonObject GitHubClient::saveCache() const
{
    QJsonObject entries;
    const QDateTime oldest = Clock::now().addDays(-kCacheKeepDays);
    for (auto it = m_cache.begin(); it != m_cache.end(); ++it) {
        if (it->used.isValid() && it->used < oldest)
            continue;
        QJsonObject e { { QStringLiteral("etag"), QString::fromLatin1(it->etag) },
                        { QStringLiteral("value"), it->value },
                        { QStringLiteral("used"), formatApiTime(it->used) } };
        if (!it->next.isEmpty())
            e.insert(QStringLiteral("next"), it->next.toString(QUrl::FullyEncoded));
        entries.insert(it.key(), e);
    }
    QJsonArray users;
    for (const QString &u : m_userOwners)
        users.append(u);
    return { { QStringLiteral("entries"), entries }, { QStringLiteral("user_owners"), users } };
}

void GitHubClient::restoreCache(const QJsonObject &cache)
{
    const QJsonObject entries = cache.value(QStringLiteral("entries")).toObject();
    for (auto it = entries.begin(); it != entries.end() && m_cache.size() < kMaxCacheEntries;
         ++it) {
        const QJsonObject e = it.value().toObject();
        const QByteArray etag = e.value(QStringLiteral("etag")).toString().toLatin1();
        // A value that is not what fetch() would keep is dropped, not trusted.
        const QJsonValue value = e.value(QStringLiteral("value"));
        if (etag.isEmpty() || etag.size() > 200 || !(value.isArray() || value.isObject()))
            continue;
        const QUrl next(e.value(QStringLiteral("next")).toString(), QUrl::StrictMode);
        m_cache.insert(it.key(),
                       CacheEntry { etag, value, next.isValid() ? next : QUrl(),
                                    parseApiTime(e.value(QStringLiteral("used")).toString()) });
    }
    for (const QJsonValue &u : cache.value(QStringLiteral("user_owners")).toArray())
        m_userOwners.insert(u.toString());
}

QString GitHubClient::budgetWarning(qint64 pollIntervalMs)
{
    const int used = m_points - m_pointsBefore;
    m_pointsBefore = m_points;
    const int limit = m_rateLimit > 0 ? m_rateLimit : (m_token.isEmpty() ? kAnonymousLimit : -1);
    if (limit <= 0 || pollIntervalMs <= 0)
        return {};
    const qint64 perHour = qint64(used) * 3600000 / pollIntervalMs;
    if (perHour <= limit * 8 / 10)
        return {};
    QString text = QStringLiteral("GitHub account \"%1\": the last sweep used %2 rate-limit "
                                  "points, about %3 an hour at a poll interval of %4, and GitHub "
                                  "allows %5 an hour")
                           .arg(m_account.name)
                           .arg(used)
                           .arg(perHour)
                           .arg(formatDuration(pollIntervalMs))
                           .arg(limit);
    text += m_token.isEmpty() ? QStringLiteral(" without a token: add one (see the README) or "
                                               "poll less often")
                              : QStringLiteral(": poll less often or watch fewer repositories");
    return text;
}

} // namespace hubhook
