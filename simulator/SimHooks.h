// The simulator's webhook receiver: every POST /hooks/{name}[/...] is recorded and answered
// 200 {"ok": true}, or with the canned response set for that receiver.
#pragma once

#include "HttpWire.h"
#include "SimTypes.h"

#include <QHash>
#include <QList>
#include <QStringList>

class SimHookReceiver
{
public:
    // The {name} of a /hooks/{name}[/...] path given as segments, "" for any other path.
    static QString hookName(const QStringList &segments);

    void setResponse(const QString &name, int status, const QByteArray &body,
                     const QHash<QByteArray, QByteArray> &headers);
    void clearResponse(const QString &name);
    // The canned response for the receiver, or 200 {"ok": true}.
    SimHttpResponse response(const QString &name) const;

    SimWebhook record(const QString &name, const SimRequest &request, int status);
    QList<SimWebhook> webhooks(const QString &name) const; // all when name is empty
    int count(const QString &name) const; // all when name is empty
    void clear();

private:
    QHash<QString, SimHttpResponse> m_responses;
    QList<SimWebhook> m_hooks; // arrival order
    QHash<QString, int> m_counts;
};
