#include "SimRateLimiter.h"

void SimRateLimiter::configure(int limitPerWindow, int windowSeconds)
{
    m_limit = qMax(0, limitPerWindow);
    m_windowSeconds = qMax(1, windowSeconds);
    m_windowEndMs = 0;
    m_used = 0;
}

SimRateLimiter::Hit SimRateLimiter::hit(qint64 nowMs)
{
    Hit result;
    if (m_limit <= 0)
        return result;
    if (nowMs >= m_windowEndMs) {
        m_windowEndMs = nowMs + qint64(m_windowSeconds) * 1000;
        m_used = 0;
    }
    ++m_used;
    result.enabled = true;
    result.allowed = m_used <= m_limit;
    result.limit = m_limit;
    result.remaining = qMax(0, m_limit - m_used);
    result.resetUnix = (m_windowEndMs + 999) / 1000;
    result.retryAfterSeconds = int(qMax<qint64>(1, (m_windowEndMs - nowMs + 999) / 1000));
    return result;
}
