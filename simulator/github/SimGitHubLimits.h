// GitHub's rate limits: a primary fixed window per token (one shared bucket for anonymous
// callers) announced in x-ratelimit-* headers, and a canned secondary limit.
#pragma once

#include <QHash>
#include <QString>

class SimGitHubLimits
{
public:
    struct State
    {
        bool enabled = false;
        int limit = 0;
        int used = 0;
        int remaining = 0;
        qint64 resetUnix = 0; // window start + window length, unix seconds
    };

    void configure(int anonymousPerWindow, int tokenPerWindow, int windowSeconds);
    void disable(); // no primary limit and no headers; a pending secondary limit is dropped
    bool isEnabled() const { return m_enabled; }
    void setExceededStatus(int status) { m_exceededStatus = status; }
    int exceededStatus() const { return m_exceededStatus; }

    // The bucket's window as of nowMs (a new window starts once the old one is over). An empty
    // token is the anonymous bucket.
    State state(const QString &token, qint64 nowMs);
    void consume(const QString &token, qint64 nowMs);
    int pointsUsed(const QString &token) const { return m_points.value(token); }
    void resetPoints() { m_points.clear(); }

    void setSecondary(int requests, int retryAfterSeconds);
    // True when this request hits the secondary limit; *retryAfterSeconds < 0: no header.
    bool takeSecondary(int *retryAfterSeconds);

private:
    struct Window
    {
        qint64 startMs = 0;
        int used = 0;
    };

    Window &window(const QString &token, qint64 nowMs);

    bool m_enabled = true;
    int m_anonymousLimit = 60;
    int m_tokenLimit = 5000;
    int m_windowSeconds = 3600;
    int m_exceededStatus = 403;
    QHash<QString, Window> m_windows;
    QHash<QString, int> m_points; // consumed since the last resetPoints(), per bucket
    int m_secondaryLeft = 0;
    int m_secondaryRetryAfter = -1;
};
