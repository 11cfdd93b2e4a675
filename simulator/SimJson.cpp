#include "SimJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

QString SimJson::isoTime(const QDateTime &time)
{
    const QDateTime utc = time.toUTC();
    // Real Docker Hub times carry microseconds. The extra digits stay below 500 so a parser
    // that rounds to milliseconds still gets the original millisecond back.
    const int micro = int(quint64(utc.toMSecsSinceEpoch()) % 400) + 100;
    return utc.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QString::number(micro)
            + QLatin1Char('Z');
}

QJsonValue SimJson::isoOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(isoTime(time)) : QJsonValue(QJsonValue::Null);
}

QJsonObject SimJson::repository(const SimRepository &repo, bool legacy, bool canEdit)
{
    QJsonObject out {
        { QStringLiteral("name"), repo.name },
        { QStringLiteral("namespace"), repo.ns },
        { QStringLiteral("repository_type"), QStringLiteral("image") },
        { QStringLiteral("status"), 1 },
        { QStringLiteral("status_description"), QStringLiteral("active") },
        { QStringLiteral("description"), repo.description },
        { QStringLiteral("is_private"), repo.isPrivate },
        { QStringLiteral("star_count"), repo.starCount },
        { QStringLiteral("pull_count"), repo.pullCount },
        { QStringLiteral("last_updated"), isoOrNull(repo.lastUpdated) },
        { QStringLiteral("last_modified"),
          isoOrNull(repo.lastUpdated.isValid() ? repo.lastUpdated : repo.dateRegistered) },
        { QStringLiteral("date_registered"), isoOrNull(repo.dateRegistered) },
    };
    if (legacy) {
        out.insert(QStringLiteral("user"), repo.owner);
        out.insert(QStringLiteral("is_automated"), true);
        out.insert(QStringLiteral("can_edit"), canEdit);
    }
    return out;
}

QJsonObject SimJson::build(const SimBuild &build)
{
    return QJsonObject {
        { QStringLiteral("id"), build.id },
        { QStringLiteral("status"), build.status },
        { QStringLiteral("created_date"), isoOrNull(build.created) },
        { QStringLiteral("last_updated"), isoOrNull(build.updated) },
        { QStringLiteral("build_code"), build.buildCode },
        { QStringLiteral("dockertag_name"), build.tag },
        { QStringLiteral("cause"),
          build.cause.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(build.cause) },
    };
}

QJsonObject SimJson::tag(const SimTag &tag)
{
    const QJsonObject image {
        { QStringLiteral("architecture"), QStringLiteral("amd64") },
        { QStringLiteral("features"), QString() },
        { QStringLiteral("variant"), QJsonValue(QJsonValue::Null) },
        { QStringLiteral("digest"), tag.digest },
        { QStringLiteral("os"), QStringLiteral("linux") },
        { QStringLiteral("os_features"), QString() },
        { QStringLiteral("os_version"), QJsonValue(QJsonValue::Null) },
        { QStringLiteral("size"), tag.size },
        { QStringLiteral("status"), QStringLiteral("active") },
        { QStringLiteral("last_pulled"), QJsonValue(QJsonValue::Null) },
        { QStringLiteral("last_pushed"), isoOrNull(tag.lastPushed) },
    };
    QJsonObject out {
        { QStringLiteral("creator"), 1 },
        { QStringLiteral("id"), qint64(qHash(tag.name) % 1000000000) },
        { QStringLiteral("images"), QJsonArray { image } },
        { QStringLiteral("last_updated"), isoOrNull(tag.lastPushed) },
        { QStringLiteral("last_updater"), 1 },
        { QStringLiteral("last_updater_username"), tag.updater },
        { QStringLiteral("name"), tag.name },
        { QStringLiteral("repository"), 1 },
        { QStringLiteral("full_size"), tag.size },
        { QStringLiteral("v2"), true },
        { QStringLiteral("tag_status"), QStringLiteral("active") },
        { QStringLiteral("tag_last_pulled"), QJsonValue(QJsonValue::Null) },
        { QStringLiteral("tag_last_pushed"), isoOrNull(tag.lastPushed) },
        { QStringLiteral("media_type"), QStringLiteral("application/vnd.oci.image.index.v1+json") },
        { QStringLiteral("content_type"), QStringLiteral("image") },
    };
    if (tag.topLevelDigest)
        out.insert(QStringLiteral("digest"), tag.digest);
    return out;
}

QJsonObject SimJson::detail(const QString &detail)
{
    return QJsonObject { { QStringLiteral("detail"), detail } };
}

bool SimJson::objectBody(const QByteArray &body, QJsonObject *out)
{
    if (body.trimmed().isEmpty()) {
        *out = {};
        return true;
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return false;
    *out = document.object();
    return true;
}

bool SimJson::parseDuration(const QString &text, qint64 *ms)
{
    static const QRegularExpression pattern(QStringLiteral("^([+-]?)(\\d+)(ms|s|m|h|d)$"));
    const auto match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return false;
    qint64 value = match.captured(2).toLongLong();
    const QString unit = match.captured(3);
    if (unit == QLatin1String("s"))
        value *= 1000;
    else if (unit == QLatin1String("m"))
        value *= 60 * 1000;
    else if (unit == QLatin1String("h"))
        value *= 3600 * 1000;
    else if (unit == QLatin1String("d"))
        value *= 24 * 3600 * 1000;
    *ms = match.captured(1) == QLatin1String("-") ? -value : value;
    return true;
}

bool SimJson::parseTime(const QString &text, const QDateTime &now, QDateTime *time)
{
    qint64 offsetMs = 0;
    if (parseDuration(text, &offsetMs)) {
        *time = now.toUTC().addMSecs(offsetMs);
        return true;
    }
    QDateTime parsed = QDateTime::fromString(text.trimmed(), Qt::ISODateWithMs);
    if (!parsed.isValid())
        return false;
    if (parsed.timeSpec() == Qt::LocalTime)
        parsed.setTimeSpec(Qt::UTC);
    *time = parsed.toUTC();
    return true;
}
