#include "net/RateLimiter.h"

#include <algorithm>

namespace hubhook {

namespace {

// However far a server puts its reset or its Retry-After, the queue waits at most this long
// before it asks again: a hostile or broken header never stalls polling for good.
constexpr qint64 kMaxWaitMs = 3600 * 1000;

int intHeader(const QNetworkReply *reply, const char *name)
{
    bool ok = false;
    const int v = reply->rawHeader(name).trimmed().toInt(&ok);
    return ok ? v : -1;
}

} // namespace

RateLimitHeaders readRateLimitHeaders(const QNetworkReply *reply, const QDateTime &now)
{
    RateLimitHeaders h;
    h.limit = intHeader(reply, "X-RateLimit-Limit");
    h.remaining = intHeader(reply, "X-RateLimit-Remaining");
    bool ok = false;
    const qint64 reset = reply->rawHeader("X-RateLimit-Reset").trimmed().toLongLong(&ok);
    // Times from a server are range-checked: years 1970..9999 (253402300799 s), no overflow.
    constexpr qint64 kMaxEpochSecs = 253402300799LL;
    if (ok && reset > 0 && reset <= kMaxEpochSecs)
        h.reset = QDateTime::fromSecsSinceEpoch(reset, Qt::UTC);

    const QByteArray retryAfter = reply->rawHeader("Retry-After").trimmed();
    if (!retryAfter.isEmpty()) {
        const qint64 seconds = retryAfter.toLongLong(&ok);
        if (ok) {
            h.retryAfterMs = std::clamp<qint64>(seconds, 0, kMaxEpochSecs) * 1000;
        } else {
            const QDateTime at
                    = QDateTime::fromString(QString::fromLatin1(retryAfter), Qt::RFC2822Date);
            if (at.isValid() && at.date().year() >= 1970 && at.date().year() <= 9999)
                h.retryAfterMs = std::max<qint64>(0, now.msecsTo(at));
        }
    }
    if (h.retryAfterMs < 0) {
        const qint64 at = reply->rawHeader("X-Retry-After").trimmed().toLongLong(&ok);
        if (ok && at > 0 && at <= kMaxEpochSecs)
            h.retryAfterMs
                    = std::max<qint64>(0, now.msecsTo(QDateTime::fromSecsSinceEpoch(at, Qt::UTC)));
    }
    return h;
}

void RateLimiter::observe(int httpStatus, const RateLimitHeaders &h, const QDateTime &now,
                          bool limited)
{
    if (h.limit > 0)
        m_limit = h.limit;
    if (h.remaining >= 0) {
        m_remaining = h.remaining;
        m_reset = h.reset;
    }
    if (limited) {
        ++m_consecutive429;
        qint64 wait = h.retryAfterMs;
        // The primary limit is spent: wait for the reset (whole seconds, and the server's clock
        // may be a little ahead of ours: at least a second, plus one).
        if (wait < 0 && h.remaining == 0 && h.reset.isValid())
            wait = std::max<qint64>(0, now.msecsTo(h.reset)) + 1000;
        if (wait < 0 && httpStatus == 429 && h.reset.isValid() && h.reset > now)
            wait = now.msecsTo(h.reset);
        // No header to go by: guess, doubling each time: a plain 429 from 5 s up to 5 min; a
        // secondary limit (a 403) from 1 min up to 16 min.
        const qint64 base = httpStatus == 403 ? 60000 : 5000;
        if (wait < 0)
            wait = std::min<qint64>(base << std::min(m_consecutive429 - 1, 6),
                                    std::max<qint64>(300000, base * 16));
        // Cap a hostile or broken header at one hour.
        wait = std::min<qint64>(wait, kMaxWaitMs);
        m_pausedUntil = std::max(m_pausedUntil.isValid() ? m_pausedUntil : now, now.addMSecs(wait));
        if (h.remaining < 0) // else the server said what is left (a secondary limit leaves some)
            m_remaining = 0;
    } else if (httpStatus > 0) {
        m_consecutive429 = 0;
    }
}

void RateLimiter::requestStarted(const QDateTime &now)
{
    m_lastStart = now;
    if (m_remaining > 0)
        --m_remaining; // the answer will correct it; this keeps concurrent starts honest
}

qint64 RateLimiter::delayMs(const QDateTime &now) const
{
    if (m_pausedUntil.isValid() && m_pausedUntil > now)
        return now.msecsTo(m_pausedUntil);
    if (m_remaining < 0 || !m_reset.isValid() || m_reset <= now)
        return 0; // no budget known, or the window it described is over
    const qint64 untilReset = std::min<qint64>(now.msecsTo(m_reset), kMaxWaitMs);
    if (m_remaining <= m_reserve)
        return untilReset;
    const int quarter = m_limit > 0 ? m_limit / 4 : m_reserve * 4;
    if (m_remaining >= quarter || !m_lastStart.isValid())
        return 0;
    const qint64 spacing = untilReset / (m_remaining - m_reserve);
    return std::max<qint64>(0, spacing - m_lastStart.msecsTo(now));
}

} // namespace hubhook
