#include "core/DeliveryPolicy.h"

namespace hubhook {

DeliveryDecision decideDelivery(const HttpResult &r, WebhookFormat format, int attempts,
                                const QList<qint64> &schedule, double jitter01)
{
    DeliveryDecision d;
    d.reason = describeHttpResult(r);
    if (r.ok()) {
        d.outcome = DeliveryDecision::Delivered;
        return d;
    }
    if (r.status == 410) {
        d.outcome = DeliveryDecision::DisableTarget;
        d.reason = QStringLiteral("HTTP 410 Gone: the receiver says this webhook no longer exists");
        return d;
    }
    if (r.status >= 300 && r.status < 400)
        d.reason += QStringLiteral(" (redirects are not followed)");
    const bool slowDown = r.status == 429 || r.status == 502 || r.status == 503 || r.status == 504;
    if (r.status >= 400 && r.status < 500 && !slowDown && isChatFormat(format)) {
        d.outcome = DeliveryDecision::Failed;
        d.reason += QStringLiteral(" (the service refused the message; not retried)");
        return d;
    }
    if (attempts >= schedule.size()) {
        d.outcome = DeliveryDecision::Failed;
        d.reason += QStringLiteral(" (gave up after %1 attempts)").arg(attempts);
        return d;
    }
    const qint64 step = schedule.at(attempts);
    qint64 delay = qint64(double(step) * (0.8 + 0.4 * std::clamp(jitter01, 0.0, 1.0)));
    if (slowDown && r.rateLimit.retryAfterMs > delay)
        delay = std::min<qint64>(r.rateLimit.retryAfterMs, 24LL * 3600 * 1000);
    d.outcome = DeliveryDecision::Retry;
    d.delayMs = delay;
    return d;
}

} // namespace hubhook
