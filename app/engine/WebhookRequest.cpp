#include "engine/WebhookRequest.h"

#include "core/Signature.h"
#include "engine/Endpoint.h"
#include "support/Clock.h"
#include "support/Logging.h"

namespace hubhook {

namespace {
// A receiver's answer is only read for its status: a little of it is plenty.
constexpr qint64 kMaxReceiverReplyBytes = 64 * 1024;
} // namespace

WebhookTarget resolveWebhookTarget(const WebhookConfig &c, const QHash<QString, QString> &secrets)
{
    WebhookTarget t;
    t.config = c;
    const QString what = QStringLiteral("webhook \"%1\"").arg(c.name);
    const Endpoint e = resolveEndpoint(what, c.url, c.urlSecret, c.headers, secrets);
    t.url = e.url;
    t.headers = e.headers;
    t.error = e.error;
    if (!c.signSecret.isEmpty())
        t.signingSecret = resolveSecret(what, c.signSecret, secrets, &t.error);
    return t;
}

HttpRequest webhookRequest(const WebhookTarget &target, const QString &id, const QByteArray &body)
{
    HttpRequest request;
    request.url = target.url;
    request.verb = "POST";
    request.body = body;
    request.timeoutMs = target.config.timeoutMs;
    request.insecureTls = target.config.insecureTls;
    request.maxReplyBytes = kMaxReceiverReplyBytes;
    request.statusOnly = true;
    // The whole attempt: twice the timeout (HttpRequest's default), however slowly it drips.
    request.deadlineMs = 2 * target.config.timeoutMs;
    request.headers = target.headers;
    request.headers.append({ QByteArray("Content-Type"), QByteArray("application/json") });
    const qint64 timestamp = Clock::now().toSecsSinceEpoch();
    request.headers.append({ "webhook-id", id.toUtf8() });
    request.headers.append({ "webhook-timestamp", QByteArray::number(timestamp) });
    if (!target.signingSecret.isEmpty()) {
        QString error;
        const QString signature
                = standardWebhookSignature(target.signingSecret, id, timestamp, body, &error);
        if (signature.isEmpty())
            qCWarning(lcDelivery).noquote()
                    << QStringLiteral("webhook \"%1\": %2").arg(target.config.name, error);
        else
            request.headers.append({ "webhook-signature", signature.toLatin1() });
    }
    return request;
}

} // namespace hubhook
