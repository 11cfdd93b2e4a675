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
    auto tooLarge = std::make_shared<bool>(false);
    const qint64 max = r.maxReplyBytes;
    connect(reply, &QNetworkReply::downloadProgress, reply, [reply, max, tooLarge](qint64 got) {
        if (got > max && !*tooLarge) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, done, timer, tooLarge, max] {
        m_live.remove(reply);
        reply->deleteLater();
        HttpResult result;
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.networkError = reply->error();
        result.rateLimit = readRateLimitHeaders(reply, Clock::now());
        result.etag = reply->rawHeader("ETag").left(200);
        result.link = reply->rawHeader("Link").left(8192);
        result.durationMs = timer->elapsed();
        if (*tooLarge) {
            result.bodyTooLarge = true;
            result.networkError = QNetworkReply::NoError; // the abort was ours
            result.error
                    = QStringLiteral("the answer was larger than %1 KiB; not read").arg(max / 1024);
        } else {
            if (reply->isOpen()) // closed after a timeout or a reset: nothing to read
                result.body = reply->read(max);
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
