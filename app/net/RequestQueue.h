#pragma once

#include "net/HttpClient.h"
#include "net/RateLimiter.h"

#include <functional>
#include <QByteArray>
#include <QHash>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QQueue>
#include <QTimer>

class QNetworkAccessManager;

namespace hubhook {

using ApiCallback = std::function<void(const HttpResult &)>;

// Runs the requests of one API: at most `concurrency` at once, paced by a RateLimiter, each
// with a transfer timeout and a same-origin redirect policy. A 429 pauses the whole queue and
// the request is sent again once the wait is over (up to three times). Other failures are
// handed back to the caller.
class RequestQueue : public QObject
{
    Q_OBJECT
public:
    RequestQueue(QNetworkAccessManager *nam, QObject *parent = nullptr);

    void setConcurrency(int n);
    void setTimeout(qint64 ms) { m_timeoutMs = ms; }
    // GETs follow redirects within their origin; the timeout is the queue's.
    void submit(HttpRequest request, ApiCallback done);
    void abortAll();

    int inFlight() const { return m_running; }
    int pending() const { return int(m_waiting.size()); }
    int requestsSent() const { return m_sent; }
    const RateLimiter &limiter() const { return m_limiter; }

Q_SIGNALS:
    void rateLimited(qint64 waitMs);

private:
    struct Job
    {
        HttpRequest request;
        ApiCallback done;
        int attempts = 0;
    };
    void pump();
    void start(Job job);
    void finished(Job job, const HttpResult &result);

    QNetworkAccessManager *m_nam;
    RateLimiter m_limiter;
    QQueue<Job> m_waiting;
    HttpClient m_http;
    int m_running = 0;
    QTimer m_wakeup;
    int m_concurrency = 4;
    qint64 m_timeoutMs = 20000;
    int m_sent = 0;
};

} // namespace hubhook
