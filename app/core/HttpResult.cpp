#include "core/HttpResult.h"

#include "support/NetErrors.h"

namespace hubhook {

HttpOutcome classifyHttpResult(const HttpResult &r)
{
    if (r.ok())
        return HttpOutcome::Success;
    if (r.status == 429)
        return HttpOutcome::RateLimited;
    if (r.status == 0 || r.status >= 500 || r.status == 408)
        return HttpOutcome::Retryable;
    return HttpOutcome::Permanent;
}

bool isRateLimitAnswer(const HttpResult &r)
{
    if (r.status == 429)
        return true;
    if (r.status != 403)
        return false;
    return r.rateLimit.remaining == 0 || r.rateLimit.retryAfterMs >= 0
            || r.body.contains("rate limit");
}

QString describeHttpResult(const HttpResult &r)
{
    if (r.status == 0)
        return describeNetworkError(r.networkError);
    return QStringLiteral("HTTP %1").arg(r.status);
}

} // namespace hubhook
