// The Docker Hub routes the simulator answers.
#include "SimulatedHub.h"

#include "SimJson.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

namespace {

SimHttpResponse notFound() { return SimHttpWire::detail(404, QStringLiteral("Object not found")); }

SimHttpResponse methodNotAllowed(const QString &method)
{
    return SimHttpWire::detail(405, QStringLiteral("Method \"%1\" not allowed.").arg(method));
}

SimHttpResponse ok(int status, const QJsonObject &object)
{
    return SimHttpWire::json(status, QJsonDocument(object));
}

} // namespace

SimHttpResponse SimulatedHub::route(Call &call)
{
    const QStringList &s = call.segments;
    const qsizetype n = s.size();
    const QString &method = call.request.method;
    const bool get = method == QLatin1String("GET") || method == QLatin1String("HEAD");
    const bool post = method == QLatin1String("POST");
    auto at = [&](qsizetype i, const char *text) {
        return i < n && s.at(i) == QLatin1String(text);
    };

    if (at(0, "v2")) {
        if (n == 3 && at(1, "users") && at(2, "login"))
            return post ? login(call) : methodNotAllowed(method);
        if (n == 3 && at(1, "auth") && at(2, "token"))
            return post ? authToken(call) : methodNotAllowed(method);
        if (n >= 4 && n <= 7 && at(1, "namespaces") && at(3, "repositories")) {
            if (!get)
                return methodNotAllowed(method);
            if (n == 4)
                return listRepositories(call, s.at(2), false);
            if (n == 5)
                return getRepository(call, s.at(2), s.at(4), false);
            if (at(5, "tags"))
                return tags(call, s.at(2), s.at(4), n == 7 ? s.at(6) : QString());
        }
        if (n >= 3 && n <= 6 && at(1, "repositories")) {
            if (n == 6 && at(4, "autobuild") && at(5, "trigger-build"))
                return post ? autobuildTrigger(call, s.at(2), s.at(3)) : methodNotAllowed(method);
            if (!get)
                return methodNotAllowed(method);
            if (n == 3)
                return listRepositories(call, s.at(2), true);
            if (n == 4)
                return getRepository(call, s.at(2), s.at(3), true);
            if (at(4, "buildhistory"))
                return buildHistory(call, s.at(2), s.at(3), n == 6 ? s.at(5) : QString());
            if (at(4, "tags"))
                return tags(call, s.at(2), s.at(3), n == 6 ? s.at(5) : QString());
        }
    }
    if (n == 8 && at(0, "api") && at(1, "build") && at(2, "v1") && at(3, "source")
        && at(5, "trigger") && at(7, "call"))
        return post ? triggerByUuid(call, s.at(4), s.at(6)) : methodNotAllowed(method);
    if (n >= 2 && at(0, "hooks"))
        return methodNotAllowed(method); // POSTs are answered by the webhook receiver
    if (n == 5 && at(0, "u") && at(3, "trigger"))
        return post ? triggerByToken(call, s.at(1), s.at(2), s.at(4)) : methodNotAllowed(method);
    return SimHttpWire::detail(404, QStringLiteral("Not found."));
}

SimHttpResponse SimulatedHub::login(const Call &call)
{
    QJsonObject body;
    if (!SimJson::objectBody(call.request.body, &body))
        return SimHttpWire::detail(400, QStringLiteral("JSON parse error"));
    const QString username = body.value(QLatin1String("username")).toString();
    const QString password = body.value(QLatin1String("password")).toString();
    if (username.isEmpty() || password.isEmpty())
        return SimHttpWire::detail(400, QStringLiteral("username and password are required"));
    if (!m_auth.checkLogin(username, password))
        return SimHttpWire::detail(401, QStringLiteral("Incorrect authentication credentials"));
    return ok(200, { { QStringLiteral("token"), m_auth.issueJwt(username) } });
}

SimHttpResponse SimulatedHub::authToken(const Call &call)
{
    QJsonObject body;
    if (!SimJson::objectBody(call.request.body, &body))
        return SimHttpWire::detail(400, QStringLiteral("JSON parse error"));
    const QString identifier = body.value(QLatin1String("identifier")).toString();
    const QString secret = body.value(QLatin1String("secret")).toString();
    if (identifier.isEmpty() || secret.isEmpty())
        return SimHttpWire::detail(400, QStringLiteral("identifier and secret are required"));
    if (!m_auth.checkAccessToken(identifier, secret))
        return SimHttpWire::detail(401, QStringLiteral("Incorrect authentication credentials"));
    return ok(200, { { QStringLiteral("access_token"), m_auth.issueJwt(identifier) } });
}

const SimRepository *SimulatedHub::visibleRepository(const Call &call, const QString &ns,
                                                     const QString &name) const
{
    const SimRepository *repo = m_store.repository(ns, name);
    if (!repo)
        return nullptr;
    if (repo->isPrivate && (call.user.isEmpty() || !m_auth.mayRead(call.user, ns)))
        return nullptr;
    return repo;
}

SimHttpResponse SimulatedHub::listRepositories(const Call &call, const QString &ns, bool legacy)
{
    if (!m_store.hasNamespace(ns))
        return notFound();
    const bool allowed = !call.user.isEmpty() && m_auth.mayRead(call.user, ns);
    QList<QJsonObject> items;
    for (const SimRepository *repo : m_store.repositories(ns)) {
        if (!repo->isPrivate || allowed)
            items.append(SimJson::repository(*repo, legacy, allowed));
    }
    return page(call, items);
}

SimHttpResponse SimulatedHub::getRepository(const Call &call, const QString &ns,
                                            const QString &name, bool legacy)
{
    const SimRepository *repo = visibleRepository(call, ns, name);
    if (!repo)
        return notFound();
    const bool allowed = !call.user.isEmpty() && m_auth.mayRead(call.user, ns);
    return ok(200, SimJson::repository(*repo, legacy, allowed));
}

SimHttpResponse SimulatedHub::buildHistory(const Call &call, const QString &ns, const QString &name,
                                           const QString &buildCode)
{
    const SimRepository *repo = visibleRepository(call, ns, name);
    if (!repo)
        return notFound();
    QList<QJsonObject> items;
    for (const SimBuild &build : repo->builds) {
        if (!buildCode.isEmpty() && build.buildCode == buildCode)
            return ok(200, SimJson::build(build));
        items.append(SimJson::build(build));
    }
    return buildCode.isEmpty() ? page(call, items) : notFound();
}

SimHttpResponse SimulatedHub::tags(const Call &call, const QString &ns, const QString &name,
                                   const QString &tag)
{
    const SimRepository *repo = visibleRepository(call, ns, name);
    if (!repo)
        return notFound();
    if (!tag.isEmpty()) {
        auto it = repo->tags.constFind(tag);
        if (it == repo->tags.constEnd()) {
            // The tags API answers in its own error shape.
            return ok(404,
                      { { QStringLiteral("message"), QStringLiteral("object not found") },
                        { QStringLiteral("errinfo"), QJsonObject() } });
        }
        return ok(200, SimJson::tag(*it));
    }
    // ordering: last_updated and -last_updated (and the default) newest first; name, -name.
    const QString ordering = call.query.queryItemValue(QStringLiteral("ordering"));
    QList<SimTag> sorted = repo->tags.values(); // by name
    if (ordering == QLatin1String("-name"))
        std::reverse(sorted.begin(), sorted.end());
    else if (ordering != QLatin1String("name"))
        std::stable_sort(sorted.begin(), sorted.end(), [](const SimTag &a, const SimTag &b) {
            return a.lastPushed > b.lastPushed;
        });
    QList<QJsonObject> items;
    for (const SimTag &entry : sorted)
        items.append(SimJson::tag(entry));
    return page(call, items);
}

SimHttpResponse SimulatedHub::page(const Call &call, const QList<QJsonObject> &items)
{
    int number = 1;
    int size = 10;
    bool valid = true;
    if (call.query.hasQueryItem(QStringLiteral("page"))) {
        number = call.query.queryItemValue(QStringLiteral("page")).toInt(&valid);
        if (!valid || number < 1)
            return SimHttpWire::detail(404, QStringLiteral("Invalid page."));
    }
    if (call.query.hasQueryItem(QStringLiteral("page_size"))) {
        const int requested = call.query.queryItemValue(QStringLiteral("page_size")).toInt(&valid);
        if (valid && requested > 0)
            size = requested;
    }
    size = qMin(size, m_pageSizeMax);
    const int count = int(items.size());
    const int pages = qMax(1, (count + size - 1) / size);
    if (number > pages)
        return notFound();

    auto link = [&](int target) -> QJsonValue {
        QUrl url = baseUrl();
        url.setPath(call.request.path);
        QUrlQuery query;
        for (const auto &item : call.query.queryItems(QUrl::FullyDecoded)) {
            if (item.first != QLatin1String("page") && item.first != QLatin1String("page_size"))
                query.addQueryItem(item.first, item.second);
        }
        query.addQueryItem(QStringLiteral("page"), QString::number(target));
        query.addQueryItem(QStringLiteral("page_size"), QString::number(size));
        url.setQuery(query);
        return url.toString(QUrl::FullyEncoded);
    };
    QJsonArray results;
    for (int i = (number - 1) * size; i < qMin(count, number * size); ++i)
        results.append(items.at(i));
    return ok(200,
              { { QStringLiteral("count"), count },
                { QStringLiteral("next"), number < pages ? link(number + 1) : QJsonValue() },
                { QStringLiteral("previous"), number > 1 ? link(number - 1) : QJsonValue() },
                { QStringLiteral("results"), results } });
}
