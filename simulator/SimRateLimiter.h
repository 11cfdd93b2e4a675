// Fixed-window rate limit as Docker Hub announces it in X-RateLimit-* headers.
#pragma once

#include <QtGlobal>

class SimRateLimiter
{
public:
    struct Hit
    {
        bool enabled = false;
        bool allowed = true;
        int limit = 0;
        int remaining = 0;
        qint64 resetUnix = 0; // end of the current window, unix seconds
        int retryAfterSeconds = 0; // seconds until resetUnix (at least 1)
    };

    // limit 0 disables.
    void configure(int limitPerWindow, int windowSeconds);
    bool isEnabled() const { return m_limit > 0; }
    // Counts one request at nowMs (unix milliseconds).
    Hit hit(qint64 nowMs);

private:
    int m_limit = 0;
    int m_windowSeconds = 60;
    qint64 m_windowEndMs = 0;
    int m_used = 0;
};
