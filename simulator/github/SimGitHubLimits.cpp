#include "SimGitHubLimits.h"

void SimGitHubLimits::configure(int anonymousPerWindow, int tokenPerWindow, int windowSeconds)
{
    m_enabled = true;
    m_anonymousLimit = qMax(0, anonymousPerWindow);
    m_tokenLimit = qMax(0, tokenPerWindow);
    m_windowSeconds = qMax(1, windowSeconds);
    m_windows.clear();
}

void SimGitHubLimits::disable()
{
    m_enabled = false;
    m_windows.clear();
    m_secondaryLeft = 0;
}

SimGitHubLimits::Window &SimGitHubLimits::window(const QString &token, qint64 nowMs)
{
    Window &entry = m_windows[token];
    if (entry.startMs == 0 || nowMs >= entry.startMs + qint64(m_windowSeconds) * 1000)
        entry = Window { nowMs, 0 };
    return entry;
}

SimGitHubLimits::State SimGitHubLimits::state(const QString &token, qint64 nowMs)
{
    if (!m_enabled)
        return {};
    const Window &entry = window(token, nowMs);
    State out;
    out.enabled = true;
    out.limit = token.isEmpty() ? m_anonymousLimit : m_tokenLimit;
    out.used = entry.used;
    out.remaining = qMax(0, out.limit - entry.used);
    out.resetUnix = entry.startMs / 1000 + m_windowSeconds;
    return out;
}

void SimGitHubLimits::consume(const QString &token, qint64 nowMs)
{
    if (!m_enabled)
        return;
    ++window(token, nowMs).used;
    ++m_points[token];
}

void SimGitHubLimits::setSecondary(int requests, int retryAfterSeconds)
{
    m_secondaryLeft = qMax(0, requests);
    m_secondaryRetryAfter = retryAfterSeconds;
}

bool SimGitHubLimits::takeSecondary(int *retryAfterSeconds)
{
    if (m_secondaryLeft <= 0)
        return false;
    --m_secondaryLeft;
    *retryAfterSeconds = m_secondaryRetryAfter;
    return true;
}
