#pragma once

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

struct ApiReply
{
    int status = 0; // HTTP status; 0 when no answer came
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QByteArray body;
    QString error; // safe for logs: "HTTP 502 (Bad Gateway)", "timed out"; never the URL
    bool ok() const { return status >= 200 && status < 300; }
};

using ApiCallback = std::function<void(const ApiReply &)>;

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
    void submit(QNetworkRequest request, const QByteArray &verb, const QByteArray &body,
                ApiCallback done);
    void abortAll();

    int inFlight() const { return int(m_running.size()); }
    int pending() const { return int(m_waiting.size()); }
    int requestsSent() const { return m_sent; }
    const RateLimiter &limiter() const { return m_limiter; }

Q_SIGNALS:
    void rateLimited(qint64 waitMs);

private:
    struct Job
    {
        QNetworkRequest request;
        QByteArray verb;
        QByteArray body;
        ApiCallback done;
        int attempts = 0;
    };
    void pump();
    void start(Job job);
    void finished(QNetworkReply *reply);

    QNetworkAccessManager *m_nam;
    RateLimiter m_limiter;
    QQueue<Job> m_waiting;
    QHash<QNetworkReply *, Job> m_running;
    QTimer m_wakeup;
    int m_concurrency = 4;
    qint64 m_timeoutMs = 20000;
    int m_sent = 0;
};

} // namespace hubhook
