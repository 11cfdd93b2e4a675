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

QString describeHttpResult(const HttpResult &r)
{
    if (r.status == 0)
        return describeNetworkError(r.networkError);
    return QStringLiteral("HTTP %1").arg(r.status);
}

} // namespace hubhook
