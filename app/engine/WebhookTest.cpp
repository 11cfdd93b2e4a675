#include "engine/WebhookTest.h"

#include "core/Payloads.h"
#include "engine/WebhookRequest.h"
#include "net/HttpClient.h"
#include "support/Clock.h"
#include "support/Redactor.h"

#include <QPointer>

namespace hubhook {

void sendWebhookTest(QNetworkAccessManager *nam, const WebhookConfig &webhook,
                     const QHash<QString, QString> &secrets, QObject *context,
                     std::function<void(const WebhookTestResult &)> done)
{
    const WebhookTarget target = resolveWebhookTarget(webhook, secrets);
    if (!target.error.isEmpty())
        return done({ false, false, target.error, {} });
    auto *http = new HttpClient(nam, context);
    const Event event = sampleEvent(Clock::now());
    QPointer<QObject> alive(context);
    const QString origin = safeOrigin(target.url);
    http->send(
            webhookRequest(target, event.id, renderPayload(webhook.format, event)),
            [http, alive, origin, done](const HttpResult &r) {
                if (!alive) // the context is going, and `http` with it
                    return;
                http->deleteLater();
                done({ r.ok(), true,
                       QStringLiteral("%1 in %2 ms").arg(describeHttpResult(r)).arg(r.durationMs),
                       origin });
            });
}

} // namespace hubhook
