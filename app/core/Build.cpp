#include "core/Build.h"

#include "support/StringPool.h"
#include "support/TimeText.h"

#include <QSet>

namespace hubhook {

QJsonObject Build::toJson() const
{
    struct ToObject
    {
        QJsonObject o;
        void string(const char *key, const QString &s) { o.insert(QLatin1String(key), s); }
        void nullable(const char *key, const QString &s)
        {
            o.insert(QLatin1String(key),
                     s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s));
        }
        void integer(const char *key, qint64 n) { o.insert(QLatin1String(key), n); }
        void time(const char *key, const QDateTime &t, TimeFraction fraction)
        {
            nullable(key, t.isValid() ? formatApiTime(t, fraction) : QString());
        }
    } v;
    visitBuildFields(*this, v);
    return v.o;
}

Build Build::fromJson(const QJsonObject &o)
{
    Build b;
    b.provider = o.value(QStringLiteral("provider")).toString(defaultProviderId());
    b.repository = o.value(QStringLiteral("repository")).toString();
    b.tag = o.value(QStringLiteral("tag")).toString();
    b.state = buildStateFromName(o.value(QStringLiteral("status")).toString());
    b.statusCode
            = int(std::clamp<qint64>(o.value(QStringLiteral("status_code")).toInteger(), -1, 999));
    b.id = o.value(QStringLiteral("build_id")).toInteger();
    b.buildCode = o.value(QStringLiteral("build_code")).toString();
    const QString created = o.value(QStringLiteral("created")).toString();
    const QString updated = o.value(QStringLiteral("updated")).toString();
    b.created = parseApiTime(created);
    b.updated = parseApiTime(updated);
    b.createdFraction = apiTimeFraction(created);
    b.updatedFraction = apiTimeFraction(updated);
    b.cause = o.value(QStringLiteral("cause")).toString();
    b.url = o.value(QStringLiteral("url")).toString();
    b.workflow = o.value(QStringLiteral("workflow")).toString();
    b.workflowName = o.value(QStringLiteral("workflow_name")).toString();
    b.branch = o.value(QStringLiteral("branch")).toString();
    b.commit = o.value(QStringLiteral("commit")).toString();
    b.actor = o.value(QStringLiteral("actor")).toString();
    b.event = o.value(QStringLiteral("event")).toString();
    b.attempt = int(std::clamp<qint64>(o.value(QStringLiteral("attempt")).toInteger(), 0, 1000000));
    b.image = o.value(QStringLiteral("kind")).toString() == QLatin1String("image");
    b.digest = o.value(QStringLiteral("digest")).toString();
    b.maxAgeMs = std::clamp<qint64>(o.value(QStringLiteral("max_age_ms")).toInteger(), 0,
                                    100LL * 365 * 24 * 3600 * 1000);
    return b;
}

void Build::poolStrings()
{
    for (QString *s :
         { &provider, &tag, &cause, &workflow, &workflowName, &branch, &event, &actor })
        *s = pooled(*s);
}

bool Build::operator==(const Build &o) const
{
    return provider == o.provider && repository == o.repository && tag == o.tag && state == o.state
            && statusCode == o.statusCode && id == o.id && buildCode == o.buildCode
            && created == o.created && updated == o.updated && cause == o.cause && url == o.url
            && workflow == o.workflow && workflowName == o.workflowName && branch == o.branch
            && commit == o.commit && actor == o.actor && event == o.event && attempt == o.attempt
            && image == o.image && digest == o.digest && maxAgeMs == o.maxAgeMs;
}

QString Build::label() const
{
    if (workflow.isEmpty())
        return tag.isEmpty() ? repository : repository + QLatin1Char(':') + tag;
    // A workflow without a name of its own is called by its path ("ci/workflows/ci.yml"): the
    // file says more.
    const QString name = workflowName.isEmpty() || workflowName.contains(QLatin1Char('/'))
            ? workflow
            : workflowName;
    return QStringLiteral("%1 %2 (%3)").arg(repository, name, branch);
}

QList<Build> latestPerTag(const QList<Build> &history)
{
    // Providers list history newest first, but don't rely on it: order by creation, then id.
    QList<Build> sorted = history;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Build &a, const Build &b) {
        if (a.created != b.created)
            return a.created > b.created;
        return a.id > b.id;
    });
    QList<Build> out;
    QSet<QString> seen;
    for (const Build &b : sorted) {
        if (seen.contains(b.tag))
            continue;
        seen.insert(b.tag);
        out.append(b);
    }
    return out;
}

} // namespace hubhook
