#pragma once

#include <QByteArray>
#include <QString>

namespace hubhook {

// Standard Webhooks signature: "v1," + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")),
// where the key is the base64-decoded part of a "whsec_..." secret. Returns an empty string and
// sets *error when the secret is not valid base64.
QString standardWebhookSignature(const QString &secret, const QString &messageId, qint64 timestamp,
                                 const QByteArray &body, QString *error);

} // namespace hubhook
