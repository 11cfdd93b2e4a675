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
    // Redirects are followed only within the same origin, and only when asked: a token must
    // never travel to another host, and a POST is never replayed elsewhere.
    bool followSameOriginRedirects = false;
    bool insecureTls = false; // this one target's choice; it gets its own connection pool
    qint64 maxReplyBytes = 8 * 1024 * 1024; // a longer answer is cut off and reported
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
