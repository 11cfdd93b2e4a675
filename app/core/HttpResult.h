#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QNetworkReply>
#include <QString>

namespace hubhook {

// What a server said about its rate limit, from the reply's headers.
struct RateLimitHeaders
{
    int limit = -1; // X-RateLimit-Limit
    int remaining = -1; // X-RateLimit-Remaining
    QDateTime reset; // X-RateLimit-Reset (unix seconds)
    qint64 retryAfterMs = -1; // Retry-After (seconds or HTTP date) or X-Retry-After (unix time)
};

// What came back from one HTTP request, whatever it was for (polling, a webhook delivery, a
// trigger): the one result type of net/HttpClient.
struct HttpResult
{
    int status = 0; // HTTP status; 0 when no answer came
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QByteArray body; // at most the request's bound
    QString error; // safe for logs: "HTTP 502 (Bad Gateway)", "timed out"; never the URL
    RateLimitHeaders rateLimit; // with Retry-After, when the server sent one
    qint64 durationMs = 0;
    // The body was longer than the request's bound and was not read (status stays what the
    // server answered: a receiver's 2xx is still a 2xx).
    bool bodyTooLarge = false;
    QByteArray etag; // ETag, for a conditional request next time (If-None-Match)
    QByteArray link; // Link (RFC 8288): where the next page is

    bool ok() const { return status >= 200 && status < 300; }
};

// The one classification of outcomes.
enum class HttpOutcome {
    Success, // 2xx
    RateLimited, // 429: wait for rateLimit.retryAfterMs (or back off)
    Retryable, // no answer, 5xx, 408: may work later
    Permanent, // other 3xx and 4xx: asking again will not help
};
HttpOutcome classifyHttpResult(const HttpResult &result);

// An API's "slow down": a 429, or a 403 with X-RateLimit-Remaining 0 (a primary limit),
// with Retry-After, or whose message names a rate limit (a secondary limit).
bool isRateLimitAnswer(const HttpResult &result);

// "HTTP 503", "timed out", "TLS handshake failed (certificate not trusted?)".
QString describeHttpResult(const HttpResult &result);

} // namespace hubhook
