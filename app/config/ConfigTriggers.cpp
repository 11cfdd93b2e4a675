// The `triggers` part of the config: rebuild triggers, their schedules, links and expectations.
#include "config/ConfigFields.h"
#include "config/ProviderDescriptor.h"
#include "config/Validation.h"
#include "core/Schedule.h"
#include "support/Clock.h"

#include <algorithm>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

namespace hubhook::configfields {

namespace {

// "acme/base or <another registry>/owner/name": an example image of each registry.
QString imageExamples()
{
    QStringList examples;
    for (const ProviderDescriptor *p : providerDescriptors()) {
        if (!p->imageExample().isEmpty())
            examples.append(p->imageExample());
    }
    return examples.join(QStringLiteral(" or "));
}

// "owner/name" of any provider.
bool isAnyRepository(const QString &text)
{
    const auto providers = providerDescriptors();
    return std::any_of(providers.begin(), providers.end(),
                       [&](const ProviderDescriptor *p) { return p->isRepository(text); });
}

void parseRequest(const QJsonObject &o, const QString &path, TriggerConfig &t, const JsonFields &f)
{
    parseUrlAndHeaders(o, path, &t.url, &t.urlSecret, &t.headers, f);
    const QString method = f.string(o, QStringLiteral("method"), path).toUpper();
    if (!method.isEmpty()) {
        static const QStringList methods { QStringLiteral("POST"), QStringLiteral("GET"),
                                           QStringLiteral("PUT"), QStringLiteral("PATCH") };
        if (methods.contains(method))
            t.method = method.toLatin1();
        else
            f.error(JsonFields::join(path, QStringLiteral("method")),
                    QStringLiteral("expected POST, GET, PUT or PATCH"));
    }
    const QJsonValue body = o.value(QStringLiteral("body"));
    if (body.isString())
        t.body = body.toString().toUtf8();
    else if (body.isObject())
        t.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        t.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else if (!body.isUndefined() && !body.isNull())
        f.error(JsonFields::join(path, QStringLiteral("body")),
                QStringLiteral("expected a JSON object, array or string"));
}

void parseSchedule(const QJsonObject &o, const QString &path, TriggerConfig &t, const JsonFields &f)
{
    t.schedule = f.string(o, QStringLiteral("schedule"), path);
    if (t.schedule.isEmpty())
        return;
    QString error;
    const auto schedule = Schedule::parse(t.schedule, &error);
    if (!schedule)
        f.error(JsonFields::join(path, QStringLiteral("schedule")), error);
    else if (!schedule->next(Clock::now()).isValid())
        f.error(JsonFields::join(path, QStringLiteral("schedule")),
                QStringLiteral("never fires again: every year it names is past"));
}

// A trigger run through its account's API expects the build its descriptor names: only
// `within` is set. Another names the repository (or an image on a watched registry) and tag.
ExpectBuild parseExpectBuild(const QJsonObject &o, const QString &path, const TriggerConfig &t,
                             const ProviderDescriptor &p, const JsonFields &f)
{
    const QString at = JsonFields::join(path, QStringLiteral("expect_build"));
    const QJsonObject e = f.object(o, QStringLiteral("expect_build"), path);
    if (t.viaApi) {
        rejectUnknownKeys(e, { QStringLiteral("within") }, at, f);
        ExpectBuild expect = p.expectationOf(t);
        expect.withinMs = durationField(e, QStringLiteral("within"), at, expect.withinMs, 1000, f);
        return expect;
    }
    rejectUnknownKeys(
            e, { QStringLiteral("repository"), QStringLiteral("tag"), QStringLiteral("within") },
            at, f);
    ExpectBuild expect;
    expect.repository = f.string(e, QStringLiteral("repository"), at, true);
    // An image on a registry (its tags are read from there), or a repository of a provider.
    const ProviderDescriptor *registry = imageDescriptor(expect.repository);
    if (registry && !registry->imageProblem(expect.repository).isEmpty())
        f.error(JsonFields::join(at, QStringLiteral("repository")),
                QStringLiteral("%1, got \"%2\"")
                        .arg(registry->imageProblem(expect.repository), expect.repository));
    else if (!registry && !expect.repository.isEmpty() && !isAnyRepository(expect.repository))
        f.error(JsonFields::join(at, QStringLiteral("repository")),
                QStringLiteral("expected \"namespace/name\" or an image (%1)")
                        .arg(imageExamples()));
    expect.tag = f.string(e, QStringLiteral("tag"), at);
    expect.withinMs = durationField(e, QStringLiteral("within"), at, expect.withinMs, 1000, f);
    return expect;
}

// "acme/base:latest", or an image of another registry with its host: a tag of an image watch.
void parseAfterPushOf(const QJsonObject &o, const QString &path, const Config &config,
                      TriggerConfig &t, const JsonFields &f)
{
    const QString value = f.string(o, QStringLiteral("after_push_of"), path);
    if (value.isEmpty())
        return;
    const QString p = JsonFields::join(path, QStringLiteral("after_push_of"));
    const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0 || value.indexOf(QLatin1Char('/'), colon) >= 0) {
        f.error(p, QStringLiteral("expected \"image:tag\", got \"%1\"").arg(value));
        return;
    }
    const QString image = canonicalImage(value.left(colon));
    const QString tag = value.mid(colon + 1);
    const bool watched = std::any_of(config.watch.begin(), config.watch.end(), [&](const auto &w) {
        return w.isImage() && w.image == image;
    });
    if (!watched)
        f.error(p,
                QStringLiteral("no image watch of %1: add {\"image\": \"%2\", \"tags\": "
                               "[\"%3\"]} to \"watch\"")
                        .arg(image, value.left(colon), tag));
    t.afterPushOf = image + QLatin1Char(':') + tag;
}

// Its keys: the common ones, then those of its account's provider when that provider runs
// triggers through its API, else a URL request's.
QStringList triggerKeys(const ProviderDescriptor *p)
{
    QStringList keys { QStringLiteral("name"),          QStringLiteral("account"),
                       QStringLiteral("schedule"),      QStringLiteral("after_success_of"),
                       QStringLiteral("after_push_of"), QStringLiteral("expect_build"),
                       QStringLiteral("jitter"),        QStringLiteral("timeout") };
    if (p && p->runsTriggers()) {
        for (const ProviderField &field : p->triggerFields())
            keys.append(field.key);
    } else {
        keys << QStringLiteral("url") << QStringLiteral("method") << QStringLiteral("body")
             << QStringLiteral("headers");
    }
    return keys;
}

TriggerConfig parseTrigger(const QJsonObject &o, const QString &path, const Config &config,
                           const JsonFields &f)
{
    TriggerConfig t;
    t.account = f.string(o, QStringLiteral("account"), path);
    const ProviderDescriptor *p
            = t.account.isEmpty() ? nullptr : accountDescriptor(config, t.account);
    rejectUnknownKeys(o, triggerKeys(p), path, f);
    t.name = f.string(o, QStringLiteral("name"), path, true);
    if (p && p->runsTriggers())
        p->parseTrigger(o, path, t, f);
    else
        parseRequest(o, path, t, f);
    if (!t.account.isEmpty() && !config.accounts.contains(t.account))
        f.error(JsonFields::join(path, QStringLiteral("account")),
                QStringLiteral("no account named \"%1\"").arg(t.account));
    parseSchedule(o, path, t, f);
    t.afterSuccessOf = f.string(o, QStringLiteral("after_success_of"), path);
    if (!t.afterSuccessOf.isEmpty() && !isRepositoryName(t.afterSuccessOf, true)
        && !isAnyRepository(t.afterSuccessOf))
        f.error(JsonFields::join(path, QStringLiteral("after_success_of")),
                QStringLiteral("expected \"namespace/name\" or \"namespace/name:tag\""));
    parseAfterPushOf(o, path, config, t, f);
    if (o.contains(QStringLiteral("expect_build")))
        t.expectBuild = parseExpectBuild(o, path, t, p ? *p : *accountDescriptor(config, {}), f);
    t.jitterMs = durationField(o, QStringLiteral("jitter"), path, 0, 0, f);
    t.timeoutMs = durationField(o, QStringLiteral("timeout"), path, t.timeoutMs, 100, f);
    return t;
}

} // namespace

void parseTriggers(const QJsonObject &root, Config &c, const JsonFields &f)
{
    const QJsonArray triggers = f.array(root, QStringLiteral("triggers"), {});
    QSet<QString> names;
    for (int i = 0; i < triggers.size(); ++i) {
        const QString path = JsonFields::index(QStringLiteral("triggers"), i);
        if (!triggers.at(i).isObject()) {
            f.error(path,
                    QStringLiteral("expected an object, got %1")
                            .arg(JsonFields::typeName(triggers.at(i))));
            continue;
        }
        TriggerConfig t = parseTrigger(triggers.at(i).toObject(), path, c, f);
        if (names.contains(t.name))
            f.error(JsonFields::join(path, QStringLiteral("name")),
                    QStringLiteral("duplicate trigger name \"%1\"").arg(t.name));
        names.insert(t.name);
        c.triggers.append(t);
    }
    for (int i = 0; i < c.watch.size(); ++i) {
        const QString name = c.watch.at(i).retryTrigger;
        if (!name.isEmpty() && !names.contains(name))
            f.error(JsonFields::index(QStringLiteral("watch"), i)
                            + QStringLiteral(".retry_failed.trigger"),
                    QStringLiteral("no trigger named \"%1\"").arg(name));
    }
}

} // namespace hubhook::configfields
