#pragma once

#include "core/HttpResult.h"
#include "core/WebhookFormat.h"

#include <QList>
#include <QNetworkReply>
#include <QString>

namespace hubhook {

struct DeliveryDecision
{
    enum Outcome { Delivered, Retry, Failed, DisableTarget } outcome = Retry;
    qint64 delayMs = 0; // Retry: wait this long before the next attempt
    QString reason; // for the record and the log; never a URL
};

// Pure decision of what to do after attempt number `attempts` (1 = the first) of a delivery,
// following Standard Webhooks practice: 2xx only is success; 3xx is a failure and is not
// followed; 410 Gone disables the target; 429/502/503/504 honour Retry-After; other 4xx are
// permanent for chat formats (Slack, Discord, Teams answer them for bad payloads or deleted
// channels) and retried for the others; `schedule[attempts]` (+-20 % by `jitter01` in [0,1))
// is the wait before the next attempt, and after the last step the delivery has failed.
DeliveryDecision decideDelivery(const HttpResult &result, WebhookFormat format, int attempts,
                                const QList<qint64> &schedule, double jitter01);

} // namespace hubhook
