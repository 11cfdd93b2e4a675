// Typed access to JSON values that records the first error together with its JSON path,
// e.g. "namespaces.acme.repositories[0].builds[1].status: expected a number".
#pragma once

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <initializer_list>

class SimJsonReader
{
public:
    // now anchors relative times such as "-90m".
    explicit SimJsonReader(const QDateTime &now) : m_now(now) { }

    static QString join(const QString &path, const QString &key); // "a.b"
    static QString index(const QString &path, qsizetype i); // "a[3]"

    QString error; // the first failure, "path: message"

    bool fail(const QString &path, const QString &message);
    // Unknown keys are errors, so that typos do not pass silently.
    bool keys(const QJsonObject &o, const QString &path,
              std::initializer_list<const char *> allowed);
    bool object(const QJsonValue &v, const QString &path, QJsonObject *out);
    bool array(const QJsonValue &v, const QString &path, QJsonArray *out);
    // The optional readers leave *out untouched when the key is absent.
    bool string(const QJsonObject &o, const char *key, const QString &path, QString *out,
                bool required = false);
    bool number(const QJsonObject &o, const char *key, const QString &path, qint64 *out,
                bool required = false);
    bool integer(const QJsonObject &o, const char *key, const QString &path, int *out,
                 bool required = false);
    bool real(const QJsonObject &o, const char *key, const QString &path, double *out);
    bool boolean(const QJsonObject &o, const char *key, const QString &path, bool *out);
    bool stringList(const QJsonObject &o, const char *key, const QString &path, QStringList *out);
    // ISO 8601 or relative ("-90m"). With present given, JSON null is accepted (invalid time).
    bool time(const QJsonObject &o, const char *key, const QString &path, QDateTime *out,
              bool *present = nullptr);
    bool duration(const QJsonObject &o, const char *key, const QString &path, qint64 *out);
    bool nullableString(const QJsonObject &o, const char *key, const QString &path, QString *out);

private:
    QDateTime m_now;
};
