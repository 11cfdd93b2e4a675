// JSON shapes of Docker Hub objects, and the time formats the simulator reads and writes.
#pragma once

#include "SimStore.h"

#include <QJsonObject>
#include <QJsonValue>

class SimJson
{
public:
    // ISO 8601 UTC with a 6-digit fraction, e.g. 2018-04-24T13:34:33.654123Z.
    static QString isoTime(const QDateTime &time);
    static QJsonValue isoOrNull(const QDateTime &time);

    static QJsonObject repository(const SimRepository &repo, bool legacy, bool canEdit);
    static QJsonObject build(const SimBuild &build);
    static QJsonObject tag(const SimTag &tag);
    static QJsonObject detail(const QString &detail);
    // A request body that must be a JSON object; an empty body is an empty object.
    static bool objectBody(const QByteArray &body, QJsonObject *out);

    // "20s", "5m", "250ms", "2h", "1d" (optionally signed) -> milliseconds.
    static bool parseDuration(const QString &text, qint64 *ms);
    // ISO 8601 (UTC unless an offset is given) or a relative offset like "-90m" from now.
    static bool parseTime(const QString &text, const QDateTime &now, QDateTime *time);
};
