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

bool parseTag(SimJsonReader &r, const QJsonValue &value, const QString &path, SimScenarioTag *tag)
{
    QJsonObject t;
    return r.object(value, path, &t)
            && r.keys(t, path, { "name", "last_pushed", "digest", "top_level_digest" })
            && r.string(t, "name", path, &tag->name, true)
            && r.time(t, "last_pushed", path, &tag->lastPushed)
            && r.string(t, "digest", path, &tag->digest)
            && r.boolean(t, "top_level_digest", path, &tag->topLevelDigest);
}

// o[key], when present, as a list of items parsed by parse(reader, value, path, &item).
template<typename Item, typename Parse>
bool parseItems(SimJsonReader &r, const QJsonObject &o, const char *key, const QString &path,
                QList<Item> *out, Parse parse)
{
    if (!o.contains(QLatin1String(key)))
        return true;
    const QString where = join(path, QLatin1String(key));
    QJsonArray items;
    if (!r.array(o.value(QLatin1String(key)), where, &items))
        return false;
    for (qsizetype i = 0; i < items.size(); ++i) {
        Item item;
        if (!parse(r, items.at(i), index(where, i), &item))
            return false;
        out->append(item);
    }
    return true;
}

// "trigger_uuid": ["source uuid", "trigger uuid"], when present.
bool parseTriggerUuid(SimJsonReader &r, const QJsonObject &o, const QString &path,
                      SimScenarioRepository *repo)
{
    if (!o.contains(QLatin1String("trigger_uuid")))
        return true;
    const QJsonArray pair = o.value(QLatin1String("trigger_uuid")).toArray();
    if (pair.size() != 2 || !pair.at(0).isString() || !pair.at(1).isString())
        return r.fail(join(path, QStringLiteral("trigger_uuid")),
                      QStringLiteral("expected [\"source uuid\", \"trigger uuid\"]"));
    repo->triggerSourceUuid = pair.at(0).toString();
    repo->triggerUuid = pair.at(1).toString();
    return true;
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
    repo->hasTags = o.contains(QLatin1String("tags"));
    return parseTriggerUuid(r, o, path, repo)
            && parseItems(r, o, "builds", path, &repo->builds, parseBuild)
            && parseItems(r, o, "tags", path, &repo->tags, parseTag);
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

bool parseAddBuild(SimJsonReader &r, const QJsonValue &value, const QString &where,
                   SimTimelineEvent *event)
{
    event->action = SimTimelineEvent::Action::AddBuild;
    QJsonObject b;
    event->touch = true;
    if (!r.object(value, where, &b) || !r.boolean(b, "touch", where, &event->touch))
        return false;
    b.remove(QLatin1String("touch"));
    return parseBuild(r, b, where, &event->build);
}

bool parseSetStatus(SimJsonReader &r, const QJsonValue &value, const QString &where,
                    SimTimelineEvent *event)
{
    event->action = SimTimelineEvent::Action::SetStatus;
    QJsonObject s;
    if (!r.object(value, where, &s) || !r.keys(s, where, { "build", "status", "touch" })
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
    return true;
}

bool parseTouch(SimJsonReader &r, const QJsonValue &value, const QString &where,
                SimTimelineEvent *event)
{
    event->action = SimTimelineEvent::Action::Touch;
    return value.isBool() || r.fail(where, QStringLiteral("expected true"));
}

bool parseSetTag(SimJsonReader &r, const QJsonValue &value, const QString &where,
                 SimTimelineEvent *event)
{
    event->action = SimTimelineEvent::Action::SetTag;
    QJsonObject t;
    return r.object(value, where, &t) && r.keys(t, where, { "name" })
            && r.string(t, "name", where, &event->tag, true);
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
    // Exactly one action, each parsed where it is (its errors name it).
    int actions = 0;
    using Parse
            = bool (*)(SimJsonReader &, const QJsonValue &, const QString &, SimTimelineEvent *);
    const std::pair<const char *, Parse> parsers[] = { { "add_build", parseAddBuild },
                                                       { "set_status", parseSetStatus },
                                                       { "touch", parseTouch },
                                                       { "set_tag", parseSetTag } };
    for (const auto &[key, parse] : parsers) {
        if (!o.contains(QLatin1String(key)))
            continue;
        ++actions;
        if (!parse(r, o.value(QLatin1String(key)), join(path, QLatin1String(key)), event))
            return false;
    }
    if (actions != 1)
        return r.fail(
                path,
                QStringLiteral("expected exactly one of add_build, set_status, touch, set_tag"));
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
            && parseItems(r, json, "users", {}, &s.users, parseUser)
            && r.integer(json, "token_lifetime", {}, &s.tokenLifetime)
            && r.integer(json, "latency_ms", {}, &s.latencyMs)
            && r.integer(json, "page_size_max", {}, &s.pageSizeMax)
            && r.number(json, "random_seed", {}, &s.randomSeed)
            && parseItems(r, json, "faults", {}, &s.faults, parseFault)
            && parseItems(r, json, "timeline", {}, &s.timeline, parseEvent);
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
