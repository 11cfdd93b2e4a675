#include "support/Redactor.h"

#include <QMutexLocker>

namespace hubhook {

Redactor &Redactor::instance()
{
    static Redactor r;
    return r;
}

void Redactor::add(const QString &secret)
{
    // Very short values would redact ordinary words; secrets that short are not secrets.
    if (secret.size() < 4)
        return;
    QMutexLocker lock(&m_mutex);
    if (m_secrets.contains(secret))
        return;
    m_secrets.append(secret);
    // Longest first, so a secret containing another is replaced whole.
    std::sort(m_secrets.begin(), m_secrets.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QString Redactor::redact(QString text) const
{
    QMutexLocker lock(&m_mutex);
    for (const QString &s : m_secrets)
        text.replace(s, QStringLiteral("[redacted]"));
    return text;
}

void Redactor::clear()
{
    QMutexLocker lock(&m_mutex);
    m_secrets.clear();
}

QString safeOrigin(const QUrl &url)
{
    return url
            .adjusted(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery
                      | QUrl::RemoveFragment)
            .toString();
}

} // namespace hubhook
