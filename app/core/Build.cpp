#include "core/Build.h"

#include "support/TimeParse.h"

#include <QSet>

namespace hubhook {

namespace {
QJsonValue nullable(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}
} // namespace

QJsonObject Build::toJson() const
{
    return QJsonObject {
        { QStringLiteral("provider"), provider },
        { QStringLiteral("repository"), repository },
        { QStringLiteral("tag"), tag },
        { QStringLiteral("status"), buildStateName(state) },
        { QStringLiteral("status_code"), statusCode },
        { QStringLiteral("build_id"), id },
        { QStringLiteral("build_code"), nullable(buildCode) },
        { QStringLiteral("created"), nullable(formatApiTime(created)) },
        { QStringLiteral("updated"), nullable(formatApiTime(updated)) },
        { QStringLiteral("cause"), nullable(cause) },
        { QStringLiteral("url"), nullable(url) },
    };
}

Build Build::fromJson(const QJsonObject &o)
{
    Build b;
    b.provider = o.value(QStringLiteral("provider")).toString(QStringLiteral("dockerhub"));
    b.repository = o.value(QStringLiteral("repository")).toString();
    b.tag = o.value(QStringLiteral("tag")).toString();
    b.state = buildStateFromName(o.value(QStringLiteral("status")).toString());
    b.statusCode = o.value(QStringLiteral("status_code")).toInt();
    b.id = o.value(QStringLiteral("build_id")).toInteger();
    b.buildCode = o.value(QStringLiteral("build_code")).toString();
    b.created = parseApiTime(o.value(QStringLiteral("created")).toString());
    b.updated = parseApiTime(o.value(QStringLiteral("updated")).toString());
    b.cause = o.value(QStringLiteral("cause")).toString();
    b.url = o.value(QStringLiteral("url")).toString();
    b.raw = o.value(QStringLiteral("raw")).toObject();
    return b;
}

bool Build::operator==(const Build &o) const
{
    return provider == o.provider && repository == o.repository && tag == o.tag && state == o.state
            && statusCode == o.statusCode && id == o.id && buildCode == o.buildCode
            && created == o.created && updated == o.updated && cause == o.cause && url == o.url;
}

QList<Build> latestPerTag(const QList<Build> &history)
{
    // Docker Hub lists history newest first, but don't rely on it: order by creation, then id.
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
