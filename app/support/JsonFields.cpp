#include "support/JsonFields.h"

#include "support/TimeText.h"

#include <cmath>

namespace hubhook {

QString JsonFields::join(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + QLatin1Char('.') + key;
}

QString JsonFields::index(const QString &path, int i)
{
    return QStringLiteral("%1[%2]").arg(path).arg(i);
}

QString JsonFields::typeName(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

void JsonFields::error(const QString &path, const QString &message) const
{
    if (m_errors)
        m_errors->append(path + QStringLiteral(": ") + message);
}

bool JsonFields::expect(const QJsonValue &v, QJsonValue::Type type, const QString &path,
                        bool required) const
{
    if (v.isUndefined()) {
        if (required)
            error(path, QStringLiteral("is required"));
        return false;
    }
    if (v.type() == type)
        return true;
    static const QJsonValue samples[] = { QJsonValue(false), QJsonValue(0.0), QJsonValue(QString()),
                                          QJsonValue(QJsonArray()), QJsonValue(QJsonObject()) };
    QString wanted;
    for (const auto &s : samples) {
        if (s.type() == type)
            wanted = typeName(s);
    }
    error(path, QStringLiteral("expected %1, got %2").arg(wanted, typeName(v)));
    return false;
}

QString JsonFields::string(const QJsonObject &o, const QString &key, const QString &path,
                           bool required) const
{
    const QJsonValue v = o.value(key);
    return expect(v, QJsonValue::String, join(path, key), required) ? v.toString() : QString();
}

QString JsonFields::nullableString(const QJsonObject &o, const QString &key,
                                   const QString &path) const
{
    const QJsonValue v = o.value(key);
    if (v.isNull() || v.isUndefined())
        return {};
    return expect(v, QJsonValue::String, join(path, key), false) ? v.toString() : QString();
}

qint64 JsonFields::integer(const QJsonObject &o, const QString &key, const QString &path,
                           bool required, qint64 fallback) const
{
    const QJsonValue v = o.value(key);
    if (!expect(v, QJsonValue::Double, join(path, key), required))
        return fallback;
    const double d = v.toDouble();
    if (std::floor(d) != d) {
        error(join(path, key), QStringLiteral("expected a whole number, got %1").arg(d));
        return fallback;
    }
    // Past 2^53 a JSON number is no longer exact (and past 2^63 the cast is undefined).
    constexpr double kExact = 9007199254740992.0;
    if (d > kExact || d < -kExact) {
        error(join(path, key), QStringLiteral("number out of range: %1").arg(d));
        return fallback;
    }
    return static_cast<qint64>(d);
}

qint64 JsonFields::integerIn(const QJsonObject &o, const QString &key, const QString &path,
                             qint64 minimum, qint64 maximum, bool required, qint64 fallback) const
{
    const int before = errorCount();
    const qint64 n = integer(o, key, path, required, fallback);
    if (errorCount() != before || !o.contains(key))
        return fallback;
    if (n < minimum || n > maximum) {
        error(join(path, key),
              QStringLiteral("must be between %1 and %2, got %3").arg(minimum).arg(maximum).arg(n));
        return fallback;
    }
    return n;
}

bool JsonFields::boolean(const QJsonObject &o, const QString &key, const QString &path,
                         bool fallback) const
{
    const QJsonValue v = o.value(key);
    return expect(v, QJsonValue::Bool, join(path, key), false) ? v.toBool() : fallback;
}

QJsonObject JsonFields::object(const QJsonObject &o, const QString &key, const QString &path,
                               bool required) const
{
    const QJsonValue v = o.value(key);
    return expect(v, QJsonValue::Object, join(path, key), required) ? v.toObject() : QJsonObject();
}

QJsonArray JsonFields::array(const QJsonObject &o, const QString &key, const QString &path,
                             bool required) const
{
    const QJsonValue v = o.value(key);
    return expect(v, QJsonValue::Array, join(path, key), required) ? v.toArray() : QJsonArray();
}

QStringList JsonFields::stringList(const QJsonObject &o, const QString &key,
                                   const QString &path) const
{
    QStringList out;
    const QJsonArray a = array(o, key, path);
    for (int i = 0; i < a.size(); ++i) {
        if (a.at(i).isString())
            out.append(a.at(i).toString());
        else
            error(index(join(path, key), i),
                  QStringLiteral("expected a string, got %1").arg(typeName(a.at(i))));
    }
    return out;
}

QDateTime JsonFields::time(const QJsonObject &o, const QString &key, const QString &path) const
{
    TimeFraction unused;
    return time(o, key, path, &unused);
}

QDateTime JsonFields::time(const QJsonObject &o, const QString &key, const QString &path,
                           TimeFraction *fraction) const
{
    const QString text = nullableString(o, key, path);
    *fraction = TimeFraction {};
    if (text.isEmpty()) {
        fraction->digits = -1;
        return {};
    }
    *fraction = apiTimeFraction(text);
    const QDateTime t = parseApiTime(text);
    if (!t.isValid())
        error(join(path, key), QStringLiteral("not a date: \"%1\"").arg(text.left(40)));
    return t;
}

std::optional<QJsonDocument> parseJsonAnswer(const QByteArray &body, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error == QJsonParseError::NoError)
        return doc;
    const bool html = body.trimmed().startsWith('<');
    *error = html ? QStringLiteral("expected JSON, got an HTML page")
                  : QStringLiteral("malformed JSON at ")
                    + describeJsonParseError(body, pe.offset, pe.errorString());
    return std::nullopt;
}

QString describeJsonParseError(const QByteArray &data, int offset, const QString &what)
{
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < data.size(); ++i) {
        if (data.at(i) == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return QStringLiteral("line %1, column %2: %3").arg(line).arg(column).arg(what);
}

} // namespace hubhook
