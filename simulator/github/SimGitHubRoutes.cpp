// The reading routes of the simulated GitHub: rate limit, repositories, workflows, runs, container
// package versions (GHCR), and the Link-header paging GitHub uses (with /repositories/{id} style
// URLs, as GitHub writes them).
#include "SimulatedGitHub.h"

#include "SimGitHubJson.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUrl>

#include <algorithm>

namespace {

SimHttpResponse notFound() { return SimGitHubJson::error(404, QStringLiteral("Not Found")); }

SimHttpResponse ok(const QJsonObject &object)
{
    return SimGitHubJson::answer(200, QJsonDocument(object));
}

qint64 idOf(const QString &text)
{
    bool valid = false;
    const qint64 id = text.toLongLong(&valid);
    return valid ? id : -1;
}

bool isTrue(const QString &value)
{
    return value.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 || value == u'1';
}

} // namespace

SimHttpResponse SimulatedGitHub::route(Call &call)
{
    const QStringList &s = call.segments;
    const qsizetype n = s.size();
    auto at = [&](qsizetype i, const char *text) {
        return i < n && s.at(i) == QLatin1String(text);
    };

    if (n == 1 && at(0, "rate_limit"))
        return call.get ? rateLimit(call) : notFound();
    if (n == 3 && at(2, "repos") && call.get) {
        const SimGhOwner *byName = m_store.owner(s.at(1));
        const SimGhOwner *byId = m_store.ownerById(idOf(s.at(1)));
        if (at(0, "orgs") && byName && byName->organization)
            return ownerRepositories(call, byName, QStringLiteral("/organizations/%1/repos"));
        if (at(0, "organizations") && byId && byId->organization)
            return ownerRepositories(call, byId, QStringLiteral("/organizations/%1/repos"));
        // GitHub answers /users/{org}/repos for an organization too.
        if (at(0, "users") && byName)
            return ownerRepositories(call, byName, QStringLiteral("/user/%1/repos"));
        if (at(0, "user") && byId)
            return ownerRepositories(call, byId, QStringLiteral("/user/%1/repos"));
        return notFound();
    }
    if (n >= 3 && at(0, "repos"))
        return repositoryRoute(call, m_store.repository(s.at(1) + QLatin1Char('/') + s.at(2)),
                               s.mid(3));
    if (n >= 2 && at(0, "repositories"))
        return repositoryRoute(call, m_store.repositoryById(idOf(s.at(1))), s.mid(2));
    // GitHub Container Registry: {orgs|users}/{o}/packages/container/{name}/versions and
    // user/packages/container/{name}/versions; a nested name as %2F or as plain slashes.
    if (n >= 5 && s.constLast() == QLatin1String("versions")) {
        const bool forUser = at(0, "user");
        const qsizetype base = forUser ? 1 : 2;
        if ((forUser || at(0, "orgs") || at(0, "users")) && n >= base + 4 && at(base, "packages")
            && at(base + 1, "container")) {
            if (!call.get)
                return notFound();
            QStringList parts;
            for (qsizetype i = base + 2; i < n - 1; ++i)
                parts.append(QUrl::fromPercentEncoding(s.at(i).toUtf8()));
            return listPackageVersions(call, s.at(0), forUser ? QString() : s.at(1),
                                       parts.join(QLatin1Char('/')));
        }
    }
    return notFound();
}

SimHttpResponse SimulatedGitHub::listPackageVersions(const Call &call, const QString &kind,
                                                     const QString &ownerName, const QString &name)
{
    if (call.token.isEmpty())
        return SimGitHubJson::error(401, QStringLiteral("Requires authentication"));
    const Token token = m_tokens.value(call.token);
    if (!token.classicWithReadPackages)
        return SimGitHubJson::error(
                403,
                QStringLiteral("Fine-grained personal access tokens are not supported by this "
                               "API; use a classic token with read:packages"));
    const SimGhOwner *owner = nullptr;
    const SimGhPackage *package = nullptr;
    if (kind == QLatin1String("user")) {
        // The token's user: the first user owner it holds that has such a package.
        QStringList logins = token.owners.values();
        logins.sort();
        for (const QString &login : std::as_const(logins)) {
            const SimGhOwner *candidate = m_store.owner(login);
            if (candidate && !candidate->organization && m_store.package(login, name)) {
                owner = candidate;
                package = m_store.package(login, name);
                break;
            }
        }
    } else {
        owner = m_store.owner(ownerName);
        if (owner && (kind != QLatin1String("orgs") || owner->organization)
            && canSee(call, owner->login))
            package = m_store.package(owner->login, name);
    }
    if (!package)
        return SimGitHubJson::error(404, QStringLiteral("Package not found."));

    QList<const SimGhPackageVersion *> versions;
    if (call.query.queryItemValue(QStringLiteral("state")) != QLatin1String("deleted")) {
        for (const SimGhPackageVersion &version : package->versions)
            versions.append(&version); // newest first already
    }
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(package->name));
    // Concatenated, not arg()ed: the name's "%2F" must not be taken for a placeholder.
    QString linkPath = kind == QLatin1String("user")
            ? QStringLiteral("/user")
            : QString(QLatin1Char('/') + kind + QLatin1Char('/') + owner->login);
    linkPath += QStringLiteral("/packages/container/") + encoded + QStringLiteral("/versions");
    int first = 0, end = 0;
    QByteArray link;
    pageOf(call, int(versions.size()), &first, &end, &link, linkPath);
    QJsonArray items;
    for (int i = first; i < end; ++i)
        items.append(SimGitHubJson::packageVersion(*package, *versions.at(i), owner->organization,
                                                   baseUrl()));
    SimHttpResponse response = SimGitHubJson::answer(200, QJsonDocument(items));
    if (!link.isEmpty())
        response.setHeader("Link", link);
    return response;
}

SimHttpResponse SimulatedGitHub::rateLimit(const Call &call)
{
    const SimGitHubLimits::State state
            = m_limits.state(call.token, QDateTime::currentMSecsSinceEpoch());
    if (!state.enabled)
        return notFound(); // Enterprise Server without rate limits
    const QJsonObject core { { QStringLiteral("limit"), state.limit },
                             { QStringLiteral("used"), state.used },
                             { QStringLiteral("remaining"), state.remaining },
                             { QStringLiteral("reset"), state.resetUnix },
                             { QStringLiteral("resource"), QStringLiteral("core") } };
    return ok({ { QStringLiteral("resources"), QJsonObject { { QStringLiteral("core"), core } } },
                { QStringLiteral("rate"), core } });
}

bool SimulatedGitHub::canSee(const Call &call, const QString &owner) const
{
    if (call.token.isEmpty())
        return false;
    return m_tokens.value(call.token).owners.contains(owner.toLower());
}

SimHttpResponse SimulatedGitHub::ownerRepositories(const Call &call, const SimGhOwner *owner,
                                                   const QString &linkPath)
{
    const bool sees = canSee(call, owner->login);
    const QString type = call.query.queryItemValue(QStringLiteral("type"));
    QList<const SimGhRepoRecord *> repos;
    for (const SimGhRepoRecord *repo : m_store.repositories(owner->login)) {
        const bool isPrivate = repo->repo.isPrivate;
        if ((isPrivate && !sees) || (type == QLatin1String("public") && isPrivate)
            || (type == QLatin1String("private") && !isPrivate)
            || (type == QLatin1String("forks") && !repo->repo.fork)
            || (type == QLatin1String("sources") && repo->repo.fork))
            continue;
        repos.append(repo);
    }

    // GitHub's defaults: organizations sort by created, users by full_name; full_name ascends,
    // everything else descends.
    QString sort = call.query.queryItemValue(QStringLiteral("sort"));
    if (sort.isEmpty())
        sort = owner->organization ? QStringLiteral("created") : QStringLiteral("full_name");
    const bool byName = sort == QLatin1String("full_name");
    const QString direction = call.query.queryItemValue(QStringLiteral("direction"));
    const bool ascending = direction.isEmpty() ? byName : direction == QLatin1String("asc");
    auto key = [&](const SimGhRepoRecord *repo) -> QString {
        if (byName)
            return repo->repo.fullName.toLower();
        const QDateTime time
                = sort == QLatin1String("created") ? repo->created : repo->repo.pushedAt;
        return QStringLiteral("%1").arg(time.toMSecsSinceEpoch(), 16, 10, QLatin1Char('0'));
    };
    std::stable_sort(repos.begin(), repos.end(),
                     [&](const SimGhRepoRecord *a, const SimGhRepoRecord *b) {
                         const QString ka = key(a), kb = key(b);
                         if (ka != kb)
                             return ascending ? ka < kb : ka > kb;
                         return ascending ? a->id < b->id : a->id > b->id;
                     });

    int first = 0, end = 0;
    QByteArray link;
    pageOf(call, int(repos.size()), &first, &end, &link, linkPath.arg(owner->id));
    QJsonArray items;
    for (int i = first; i < end; ++i)
        items.append(SimGitHubJson::repository(*repos.at(i), *owner, baseUrl()));
    SimHttpResponse response = SimGitHubJson::answer(200, QJsonDocument(items));
    if (!link.isEmpty())
        response.setHeader("Link", link);
    return response;
}

SimHttpResponse SimulatedGitHub::repositoryRoute(Call &call, SimGhRepoRecord *repo,
                                                 const QStringList &rest)
{
    const qsizetype n = rest.size();
    auto at = [&](qsizetype i, const char *text) {
        return i < n && rest.at(i) == QLatin1String(text);
    };
    const bool post = call.request.method == QLatin1String("POST");
    const bool dispatches = n == 4 && at(0, "actions") && at(1, "workflows") && at(3, "dispatches");
    const bool runAction = n == 4 && at(0, "actions") && at(1, "runs")
            && (at(3, "rerun") || at(3, "rerun-failed-jobs") || at(3, "cancel"));
    const bool writing = dispatches || runAction;
    if (writing != post || (!writing && !call.get))
        return notFound();
    if (writing && call.token.isEmpty())
        return SimGitHubJson::error(401, QStringLiteral("Requires authentication"));
    if (!repo || (repo->repo.isPrivate && !canSee(call, repo->owner)))
        return notFound();
    if (writing)
        return writingRoute(call, *repo, rest);

    const SimGhOwner *owner = m_store.owner(repo->owner);
    if (n == 0)
        return ok(SimGitHubJson::repository(*repo, *owner, baseUrl()));
    const QString linkBase = QStringLiteral("/repositories/%1/actions/").arg(repo->id);
    if (n == 2 && at(0, "actions") && at(1, "workflows"))
        return listWorkflows(call, *repo, linkBase + QStringLiteral("workflows"));
    if ((n == 3 || (n == 4 && at(3, "runs"))) && at(0, "actions") && at(1, "workflows")) {
        const SimGhWorkflow *workflow = repo->workflow(rest.at(2));
        if (!workflow)
            return notFound();
        if (n == 3)
            return ok(SimGitHubJson::workflow(*repo, *workflow, baseUrl()));
        return listRuns(call, *repo, workflow,
                        linkBase + QStringLiteral("workflows/%1/runs").arg(workflow->id));
    }
    if (n == 2 && at(0, "actions") && at(1, "runs"))
        return listRuns(call, *repo, nullptr, linkBase + QStringLiteral("runs"));
    if (n == 3 && at(0, "actions") && at(1, "runs")) {
        SimGhRunRecord *record = repo->run(idOf(rest.at(2)));
        return record ? ok(SimGitHubJson::run(*repo, *record, baseUrl())) : notFound();
    }
    return notFound();
}

SimHttpResponse SimulatedGitHub::writingRoute(const Call &call, SimGhRepoRecord &repo,
                                              const QStringList &rest)
{
    // actions/workflows/{w}/dispatches, or actions/runs/{id}/rerun|rerun-failed-jobs|cancel
    if (rest.at(3) == QLatin1String("dispatches"))
        return dispatch(call, repo, rest.at(2));
    const qint64 runId = idOf(rest.at(2));
    if (rest.at(3) == QLatin1String("cancel"))
        return cancel(call, repo, runId);
    return rerun(call, repo, runId, rest.at(3) == QLatin1String("rerun-failed-jobs"));
}

SimHttpResponse SimulatedGitHub::listWorkflows(const Call &call, const SimGhRepoRecord &repo,
                                               const QString &linkPath)
{
    int first = 0, end = 0;
    QByteArray link;
    pageOf(call, int(repo.workflows.size()), &first, &end, &link, linkPath);
    QJsonArray items;
    for (int i = first; i < end; ++i)
        items.append(SimGitHubJson::workflow(repo, repo.workflows.at(i), baseUrl()));
    SimHttpResponse response = ok({ { QStringLiteral("total_count"), int(repo.workflows.size()) },
                                    { QStringLiteral("workflows"), items } });
    if (!link.isEmpty())
        response.setHeader("Link", link);
    return response;
}

SimHttpResponse SimulatedGitHub::listRuns(const Call &call, const SimGhRepoRecord &repo,
                                          const SimGhWorkflow *workflow, const QString &linkPath)
{
    const QUrlQuery &q = call.query;
    const QString branch = q.queryItemValue(QStringLiteral("branch"));
    const QString event = q.queryItemValue(QStringLiteral("event"));
    const QString status = q.queryItemValue(QStringLiteral("status"));
    const QString actor = q.queryItemValue(QStringLiteral("actor"));
    const QString headSha = q.queryItemValue(QStringLiteral("head_sha"));
    const bool excludePullRequests
            = isTrue(q.queryItemValue(QStringLiteral("exclude_pull_requests")));
    QList<const SimGhRunRecord *> matching;
    for (const SimGhRunRecord &record : repo.runs) {
        const SimGhRun &run = record.run;
        if ((workflow && record.workflowId != workflow->id)
            || (!branch.isEmpty() && run.branch != branch)
            || (!event.isEmpty() && run.event != event)
            || (!status.isEmpty() && run.status != status && run.conclusion != status)
            || (!actor.isEmpty() && run.actor.compare(actor, Qt::CaseInsensitive) != 0)
            || (!headSha.isEmpty() && run.headSha != headSha)
            || (excludePullRequests && run.event == QLatin1String("pull_request")))
            continue;
        matching.append(&record);
    }
    int first = 0, end = 0;
    QByteArray link;
    pageOf(call, int(matching.size()), &first, &end, &link, linkPath);
    QJsonArray items;
    for (int i = first; i < end; ++i)
        items.append(SimGitHubJson::run(repo, *matching.at(i), baseUrl()));
    SimHttpResponse response = ok({ { QStringLiteral("total_count"), int(matching.size()) },
                                    { QStringLiteral("workflow_runs"), items } });
    if (!link.isEmpty())
        response.setHeader("Link", link);
    return response;
}

void SimulatedGitHub::pageOf(const Call &call, int count, int *first, int *end, QByteArray *link,
                             const QString &linkPath) const
{
    bool valid = false;
    int perPage = call.query.queryItemValue(QStringLiteral("per_page")).toInt(&valid);
    perPage = valid && perPage > 0 ? qMin(perPage, m_pageSizeMax) : qMin(30, m_pageSizeMax);
    int page = call.query.queryItemValue(QStringLiteral("page")).toInt(&valid);
    page = valid && page > 0 ? page : 1;
    const int pages = qMax(1, (count + perPage - 1) / perPage);
    *first = int(qMin(qint64(count), qint64(page - 1) * perPage));
    *end = int(qMin(qint64(count), qint64(page) * perPage));

    auto entry = [&](int target, const char *rel) {
        QUrl url = baseUrl();
        url.setPath(url.path() + linkPath, QUrl::TolerantMode); // keeps a %2F in a package name
        QUrlQuery query;
        for (const auto &item : call.query.queryItems(QUrl::FullyDecoded)) {
            if (item.first != QLatin1String("page"))
                query.addQueryItem(item.first, item.second);
        }
        query.addQueryItem(QStringLiteral("page"), QString::number(target));
        url.setQuery(query);
        return '<' + url.toString(QUrl::FullyEncoded).toUtf8() + ">; rel=\"" + rel + '"';
    };
    QByteArrayList parts;
    if (page > 1)
        parts.append(entry(page - 1, "prev"));
    if (page < pages) {
        parts.append(entry(page + 1, "next"));
        parts.append(entry(pages, "last"));
    }
    if (page > 1)
        parts.append(entry(1, "first"));
    *link = parts.join(", ");
}
