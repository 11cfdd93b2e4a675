#pragma once

#include "config/Config.h"
#include "net/HttpClient.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace hubhook {

// A webhook target with its secrets filled in (engine/Endpoint).
struct WebhookTarget
{
    WebhookConfig config;
    QUrl url; // without user info
    QString signingSecret;
    QList<QPair<QByteArray, QByteArray>> headers; // incl. Basic auth from user:password
    QString error; // a secret it needs is missing: deliveries wait
};

WebhookTarget resolveWebhookTarget(const WebhookConfig &config,
                                   const QHash<QString, QString> &secrets);

// One attempt to deliver `body` (the payload of event `id`) to `target`: a POST with the
// Standard Webhooks id and timestamp headers, signed when the target has a secret. The outbox
// sends these; so do *Send test* and `hubhook webhook test`.
HttpRequest webhookRequest(const WebhookTarget &target, const QString &id, const QByteArray &body);

} // namespace hubhook
