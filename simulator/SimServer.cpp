// The simulated services' server: listening, TLS, and how one request travels: recorded, possibly
// faulted, answered by the service, and written back (now or after a delay).
#include "SimServer.h"

#include "SimTls.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QSslKey>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

SimRequest toSimRequest(const QHttpServerRequest &request)
{
    SimRequest out;
    out.method = methodName(request.method());
    out.path = request.url().path();
    out.query = request.url().query();
    for (const auto &header : request.headers())
        out.headers.insert(QString::fromLatin1(header.first).toLower(),
                           QString::fromUtf8(header.second));
    out.body = request.body();
    return out;
}

} // namespace

SimServer::SimServer(QObject *parent) : QAbstractHttpServer(parent)
{
    qRegisterMetaType<SimRequest>();
}

SimServer::~SimServer()
{
    // The servers and their sockets are children: closing is enough, ~QObject deletes them.
    closeConnections(false);
}

quint16 SimServer::listen(quint16 port)
{
    if (m_port != 0)
        return m_port;
    m_port = QAbstractHttpServer::listen(QHostAddress(QHostAddress::LocalHost), port);
    return m_port;
}

void SimServer::stop() { closeConnections(true); }

void SimServer::closeConnections(bool discardServers)
{
    for (QTcpServer *server : servers()) {
        server->close();
        for (QTcpSocket *socket : server->findChildren<QTcpSocket *>())
            socket->abort();
        if (discardServers) {
            // Deferred: stop() may run inside a slot connected to one of these sockets.
            server->setParent(nullptr);
            server->deleteLater();
        }
    }
    m_port = 0;
}

QUrl SimServer::baseUrl() const
{
    QUrl url;
    url.setScheme(m_tls ? QStringLiteral("https") : QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_port);
    return url;
}

bool SimServer::enableTls(QString *error)
{
    if (m_tls)
        return true;
    if (m_port != 0) {
        if (error)
            *error = QStringLiteral("enableTls() must be called before listen()");
        return false;
    }
#if QT_CONFIG(ssl)
    QSslCertificate certificate;
    QSslKey key;
    if (!SimTls::generateSelfSigned(&certificate, &key, error))
        return false;
    sslSetup(certificate, key);
    m_certificate = certificate;
    m_tls = true;
    return true;
#else
    if (error)
        *error = QStringLiteral("this Qt build has no TLS support");
    return false;
#endif
}

void SimServer::addFault(const SimFault &fault) { m_faults.add(fault); }

void SimServer::clearFaults() { m_faults.clear(); }

void SimServer::setRandomSeed(quint32 seed) { m_faults.setRandomSeed(seed); }

void SimServer::setLatency(int ms) { m_latencyMs = qMax(0, ms); }

int SimServer::requestCount(const QString &pathContains) const
{
    if (pathContains.isEmpty())
        return int(m_requests.size());
    int count = 0;
    for (const SimRequest &request : m_requests)
        count += request.path.contains(pathContains) ? 1 : 0;
    return count;
}

QList<SimRequest> SimServer::requests() const { return m_requests; }

void SimServer::clearRequests() { m_requests.clear(); }

bool SimServer::handleRequest(const QHttpServerRequest &httpRequest, QTcpSocket *socket)
{
    const SimRequest request = toSimRequest(httpRequest);
    m_requests.append(request);
    const std::unique_ptr<Exchange> call = exchange(request);

    const bool keepAlive = !request.headers.value(QStringLiteral("connection"))
                                    .contains(QLatin1String("close"), Qt::CaseInsensitive);
    const std::optional<SimFault> fault = m_faults.take(request.path);
    const int delayMs = m_latencyMs + (fault ? qMax(0, fault->delayMs) : 0);
    std::optional<SimFaultKind> kind;
    if (fault)
        kind = fault->kind;

    SimHttpResponse response;
    if (kind == SimFaultKind::Hang) {
        // Read the request, never answer, keep the connection open.
        response.status = 0;
        call->finish(response);
        Q_EMIT requestServed(request, 0);
        return true;
    }
    if (kind == SimFaultKind::ConnectionReset)
        response.status = 0;
    else if (fault && kind != SimFaultKind::Latency)
        response = faultResponse(*fault, *call);
    else
        response = call->answer();
    call->finish(response);
    deliver(QPointer<QTcpSocket>(socket), request, response, delayMs, keepAlive, kind);
    return true;
}

void SimServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; this is only a safety net.
    const SimHttpResponse response = notFoundAnswer();
    SimHttpWire::write(socket, response, true);
    Q_EMIT requestServed(toSimRequest(request), response.status);
}

SimHttpResponse SimServer::faultResponse(const SimFault &fault, Exchange &exchange) const
{
    switch (fault.kind) {
    case SimFaultKind::RateLimitRetryAfter:
        return tooManyRequests(qMax(0, fault.retryAfterSeconds));
    case SimFaultKind::RateLimitXRetryAfter:
        return limitExhausted(QDateTime::currentSecsSinceEpoch()
                              + qMax(0, fault.retryAfterSeconds));
    case SimFaultKind::ServerError:
    case SimFaultKind::Status:
        return errorAnswer(
                fault.status,
                QStringLiteral("Simulated %1 %2")
                        .arg(fault.status)
                        .arg(QString::fromLatin1(SimHttpWire::reasonPhrase(fault.status))));
    case SimFaultKind::HtmlErrorPage:
        return htmlErrorPage(fault.status);
    case SimFaultKind::MalformedJson:
        return malformedJson();
    case SimFaultKind::TruncatedJson: // the service's answer, cut short by deliver()
    case SimFaultKind::Latency:
    case SimFaultKind::Hang:
    case SimFaultKind::ConnectionReset:
        break;
    }
    return exchange.respond();
}

void SimServer::deliver(QPointer<QTcpSocket> socket, const SimRequest &request,
                        SimHttpResponse response, int delayMs, bool keepAlive,
                        std::optional<SimFaultKind> fault)
{
    auto send = [this, socket, request, response, keepAlive, fault] {
        if (!socket)
            return; // the client went away while the reply was delayed
        if (fault == SimFaultKind::ConnectionReset) {
            SimHttpWire::reset(socket);
            Q_EMIT requestServed(request, 0);
            return;
        }
        if (fault == SimFaultKind::TruncatedJson)
            SimHttpWire::writeTruncated(socket, response);
        else
            SimHttpWire::write(socket, response, keepAlive,
                               request.method == QLatin1String("HEAD"));
        Q_EMIT requestServed(request, response.status);
    };
    if (delayMs > 0)
        QTimer::singleShot(delayMs, this, send);
    else
        send();
}
