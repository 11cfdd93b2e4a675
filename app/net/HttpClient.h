#pragma once

#include "core/HttpResult.h"

#include <functional>
#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace hubhook {

// One outgoing request, whatever it is for.
struct HttpRequest
{
    QUrl url; // never logged: it may carry a token
    QByteArray verb = "GET";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers; // Content-Type defaults to JSON with a body
    qint64 timeoutMs = 20000; // without a byte received
    // The whole attempt, however the bytes trickle in: a server answering one byte every few
    // seconds never trips timeoutMs. 0 means twice timeoutMs (effectiveDeadlineMs()).
    qint64 deadlineMs = 0;
    // Redirects are followed only within the same origin, and only when asked: a token must
    // never travel to another host, and a POST is never replayed elsewhere.
    bool followSameOriginRedirects = false;
    bool insecureTls = false; // this one target's choice; it gets its own connection pool
    // At most this much of the answer is kept; a longer one is aborted there (its status still
    // counts) and reported, and no more than about this much is ever buffered.
    qint64 maxReplyBytes = 8 * 1024 * 1024;
    // Only the status matters (webhook receivers, triggers): an answer of unknown length
    // (chunked) is not read at all, one with a Content-Length up to maxReplyBytes; the status
    // counts either way.
    bool statusOnly = false;

    qint64 effectiveDeadlineMs() const { return deadlineMs > 0 ? deadlineMs : 2 * timeoutMs; }
};

// The one HTTP path of polling, webhook deliveries and triggers: one User-Agent, one place for
// timeouts, redirects and TLS, reply bodies read up to a bound, and one result type whose
// `error` is safe to log.
class HttpClient : public QObject
{
    Q_OBJECT
public:
    explicit HttpClient(QNetworkAccessManager *nam, QObject *parent = nullptr);

    static QByteArray userAgent();
    void send(const HttpRequest &request, std::function<void(const HttpResult &)> done);
    void abortAll(); // each aborted request still gets its (failed) result

private:
    QSet<QNetworkReply *> m_live;
    QNetworkAccessManager *m_nam;
    QNetworkAccessManager *m_insecureNam = nullptr;
};

} // namespace hubhook
