#include "net/HttpClient.h"

#include "net/RateLimiter.h"
#include "support/Clock.h"
#include "support/Logging.h"
#include "support/NetErrors.h"
#include "support/Redactor.h"

#include <memory>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace hubhook {

namespace {

QNetworkRequest toNetworkRequest(const HttpRequest &r)
{
    QNetworkRequest request(r.url);
    request.setTransferTimeout(int(std::clamp<qint64>(r.timeoutMs, 1, 24LL * 3600 * 1000)));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         r.followSameOriginRedirects ? QNetworkRequest::SameOriginRedirectPolicy
                                                     : QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, HttpClient::userAgent());
    for (const auto &[name, value] : r.headers)
        request.setRawHeader(name, value);
    if (!r.body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    return request;
}

// The safe description: "HTTP 502 (Bad Gateway)", "timed out", "HTTP 200 but the connection
// closed early"; never a URL (QNetworkReply::errorString() has one).
QString describe(const HttpResult &r, const QNetworkReply *reply)
{
    if (r.status == 0)
        return describeNetworkError(r.networkError);
    if (!r.ok()) {
        const QString reason = QString::fromLatin1(
                reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
        return reason.isEmpty() ? QStringLiteral("HTTP %1").arg(r.status)
                                : QStringLiteral("HTTP %1 (%2)").arg(r.status).arg(reason.left(60));
    }
    if (r.networkError != QNetworkReply::NoError) // a 2xx whose body broke off half way
        return QStringLiteral("HTTP %1 but %2")
                .arg(r.status)
                .arg(describeNetworkError(r.networkError));
    return {};
}

} // namespace

HttpClient::HttpClient(QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent), m_nam(nam) { }

QByteArray HttpClient::userAgent()
{
    return QByteArrayLiteral("Hubhook/" HUBHOOK_VERSION " (+https://github.com/hubhook)");
}

void HttpClient::send(const HttpRequest &r, std::function<void(const HttpResult &)> done)
{
    // Insecure targets get their own connection pool: QNetworkAccessManager reuses an open
    // connection whose certificate errors were ignored, and a verified target on the same
    // host must never ride on it.
    QNetworkAccessManager *nam = m_nam;
    if (r.insecureTls) {
        if (!m_insecureNam)
            m_insecureNam = new QNetworkAccessManager(this);
        nam = m_insecureNam;
    }
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *reply = nam->sendCustomRequest(toNetworkRequest(r), r.verb, r.body);
    m_live.insert(reply);
    if (r.insecureTls)
        connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
    // The answer is drained as it arrives into a buffer of at most `max` bytes: a receiver
    // streaming gigabytes (with a length or chunked) is aborted at the bound, and the network
    // layer holds only what arrived since the last readyRead.
    struct State
    {
        QByteArray body;
        qint64 received = 0;
        bool tooLarge = false;
        bool overDeadline = false;
    };
    auto state = std::make_shared<State>();
    const qint64 max = std::max<qint64>(1, r.maxReplyBytes);
    // No QNetworkReply::setReadBufferSize: in Qt 6.4 a limited read buffer stops the hand-over
    // of a chunked body to this thread while the network thread keeps reading it into memory
    // (a 2 GiB chunked answer grew the process by 1 GiB, tst_httpclient). Unlimited, every
    // byte is handed over as it arrives and counted here, and the abort comes at the bound.
    auto drain = [reply, max, state] {
        while (reply->bytesAvailable() > 0 && !state->tooLarge) {
            const QByteArray chunk = reply->read(64 * 1024);
            if (chunk.isEmpty())
                break;
            state->received += chunk.size();
            if (state->body.size() < max)
                state->body.append(chunk.left(max - state->body.size()));
            if (state->received > max) {
                state->tooLarge = true;
                reply->abort();
            }
        }
    };
    connect(reply, &QNetworkReply::readyRead, reply, drain);
    // Error answers (4xx, 5xx) may not be handed out as readyRead before the end: their
    // progress still counts, and the bound holds for them too.
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, max, state](qint64 got) {
        if (got > max && !state->tooLarge && !reply->isFinished()) {
            state->tooLarge = true;
            reply->abort();
        }
    });
    const bool statusOnly = r.statusOnly;
    connect(reply, &QNetworkReply::metaDataChanged, reply, [reply, max, state, statusOnly] {
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        // Qt 6.4 does not always hand a body of unknown length (chunked) out as it reads it
        // (an error answer's never, a 2xx's not reliably), while it keeps reading: such a body
        // could grow without bound. When only the status matters, it is not read at all.
        const bool unboundedError = statusOnly && !length.isValid() && status > 0;
        if ((unboundedError || (length.isValid() && length.toLongLong() > max))
            && !state->tooLarge) {
            state->tooLarge = true;
            reply->abort();
        }
    });
    const qint64 deadline = r.effectiveDeadlineMs();
    auto *deadlineTimer = new QTimer(reply);
    deadlineTimer->setSingleShot(true);
    connect(deadlineTimer, &QTimer::timeout, reply, [reply, state] {
        if (reply->isFinished())
            return;
        state->overDeadline = true;
        reply->abort();
    });
    deadlineTimer->start(int(std::clamp<qint64>(deadline, 1, 24LL * 3600 * 1000)));
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, done, timer, state, max, deadline, deadlineTimer, drain] {
                deadlineTimer->stop();
                if (!state->tooLarge && !state->overDeadline && reply->isOpen())
                    drain();
                m_live.remove(reply);
                reply->deleteLater();
                HttpResult result;
                result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                result.networkError = reply->error();
                result.rateLimit = readRateLimitHeaders(reply, Clock::now());
                result.etag = reply->rawHeader("ETag").left(200);
                result.link = reply->rawHeader("Link").left(8192);
                result.durationMs = timer->elapsed();
                if (state->overDeadline) {
                    // Reported as its own reason, not "timed out": bytes kept coming, too slowly.
                    // An answer not complete by then is no answer, whatever its status line
                    // said (as a 2xx cut off half way): the attempt has failed.
                    const QString took
                            = QStringLiteral("took longer than %1 s")
                                      .arg(QString::number(double(deadline) / 1000.0, 'g', 3));
                    result.error = result.status == 0 ? QStringLiteral("the answer %1").arg(took)
                                                      : QStringLiteral("HTTP %1 but the answer %2")
                                                                .arg(result.status)
                                                                .arg(took);
                    result.status = 0;
                    result.networkError = QNetworkReply::TimeoutError;
                } else if (state->tooLarge) {
                    result.bodyTooLarge = true;
                    result.body = state->body;
                    result.networkError = QNetworkReply::NoError; // the abort was ours
                    result.error = QStringLiteral("the answer was larger than %1 KiB; not read")
                                           .arg(max / 1024);
                } else {
                    result.body = state->body;
                    result.error = describe(result, reply);
                    if (result.ok() && result.networkError != QNetworkReply::NoError)
                        result.status = 0; // a 2xx cut off half way is no answer
                }
                result.error = Redactor::instance().redact(result.error);
                done(result);
            });
}

void HttpClient::abortAll()
{
    const auto live = m_live;
    for (QNetworkReply *reply : live)
        reply->abort();
}

} // namespace hubhook
