#include "SimJsonReader.h"

#include "SimJson.h"

#include <cmath>

QString SimJsonReader::join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString SimJsonReader::index(const QString &path, qsizetype i)
{
    return path + QLatin1Char('[') + QString::number(i) + QLatin1Char(']');
}

bool SimJsonReader::fail(const QString &path, const QString &message)
{
    if (error.isEmpty())
        error = (path.isEmpty() ? QStringLiteral("(root)") : path) + QStringLiteral(": ") + message;
    return false;
}

bool SimJsonReader::keys(const QJsonObject &o, const QString &path,
                         std::initializer_list<const char *> allowed)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const char *key : allowed)
            known = known || it.key() == QLatin1String(key);
        if (!known)
            return fail(join(path, it.key()), QStringLiteral("unknown key"));
    }
    return true;
}

bool SimJsonReader::object(const QJsonValue &v, const QString &path, QJsonObject *out)
{
    if (!v.isObject())
        return fail(path, QStringLiteral("expected an object"));
    *out = v.toObject();
    return true;
}

bool SimJsonReader::array(const QJsonValue &v, const QString &path, QJsonArray *out)
{
    if (!v.isArray())
        return fail(path, QStringLiteral("expected an array"));
    *out = v.toArray();
    return true;
}

bool SimJsonReader::string(const QJsonObject &o, const char *key, const QString &path, QString *out,
                           bool required)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return !required || fail(join(path, QLatin1String(key)), QStringLiteral("missing"));
    if (!v.isString())
        return fail(join(path, QLatin1String(key)), QStringLiteral("expected a string"));
    *out = v.toString();
    return true;
}

bool SimJsonReader::number(const QJsonObject &o, const char *key, const QString &path, qint64 *out,
                           bool required)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const QString where = join(path, QLatin1String(key));
    if (v.isUndefined())
        return !required || fail(where, QStringLiteral("missing"));
    if (!v.isDouble())
        return fail(where, QStringLiteral("expected a number"));
    const double d = v.toDouble();
    if (d != std::floor(d) || std::fabs(d) > 9e15)
        return fail(where, QStringLiteral("expected an integer"));
    *out = qint64(d);
    return true;
}

bool SimJsonReader::integer(const QJsonObject &o, const char *key, const QString &path, int *out,
                            bool required)
{
    qint64 value = *out;
    if (!number(o, key, path, &value, required))
        return false;
    if (value < INT_MIN || value > INT_MAX)
        return fail(join(path, QLatin1String(key)), QStringLiteral("out of range"));
    *out = int(value);
    return true;
}

bool SimJsonReader::real(const QJsonObject &o, const char *key, const QString &path, double *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isDouble())
        return fail(join(path, QLatin1String(key)), QStringLiteral("expected a number"));
    *out = v.toDouble();
    return true;
}

bool SimJsonReader::boolean(const QJsonObject &o, const char *key, const QString &path, bool *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (v.isUndefined())
        return true;
    if (!v.isBool())
        return fail(join(path, QLatin1String(key)), QStringLiteral("expected true or false"));
    *out = v.toBool();
    return true;
}

bool SimJsonReader::stringList(const QJsonObject &o, const char *key, const QString &path,
                               QStringList *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const QString where = join(path, QLatin1String(key));
    if (v.isUndefined())
        return true;
    QJsonArray items;
    if (!array(v, where, &items))
        return false;
    out->clear();
    for (qsizetype i = 0; i < items.size(); ++i) {
        if (!items.at(i).isString())
            return fail(index(where, i), QStringLiteral("expected a string"));
        out->append(items.at(i).toString());
    }
    return true;
}

bool SimJsonReader::time(const QJsonObject &o, const char *key, const QString &path, QDateTime *out,
                         bool *present)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const QString where = join(path, QLatin1String(key));
    if (present)
        *present = !v.isUndefined();
    if (v.isUndefined())
        return true;
    if (v.isNull() && present) {
        *out = QDateTime();
        return true;
    }
    if (!v.isString() || !SimJson::parseTime(v.toString(), m_now, out))
        return fail(where,
                    QStringLiteral("expected an ISO 8601 time or a relative time like \"-90m\""));
    return true;
}

bool SimJsonReader::duration(const QJsonObject &o, const char *key, const QString &path,
                             qint64 *out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    const QString where = join(path, QLatin1String(key));
    if (v.isUndefined())
        return fail(where, QStringLiteral("missing"));
    if (!v.isString() || !SimJson::parseDuration(v.toString(), out) || *out < 0)
        return fail(where, QStringLiteral("expected a duration like \"20s\", \"2m\" or \"500ms\""));
    return true;
}

bool SimJsonReader::nullableString(const QJsonObject &o, const char *key, const QString &path,
                                   QString *out)
{
    if (o.value(QLatin1String(key)).isNull()) {
        out->clear();
        return true;
    }
    return string(o, key, path, out);
}
