#include "SimHooks.h"

#include <QJsonDocument>
#include <QJsonObject>

QString SimHookReceiver::hookName(const QStringList &segments)
{
    if (segments.size() < 2 || segments.first() != QLatin1String("hooks"))
        return {};
    return segments.at(1);
}

void SimHookReceiver::setResponse(const QString &name, int status, const QByteArray &body,
                                  const QHash<QByteArray, QByteArray> &headers)
{
    SimHttpResponse response;
    response.status = status;
    response.body = body;
    const QByteArray trimmed = body.trimmed();
    if (body.isEmpty())
        response.contentType.clear();
    else if (trimmed.startsWith('{') || trimmed.startsWith('['))
        response.contentType = QByteArrayLiteral("application/json");
    else
        response.contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    for (auto it = headers.cbegin(); it != headers.cend(); ++it) {
        if (it.key().compare("Content-Type", Qt::CaseInsensitive) == 0)
            response.contentType = it.value();
        else
            response.setHeader(it.key(), it.value());
    }
    m_responses.insert(name, response);
}

void SimHookReceiver::clearResponse(const QString &name) { m_responses.remove(name); }

SimHttpResponse SimHookReceiver::response(const QString &name) const
{
    const auto it = m_responses.constFind(name);
    if (it != m_responses.cend())
        return *it;
    return SimHttpWire::json(200, QJsonDocument(QJsonObject { { QStringLiteral("ok"), true } }));
}

SimWebhook SimHookReceiver::record(const QString &name, const SimRequest &request, int status)
{
    SimWebhook hook;
    hook.name = name;
    hook.path = request.path;
    hook.headers = request.headers;
    hook.body = request.body;
    hook.received = QDateTime::currentDateTimeUtc();
    hook.status = status;
    m_hooks.append(hook);
    ++m_counts[name];
    return hook;
}

QList<SimWebhook> SimHookReceiver::webhooks(const QString &name) const
{
    if (name.isEmpty())
        return m_hooks;
    QList<SimWebhook> out;
    for (const SimWebhook &hook : m_hooks) {
        if (hook.name == name)
            out.append(hook);
    }
    return out;
}

int SimHookReceiver::count(const QString &name) const
{
    return name.isEmpty() ? int(m_hooks.size()) : m_counts.value(name);
}

void SimHookReceiver::clear()
{
    m_hooks.clear();
    m_counts.clear();
}
