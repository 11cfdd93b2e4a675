#include "net/RequestQueue.h"
#include "support/Clock.h"

#include "support/Logging.h"
#include "support/Redactor.h"

#include <QNetworkAccessManager>

namespace hubhook {

namespace {
constexpr int kMaxRateLimitRetries = 3;
}

RequestQueue::RequestQueue(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent), m_http(nam)
{
    m_wakeup.setSingleShot(true);
    m_wakeup.setTimerType(Qt::CoarseTimer);
    connect(&m_wakeup, &QTimer::timeout, this, &RequestQueue::pump);
    m_limiter.setReserve(m_concurrency);
}

void RequestQueue::setConcurrency(int n)
{
    m_concurrency = std::max(1, n);
    m_limiter.setReserve(m_concurrency);
}

void RequestQueue::submit(HttpRequest request, ApiCallback done)
{
    request.timeoutMs = m_timeoutMs;
    request.followSameOriginRedirects = request.verb == "GET";
    const bool hasAccept = std::any_of(request.headers.begin(), request.headers.end(),
                                       [](const auto &h) { return h.first == "Accept"; });
    if (!hasAccept)
        request.headers.append({ QByteArray("Accept"), QByteArray("application/json") });
    m_waiting.enqueue(Job { std::move(request), std::move(done), 0 });
    pump();
}

void RequestQueue::abortAll()
{
    m_waiting.clear();
    m_http.abortAll();
}

void RequestQueue::pump()
{
    while (!m_waiting.isEmpty() && m_running < m_concurrency) {
        const QDateTime now = Clock::now();
        const qint64 delay = m_limiter.delayMs(now);
        if (delay > 0) {
            if (!m_wakeup.isActive() || m_wakeup.remainingTime() > delay)
                m_wakeup.start(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
            return;
        }
        m_limiter.requestStarted(now);
        start(m_waiting.dequeue());
    }
}

void RequestQueue::start(Job job)
{
    ++m_sent;
    ++m_running;
    const HttpRequest request = job.request;
    m_http.send(request, [this, job = std::move(job)](const HttpResult &result) mutable {
        --m_running;
        finished(std::move(job), result);
    });
}

void RequestQueue::finished(Job job, const HttpResult &result)
{
    const QDateTime now = Clock::now();
    HttpResult r = result;
    const bool limited = isRateLimitAnswer(r);
    m_limiter.observe(r.status, r.rateLimit, now, limited);
    if (limited && job.attempts < kMaxRateLimitRetries) {
        const qint64 wait = m_limiter.delayMs(now);
        qCInfo(lcPoll) << "rate limited by" << safeOrigin(job.request.url) << "- waiting"
                       << wait / 1000.0 << "s";
        Q_EMIT rateLimited(wait);
        ++job.attempts;
        m_waiting.prepend(std::move(job));
        pump();
        return;
    }
    if (limited)
        r.error += QStringLiteral(", still rate limited after %1 waits").arg(job.attempts);
    if (r.ok() && r.bodyTooLarge)
        r.status = 0; // an API answer is its body: one that could not be read is none
    // The next request goes out before this answer is parsed: the network keeps working while
    // this thread does, and a sweep takes the time of its requests, not requests plus parsing.
    pump();
    job.done(r);
    pump();
}

} // namespace hubhook
