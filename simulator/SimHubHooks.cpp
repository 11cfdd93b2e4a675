// The hub's webhook receiver.
#include "SimulatedHub.h"

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
