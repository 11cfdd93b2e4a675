#include "SimScenario.h"

#include "SimJsonReader.h"

#include <QJsonArray>

namespace {

QString join(const QString &path, const QString &key) { return SimJsonReader::join(path, key); }

QString index(const QString &path, qsizetype i) { return SimJsonReader::index(path, i); }

bool parseBuild(SimJsonReader &r, const QJsonValue &value, const QString &path, SimBuild *build)
{
    QJsonObject o;
    if (!r.object(value, path, &o)
        || !r.keys(o, path, { "id", "status", "tag", "created", "updated", "build_code", "cause" }))
        return false;
    return r.number(o, "id", path, &build->id) && r.integer(o, "status", path, &build->status)
            && r.string(o, "tag", path, &build->tag) && r.time(o, "created", path, &build->created)
            && r.time(o, "updated", path, &build->updated)
            && r.string(o, "build_code", path, &build->buildCode)
            && r.nullableString(o, "cause", path, &build->cause);
}

bool parseRepository(SimJsonReader &r, const QJsonValue &value, const QString &path,
                     SimScenarioRepository *repo)
{
    QJsonObject o;
    if (!r.object(value, path, &o)
        || !r.keys(o, path,
                   { "name", "private", "owner", "description", "star_count", "pull_count",
                     "last_updated", "date_registered", "builds", "tags", "trigger_token",
                     "trigger_uuid" }))
        return false;
    int stars = repo->starCount;
    if (!r.string(o, "name", path, &repo->name, true)
        || !r.boolean(o, "private", path, &repo->isPrivate)
        || !r.string(o, "owner", path, &repo->owner)
        || !r.string(o, "description", path, &repo->description)
        || !r.integer(o, "star_count", path, &stars)
        || !r.number(o, "pull_count", path, &repo->pullCount)
        || !r.time(o, "last_updated", path, &repo->lastUpdated, &repo->hasLastUpdated)
        || !r.time(o, "date_registered", path, &repo->dateRegistered)
        || !r.string(o, "trigger_token", path, &repo->triggerToken))
        return false;
    repo->starCount = stars;
    if (repo->name.isEmpty() || repo->name.contains(QLatin1Char('/')))
        return r.fail(join(path, QStringLiteral("name")),
                      QStringLiteral("expected a repository name"));
    if (o.contains(QLatin1String("trigger_uuid"))) {
        const QString where = join(path, QStringLiteral("trigger_uuid"));
        const QJsonArray pair = o.value(QLatin1String("trigger_uuid")).toArray();
        if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
            return r.fail(where, QStringLiteral("expected [\"source uuid\", \"trigger uuid\"]"));
        repo->triggerSourceUuid = pair.at(0).toString();
        repo->triggerUuid = pair.at(1).toString();
    }
    if (o.contains(QLatin1String("builds"))) {
        const QString where = join(path, QStringLiteral("builds"));
        QJsonArray builds;
        if (!r.array(o.value(QLatin1String("builds")), where, &builds))
            return false;
        for (qsizetype i = 0; i < builds.size(); ++i) {
            SimBuild build;
            if (!parseBuild(r, builds.at(i), index(where, i), &build))
                return false;
            repo->builds.append(build);
        }
    }
    if (o.contains(QLatin1String("tags"))) {
        const QString where = join(path, QStringLiteral("tags"));
        QJsonArray tags;
        if (!r.array(o.value(QLatin1String("tags")), where, &tags))
            return false;
        repo->hasTags = true;
        for (qsizetype i = 0; i < tags.size(); ++i) {
            const QString at = index(where, i);
            QJsonObject t;
            SimScenarioTag tag;
            if (!r.object(tags.at(i), at, &t)
                || !r.keys(t, at, { "name", "last_pushed", "digest", "top_level_digest" })
                || !r.string(t, "name", at, &tag.name, true)
                || !r.time(t, "last_pushed", at, &tag.lastPushed)
                || !r.string(t, "digest", at, &tag.digest)
                || !r.boolean(t, "top_level_digest", at, &tag.topLevelDigest))
                return false;
            repo->tags.append(tag);
        }
    }
    return true;
}

bool parseNamespace(SimJsonReader &r, const QString &name, const QJsonValue &value,
                    const QString &path, SimScenarioNamespace *ns)
{
    ns->name = name;
    QJsonObject o;
    if (!r.object(value, path, &o) || !r.keys(o, path, { "generate", "repositories" }))
        return false;
    if (name.isEmpty() || name.contains(QLatin1Char('/')))
        return r.fail(path, QStringLiteral("invalid namespace name"));
    if (o.contains(QLatin1String("generate"))) {
        const QString where = join(path, QStringLiteral("generate"));
        QJsonObject g;
        if (!r.object(o.value(QLatin1String("generate")), where, &g)
            || !r.keys(g, where, { "count", "prefix" })
            || !r.integer(g, "count", where, &ns->generateCount, true)
            || !r.string(g, "prefix", where, &ns->generatePrefix))
            return false;
        if (ns->generateCount < 0)
            return r.fail(join(where, QStringLiteral("count")),
                          QStringLiteral("must not be negative"));
    }
    if (o.contains(QLatin1String("repositories"))) {
        const QString where = join(path, QStringLiteral("repositories"));
        QJsonArray repos;
        if (!r.array(o.value(QLatin1String("repositories")), where, &repos))
            return false;
        for (qsizetype i = 0; i < repos.size(); ++i) {
            SimScenarioRepository repo;
            if (!parseRepository(r, repos.at(i), index(where, i), &repo))
                return false;
            ns->repositories.append(repo);
        }
    }
    return true;
}

bool parseFault(SimJsonReader &r, const QJsonValue &value, const QString &path, SimFault *fault)
{
    QJsonObject o;
    QString kind;
    if (!r.object(value, path, &o)
        || !r.keys(o, path,
                   { "path_contains", "kind", "status", "times", "delay_ms", "retry_after",
                     "every_nth", "probability" })
        || !r.string(o, "kind", path, &kind, true)
        || !r.string(o, "path_contains", path, &fault->pathContains)
        || !r.integer(o, "status", path, &fault->status)
        || !r.integer(o, "times", path, &fault->times)
        || !r.integer(o, "delay_ms", path, &fault->delayMs)
        || !r.integer(o, "retry_after", path, &fault->retryAfterSeconds)
        || !r.integer(o, "every_nth", path, &fault->everyNth)
        || !r.real(o, "probability", path, &fault->probability))
        return false;
    if (fault->everyNth < 1)
        return r.fail(join(path, QStringLiteral("every_nth")),
                      QStringLiteral("must be at least 1"));
    if (!(fault->probability >= 0.0 && fault->probability <= 1.0))
        return r.fail(join(path, QStringLiteral("probability")),
                      QStringLiteral("must be between 0 and 1"));
    const auto parsed = simFaultKindFromName(kind);
    if (!parsed)
        return r.fail(join(path, QStringLiteral("kind")),
                      QStringLiteral("unknown fault kind \"%1\"").arg(kind));
    fault->kind = *parsed;
    if (fault->kind == SimFaultKind::HtmlErrorPage && !o.contains(QLatin1String("status")))
        fault->status = 502;
    return true;
}

bool parseEvent(SimJsonReader &r, const QJsonValue &value, const QString &path,
                SimTimelineEvent *event)
{
    QJsonObject o;
    if (!r.object(value, path, &o)
        || !r.keys(o, path,
                   { "after", "repository", "add_build", "set_status", "touch", "set_tag" })
        || !r.duration(o, "after", path, &event->afterMs)
        || !r.string(o, "repository", path, &event->repository, true))
        return false;
    if (event->repository.count(QLatin1Char('/')) != 1)
        return r.fail(join(path, QStringLiteral("repository")),
                      QStringLiteral("expected \"namespace/name\""));
    int actions = 0;
    if (o.contains(QLatin1String("add_build"))) {
        ++actions;
        event->action = SimTimelineEvent::Action::AddBuild;
        const QString where = join(path, QStringLiteral("add_build"));
        QJsonObject b;
        event->touch = true;
        if (!r.object(o.value(QLatin1String("add_build")), where, &b)
            || !r.boolean(b, "touch", where, &event->touch))
            return false;
        b.remove(QLatin1String("touch"));
        if (!parseBuild(r, b, where, &event->build))
            return false;
    }
    if (o.contains(QLatin1String("set_status"))) {
        ++actions;
        event->action = SimTimelineEvent::Action::SetStatus;
        const QString where = join(path, QStringLiteral("set_status"));
        QJsonObject s;
        if (!r.object(o.value(QLatin1String("set_status")), where, &s)
            || !r.keys(s, where, { "build", "status", "touch" })
            || !r.integer(s, "status", where, &event->status, true))
            return false;
        event->touch = event->status == 10;
        if (!r.boolean(s, "touch", where, &event->touch))
            return false;
        const QJsonValue build = s.value(QLatin1String("build"));
        if (build.isString() && build.toString() == QLatin1String("latest"))
            event->buildId = 0;
        else if (build.isDouble() && build.toDouble() > 0)
            event->buildId = qint64(build.toDouble());
        else
            return r.fail(join(where, QStringLiteral("build")),
                          QStringLiteral("expected a build id or \"latest\""));
    }
    if (o.contains(QLatin1String("touch"))) {
        ++actions;
        event->action = SimTimelineEvent::Action::Touch;
        if (!o.value(QLatin1String("touch")).isBool())
            return r.fail(join(path, QStringLiteral("touch")), QStringLiteral("expected true"));
    }
    if (o.contains(QLatin1String("set_tag"))) {
        ++actions;
        event->action = SimTimelineEvent::Action::SetTag;
        const QString where = join(path, QStringLiteral("set_tag"));
        QJsonObject t;
        if (!r.object(o.value(QLatin1String("set_tag")), where, &t) || !r.keys(t, where, { "name" })
            || !r.string(t, "name", where, &event->tag, true))
            return false;
    }
    if (actions != 1)
        return r.fail(
                path,
                QStringLiteral("expected exactly one of add_build, set_status, touch, set_tag"));
    return true;
}

template<typename Item, typename Parse>
bool parseList(SimJsonReader &r, const QJsonObject &o, const char *key, QList<Item> *out,
               Parse parse)
{
    if (!o.contains(QLatin1String(key)))
        return true;
    const QString path = QLatin1String(key);
    QJsonArray items;
    if (!r.array(o.value(path), path, &items))
        return false;
    for (qsizetype i = 0; i < items.size(); ++i) {
        Item item;
        if (!parse(r, items.at(i), index(path, i), &item))
            return false;
        out->append(item);
    }
    return true;
}

bool parseUser(SimJsonReader &r, const QJsonValue &value, const QString &path, SimUser *user)
{
    QJsonObject o;
    return r.object(value, path, &o)
            && r.keys(o, path, { "username", "password", "access_tokens", "namespaces" })
            && r.string(o, "username", path, &user->username, true)
            && r.string(o, "password", path, &user->password)
            && r.stringList(o, "access_tokens", path, &user->accessTokens)
            && r.stringList(o, "namespaces", path, &user->namespaces);
}

} // namespace

bool SimScenario::parse(const QJsonObject &json, const QDateTime &now, SimScenario *scenario,
                        QString *error)
{
    SimJsonReader r(now);
    SimScenario s;
    bool ok = r.keys(json, {},
                     { "users", "token_lifetime", "rate_limit", "latency_ms", "page_size_max",
                       "random_seed", "namespaces", "faults", "timeline" })
            && parseList(r, json, "users", &s.users, parseUser)
            && r.integer(json, "token_lifetime", {}, &s.tokenLifetime)
            && r.integer(json, "latency_ms", {}, &s.latencyMs)
            && r.integer(json, "page_size_max", {}, &s.pageSizeMax)
            && r.number(json, "random_seed", {}, &s.randomSeed)
            && parseList(r, json, "faults", &s.faults, parseFault)
            && parseList(r, json, "timeline", &s.timeline, parseEvent);
    if (ok && json.contains(QLatin1String("random_seed"))
        && (s.randomSeed < 0 || s.randomSeed > 0xffffffffLL))
        ok = r.fail(QStringLiteral("random_seed"), QStringLiteral("expected 0 to 4294967295"));
    if (ok && json.contains(QLatin1String("rate_limit"))) {
        const QString path = QStringLiteral("rate_limit");
        QJsonObject o;
        ok = r.object(json.value(path), path, &o) && r.keys(o, path, { "limit", "window" })
                && r.integer(o, "limit", path, &s.rateLimit, true)
                && r.integer(o, "window", path, &s.rateWindow);
    }
    if (ok && json.contains(QLatin1String("namespaces"))) {
        QJsonObject o;
        ok = r.object(json.value(QLatin1String("namespaces")), QStringLiteral("namespaces"), &o);
        for (auto it = o.begin(); ok && it != o.end(); ++it) {
            SimScenarioNamespace ns;
            ok = parseNamespace(r, it.key(), it.value(),
                                join(QStringLiteral("namespaces"), it.key()), &ns);
            s.namespaces.append(ns);
        }
    }
    if (!ok) {
        if (error)
            *error = r.error;
        return false;
    }
    *scenario = s;
    return true;
}
