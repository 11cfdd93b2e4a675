#include "net/RequestQueue.h"
#include "support/Clock.h"

#include "support/Logging.h"
#include "support/NetErrors.h"
#include "support/Redactor.h"

#include <QNetworkAccessManager>

namespace hubhook {

namespace {
constexpr int kMaxRateLimitRetries = 3;
}

RequestQueue::RequestQueue(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent), m_nam(nam)
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

void RequestQueue::submit(QNetworkRequest request, const QByteArray &verb, const QByteArray &body,
                          ApiCallback done)
{
    request.setTransferTimeout(int(m_timeoutMs));
    // Redirects only within the same origin: never carry a token to another host. POSTs (a
    // login, a trigger) are not redirected at all.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         verb == "GET" ? QNetworkRequest::SameOriginRedirectPolicy
                                       : QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader,
                      QByteArray("Hubhook/" HUBHOOK_VERSION " (+https://github.com/hubhook)"));
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    m_waiting.enqueue(Job { request, verb, body, std::move(done), 0 });
    pump();
}

void RequestQueue::abortAll()
{
    m_waiting.clear();
    const auto replies = m_running.keys();
    for (QNetworkReply *r : replies)
        r->abort();
}

void RequestQueue::pump()
{
    while (!m_waiting.isEmpty() && m_running.size() < m_concurrency) {
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
    QNetworkReply *reply = m_nam->sendCustomRequest(job.request, job.verb, job.body);
    m_running.insert(reply, std::move(job));
    connect(reply, &QNetworkReply::finished, this, [this, reply] { finished(reply); });
}

void RequestQueue::finished(QNetworkReply *reply)
{
    reply->deleteLater();
    Job job = m_running.take(reply);
    const QDateTime now = Clock::now();
    ApiReply r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.networkError = reply->error();
    r.body = reply->readAll();
    m_limiter.observe(r.status, readRateLimitHeaders(reply, now), now);

    if (r.status == 429 && job.attempts < kMaxRateLimitRetries) {
        const qint64 wait = m_limiter.delayMs(now);
        qCInfo(lcPoll) << "rate limited by" << safeOrigin(job.request.url()) << "- waiting"
                       << wait / 1000.0 << "s";
        Q_EMIT rateLimited(wait);
        ++job.attempts;
        m_waiting.prepend(std::move(job));
        pump();
        return;
    }
    if (r.status == 0) {
        r.error = describeNetworkError(r.networkError);
    } else if (!r.ok()) {
        const QString reason = QString::fromLatin1(
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
        r.error = reason.isEmpty()
                ? QStringLiteral("HTTP %1").arg(r.status)
                : QStringLiteral("HTTP %1 (%2)").arg(r.status).arg(reason.left(60));
        if (r.status == 429)
            r.error += QStringLiteral(", still rate limited after %1 waits").arg(job.attempts);
    } else if (r.networkError != QNetworkReply::NoError) {
        // A 2xx whose body broke off half way (connection reset mid-body).
        r.error = QStringLiteral("HTTP %1 but %2")
                          .arg(r.status)
                          .arg(describeNetworkError(r.networkError));
        r.status = 0;
    }
    r.error = Redactor::instance().redact(r.error);
    job.done(r);
    pump();
}

} // namespace hubhook
