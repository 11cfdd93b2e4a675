#pragma once

#include "core/HttpResult.h"

#include <QDateTime>
#include <QNetworkReply>

namespace hubhook {

RateLimitHeaders readRateLimitHeaders(const QNetworkReply *reply, const QDateTime &now);

// Decides when the next request to one API may start. Pure: time is passed in, so tests can
// walk it through a window without waiting.
//  - After a 429: nothing until Retry-After / X-Retry-After (or an exponential guess without
//    either header).
//  - When X-RateLimit-Remaining falls to `reserve` (the requests that may already be in
//    flight): nothing until X-RateLimit-Reset.
//  - When it falls below a quarter of the limit: requests are spread evenly over what is left
//    of the window, so the sweep slows down before a 429 happens.
class RateLimiter
{
public:
    explicit RateLimiter(int reserve = 4) : m_reserve(reserve) { }

    void setReserve(int reserve) { m_reserve = reserve; }
    // `limited`: the answer said "slow down" (isRateLimitAnswer()). A 403 so marked is an API's
    // primary limit: without a reset or Retry-After it waits at least a minute, doubling each time.
    void observe(int httpStatus, const RateLimitHeaders &headers, const QDateTime &now,
                 bool limited);
    void observe(int httpStatus, const RateLimitHeaders &headers, const QDateTime &now)
    {
        observe(httpStatus, headers, now, httpStatus == 429);
    }
    void requestStarted(const QDateTime &now);
    qint64 delayMs(const QDateTime &now) const;
    bool isLimited(const QDateTime &now) const { return delayMs(now) > 0; }
    QDateTime pausedUntil() const { return m_pausedUntil; }

private:
    int m_reserve;
    int m_limit = -1;
    int m_remaining = -1;
    QDateTime m_reset;
    QDateTime m_pausedUntil;
    QDateTime m_lastStart;
    int m_consecutive429 = 0;
};

} // namespace hubhook
