// The hub's webhook receiver and TLS set-up.
#include "SimulatedHub.h"

#include "SimTls.h"

#include <QSslKey>

bool SimulatedHub::enableTls(QString *error)
{
    if (m_tls)
        return true;
    if (m_port != 0) {
        if (error)
            *error = QStringLiteral("enableTls() must be called before listen()");
        return false;
    }
#if QT_CONFIG(ssl)
    QSslCertificate certificate;
    QSslKey key;
    if (!SimTls::generateSelfSigned(&certificate, &key, error))
        return false;
    sslSetup(certificate, key);
    m_certificate = certificate;
    m_tls = true;
    return true;
#else
    if (error)
        *error = QStringLiteral("this Qt build has no TLS support");
    return false;
#endif
}

QUrl SimulatedHub::hookUrl(const QString &name) const
{
    QUrl url = baseUrl();
    url.setPath(QStringLiteral("/hooks/") + name);
    return url;
}

void SimulatedHub::setHookResponse(const QString &name, int status, const QByteArray &body,
                                   const QHash<QByteArray, QByteArray> &headers)
{
    m_hooks.setResponse(name, status, body, headers);
}

void SimulatedHub::clearHookResponse(const QString &name) { m_hooks.clearResponse(name); }

QList<SimWebhook> SimulatedHub::webhooks(const QString &name) const
{
    return m_hooks.webhooks(name);
}

int SimulatedHub::webhookCount(const QString &name) const { return m_hooks.count(name); }

void SimulatedHub::clearWebhooks() { m_hooks.clear(); }
