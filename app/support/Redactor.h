#pragma once

#include <QMutex>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hubhook {

// Last line of defence for secrets in output: every secret value the process learns (tokens,
// JWTs, secret URLs) is registered here, and every log line and error message passes through
// redact() before it is written anywhere.
class Redactor
{
public:
    static Redactor &instance();
    void add(const QString &secret);
    QString redact(QString text) const;
    void clear();

private:
    mutable QMutex m_mutex;
    QStringList m_secrets;
};

// What may be shown of a URL: scheme, host and port only ("https://hub.docker.com").
QString safeOrigin(const QUrl &url);

} // namespace hubhook
