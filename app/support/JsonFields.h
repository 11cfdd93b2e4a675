#pragma once

#include "support/TimeText.h"

#include <optional>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace hubhook {

// Reads fields out of untrusted JSON and records what is wrong with each, naming it by its
// JSON path ("results[3].status: expected a number, got a string"). Used for API payloads,
// config files and state files alike, so every message has the same shape.
class JsonFields
{
public:
    explicit JsonFields(QStringList *errors) : m_errors(errors) { }

    QString string(const QJsonObject &o, const QString &key, const QString &path,
                   bool required = false) const;
    // A string, or null/missing (returns an empty string without an error).
    QString nullableString(const QJsonObject &o, const QString &key, const QString &path) const;
    qint64 integer(const QJsonObject &o, const QString &key, const QString &path,
                   bool required = false, qint64 fallback = 0) const;
    // An integer within [minimum, maximum]: anything else is an error naming the field (and
    // `fallback`). Read as qint64 first, so 4294967297 is never taken for 1.
    qint64 integerIn(const QJsonObject &o, const QString &key, const QString &path, qint64 minimum,
                     qint64 maximum, bool required = false, qint64 fallback = 0) const;
    bool boolean(const QJsonObject &o, const QString &key, const QString &path,
                 bool fallback = false) const;
    QJsonObject object(const QJsonObject &o, const QString &key, const QString &path,
                       bool required = false) const;
    QJsonArray array(const QJsonObject &o, const QString &key, const QString &path,
                     bool required = false) const;
    QStringList stringList(const QJsonObject &o, const QString &key, const QString &path) const;
    // An API time (parseApiTime), or null/missing (an invalid QDateTime without an error).
    QDateTime time(const QJsonObject &o, const QString &key, const QString &path) const;
    // The same, and what the text had below the millisecond (digits -1 for null).
    QDateTime time(const QJsonObject &o, const QString &key, const QString &path,
                   TimeFraction *fraction) const;

    void error(const QString &path, const QString &message) const;
    // The errors recorded so far (to tell whether a step added any).
    int errorCount() const { return m_errors ? int(m_errors->size()) : 0; }

    static QString join(const QString &path, const QString &key);
    static QString index(const QString &path, int i);
    static QString typeName(const QJsonValue &v);

private:
    bool expect(const QJsonValue &v, QJsonValue::Type type, const QString &path,
                bool required) const;
    QStringList *m_errors;
};

// "line 3, column 14: unterminated string" for a parse error at `offset` of `data`.
QString describeJsonParseError(const QByteArray &data, int offset, const QString &what);

// A server's answer as JSON, or why not: "expected JSON, got an HTML page" (an error page), or
// "malformed JSON at line 1, column 8: ...".
std::optional<QJsonDocument> parseJsonAnswer(const QByteArray &body, QString *error);

} // namespace hubhook
