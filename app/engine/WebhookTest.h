#pragma once

#include "config/Config.h"

#include <functional>
#include <QHash>
#include <QString>

class QNetworkAccessManager;
class QObject;

namespace hubhook {

// What a webhook test came to: "HTTP 204 in 85 ms", or why nothing was sent (a secret it needs
// is missing), never with the URL or a secret in it.
struct WebhookTestResult
{
    bool ok = false;
    bool sent = false; // false: nothing was sent, `text` says why
    QString text;
    QString origin; // "https://hooks.example.com": where it went, without path or credentials
};

// Sends a sample event to `webhook` as the outbox would (rendered, signed, the same headers
// and bounds), outside the outbox: the settings dialog's *Send test* and `hubhook webhook
// test`. `done` is called once, on `context`'s thread; nothing is called after `context` is
// destroyed.
void sendWebhookTest(QNetworkAccessManager *nam, const WebhookConfig &webhook,
                     const QHash<QString, QString> &secrets, QObject *context,
                     std::function<void(const WebhookTestResult &)> done);

} // namespace hubhook
