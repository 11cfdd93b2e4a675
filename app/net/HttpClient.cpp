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

// How a reply ended, read off it when it finished: all resultOf() needs.
struct ReplyEnd
{
    HttpResult read; // status, network error, rate limit, ETag, Link and duration as they came
    QString reasonPhrase; // of the status line
    QByteArray body; // at most the bound
    bool tooLarge = false; // we aborted it at the bound
    bool overDeadline = false; // we aborted it at the deadline
};

// The safe description: "HTTP 502 (Bad Gateway)", "timed out", "HTTP 200 but the connection
// closed early"; never a URL (QNetworkReply::errorString() has one).
QString describe(const HttpResult &r, const QString &reasonPhrase)
{
    if (r.status == 0)
        return describeNetworkError(r.networkError);
    if (!r.ok()) {
        return reasonPhrase.isEmpty()
                ? QStringLiteral("HTTP %1").arg(r.status)
                : QStringLiteral("HTTP %1 (%2)").arg(r.status).arg(reasonPhrase.left(60));
    }
    if (r.networkError != QNetworkReply::NoError) // a 2xx whose body broke off half way
        return QStringLiteral("HTTP %1 but %2")
                .arg(r.status)
                .arg(describeNetworkError(r.networkError));
    return {};
}

// The result of one request from how its reply ended (not yet redacted): which body counts and
// what went wrong.
HttpResult resultOf(const ReplyEnd &end, qint64 deadlineMs, qint64 maxBytes)
{
    HttpResult result = end.read;
    if (end.overDeadline) {
        // Reported as its own reason, not "timed out": bytes kept coming, too slowly. An answer
        // not complete by then is no answer, whatever its status line said (as a 2xx cut off
        // half way): the attempt has failed.
        const QString took = QStringLiteral("took longer than %1 s")
                                     .arg(QString::number(double(deadlineMs) / 1000.0, 'g', 3));
        result.error = result.status == 0
                ? QStringLiteral("the answer %1").arg(took)
                : QStringLiteral("HTTP %1 but the answer %2").arg(result.status).arg(took);
        result.status = 0;
        result.networkError = QNetworkReply::TimeoutError;
    } else if (end.tooLarge) {
        result.bodyTooLarge = true;
        result.body = end.body;
        result.networkError = QNetworkReply::NoError; // the abort was ours
        result.error = QStringLiteral("the answer was larger than %1 KiB; not read")
                               .arg(maxBytes / 1024);
    } else {
        result.body = end.body;
        result.error = describe(result, end.reasonPhrase);
        if (result.ok() && result.networkError != QNetworkReply::NoError)
            result.status = 0; // a 2xx cut off half way is no answer
    }
    return result;
}

// Reads one reply as it arrives into a buffer of at most `max` bytes, and aborts it at that
// bound (a receiver streaming gigabytes, with a length or chunked) or at the request's deadline;
// the network layer holds only what arrived since the last readyRead. Lives as long as the
// reply's connections.
class ReplyReader
{
public:
    static std::shared_ptr<ReplyReader> attach(QNetworkReply *reply, const HttpRequest &r,
                                               const QElapsedTimer &started);
    qint64 max() const { return m_max; }
    ReplyEnd finish();

private:
    ReplyReader(QNetworkReply *reply, const HttpRequest &r, const QElapsedTimer &started)
        : m_reply(reply),
          m_started(started),
          m_max(std::max<qint64>(1, r.maxReplyBytes)),
          m_statusOnly(r.statusOnly)
    {
    }
    void drain();
    void progressed(qint64 received);
    void metaDataChanged();
    void deadlinePassed();
    void abortTooLarge();

    QNetworkReply *m_reply;
    QElapsedTimer m_started;
    qint64 m_max;
    bool m_statusOnly;
    QTimer *m_deadline = nullptr;
    QByteArray m_body;
    qint64 m_received = 0;
    bool m_tooLarge = false;
    bool m_overDeadline = false;
};

std::shared_ptr<ReplyReader> ReplyReader::attach(QNetworkReply *reply, const HttpRequest &r,
                                                 const QElapsedTimer &started)
{
    std::shared_ptr<ReplyReader> self(new ReplyReader(reply, r, started));
    // No QNetworkReply::setReadBufferSize: in Qt 6.4 a limited read buffer stops the hand-over
    // of a chunked body to this thread while the network thread keeps reading it into memory
    // (a 2 GiB chunked answer grew the process by 1 GiB, tst_httpclient). Unlimited, every
    // byte is handed over as it arrives and counted here, and the abort comes at the bound.
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [self] { self->drain(); });
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [self](qint64 got) { self->progressed(got); });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply,
                     [self] { self->metaDataChanged(); });
    self->m_deadline = new QTimer(reply);
    self->m_deadline->setSingleShot(true);
    QObject::connect(self->m_deadline, &QTimer::timeout, reply, [self] { self->deadlinePassed(); });
    self->m_deadline->start(
            int(std::clamp<qint64>(r.effectiveDeadlineMs(), 1, 24LL * 3600 * 1000)));
    return self;
}

void ReplyReader::drain()
{
    while (m_reply->bytesAvailable() > 0 && !m_tooLarge) {
        const QByteArray chunk = m_reply->read(64 * 1024);
        if (chunk.isEmpty())
            break;
        m_received += chunk.size();
        if (m_body.size() < m_max)
            m_body.append(chunk.left(m_max - m_body.size()));
        if (m_received > m_max)
            abortTooLarge();
    }
}

// Error answers (4xx, 5xx) may not be handed out as readyRead before the end: their progress
// still counts, and the bound holds for them too.
void ReplyReader::progressed(qint64 received)
{
    if (received > m_max && !m_tooLarge && !m_reply->isFinished())
        abortTooLarge();
}

void ReplyReader::metaDataChanged()
{
    const QVariant length = m_reply->header(QNetworkRequest::ContentLengthHeader);
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Qt 6.4 does not always hand a body of unknown length (chunked) out as it reads it (an
    // error answer's never, a 2xx's not reliably), while it keeps reading: such a body could
    // grow without bound. When only the status matters, it is not read at all.
    const bool unboundedError = m_statusOnly && !length.isValid() && status > 0;
    if ((unboundedError || (length.isValid() && length.toLongLong() > m_max)) && !m_tooLarge)
        abortTooLarge();
}

void ReplyReader::deadlinePassed()
{
    if (m_reply->isFinished())
        return;
    m_overDeadline = true;
    m_reply->abort();
}

void ReplyReader::abortTooLarge()
{
    m_tooLarge = true;
    m_reply->abort();
}

ReplyEnd ReplyReader::finish()
{
    m_deadline->stop();
    if (!m_tooLarge && !m_overDeadline && m_reply->isOpen())
        drain();
    ReplyEnd end;
    end.read.status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    end.read.networkError = m_reply->error();
    end.read.rateLimit = readRateLimitHeaders(m_reply, Clock::now());
    end.read.etag = m_reply->rawHeader("ETag").left(200);
    end.read.link = m_reply->rawHeader("Link").left(8192);
    end.read.durationMs = m_started.elapsed();
    end.reasonPhrase = QString::fromLatin1(
            m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
    end.body = m_body;
    end.tooLarge = m_tooLarge;
    end.overDeadline = m_overDeadline;
    return end;
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
    QElapsedTimer started;
    started.start();
    QNetworkReply *reply = nam->sendCustomRequest(toNetworkRequest(r), r.verb, r.body);
    m_live.insert(reply);
    if (r.insecureTls)
        connect(reply, &QNetworkReply::sslErrors, reply, [reply] { reply->ignoreSslErrors(); });
    auto reader = ReplyReader::attach(reply, r, started);
    const qint64 deadline = r.effectiveDeadlineMs();
    connect(reply, &QNetworkReply::finished, this, [this, reply, reader, deadline, done] {
        const ReplyEnd end = reader->finish();
        m_live.remove(reply);
        reply->deleteLater();
        HttpResult result = resultOf(end, deadline, reader->max());
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
