// How one request travels through the hub: recorded, rate-limited, possibly faulted,
// authenticated, routed, and written back (now or after a delay).
#include "SimulatedHub.h"

#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
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

SimHttpResponse rateLimited(int retryAfterSeconds)
{
    SimHttpResponse response = SimHttpWire::json(
            429,
            QJsonDocument(QJsonObject {
                    { QStringLiteral("detail"), QStringLiteral("Rate limit exceeded") },
                    { QStringLiteral("error"), false } }));
    response.setHeader("Retry-After", QByteArray::number(retryAfterSeconds));
    return response;
}

bool isLoginRoute(const QString &path)
{
    return path.startsWith(QLatin1String("/v2/users/login"))
            || path.startsWith(QLatin1String("/v2/auth/token"));
}

} // namespace

bool SimulatedHub::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Call call;
    call.request = toSimRequest(request);
    call.segments = call.request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    call.query = QUrlQuery(call.request.query);
    if (call.request.method == QLatin1String("POST"))
        call.hook = SimHookReceiver::hookName(call.segments);
    m_requests.append(call.request);

    const bool keepAlive = !call.request.headers.value(QStringLiteral("connection"))
                                    .contains(QLatin1String("close"), Qt::CaseInsensitive);
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    // The rate limit is Docker Hub's; the webhook receivers stand for other services.
    const SimRateLimiter::Hit rate
            = call.hook.isEmpty() ? m_rateLimiter.hit(nowMs) : SimRateLimiter::Hit {};
    const std::optional<SimFault> fault = m_faults.take(call.request.path);
    const int delayMs = m_latencyMs + (fault ? qMax(0, fault->delayMs) : 0);
    std::optional<SimFaultKind> kind;
    if (fault)
        kind = fault->kind;

    if (kind == SimFaultKind::Hang) {
        // Read the request, never answer, keep the connection open.
        recordHook(call, 0);
        Q_EMIT requestServed(call.request, 0);
        return true;
    }
    SimHttpResponse response;
    if (kind == SimFaultKind::ConnectionReset)
        response.status = 0;
    else if (fault && kind != SimFaultKind::Latency)
        response = faultResponse(*fault, call);
    else if (rate.enabled && !rate.allowed)
        response = rateLimited(rate.retryAfterSeconds);
    else
        response = respond(call);
    if (rate.enabled) {
        response.setHeader("X-RateLimit-Limit", QByteArray::number(rate.limit));
        response.setHeader("X-RateLimit-Remaining", QByteArray::number(rate.remaining));
        response.setHeader("X-RateLimit-Reset", QByteArray::number(rate.resetUnix));
    }
    recordHook(call, response.status);
    deliver(QPointer<QTcpSocket>(socket), call.request, response, delayMs, keepAlive, kind);
    return true;
}

void SimulatedHub::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; this is only a safety net.
    const SimRequest simRequest = toSimRequest(request);
    const SimHttpResponse response = SimHttpWire::detail(404, QStringLiteral("Not found."));
    SimHttpWire::write(socket, response, true);
    Q_EMIT requestServed(simRequest, response.status);
}

void SimulatedHub::recordHook(const Call &call, int status)
{
    if (call.hook.isEmpty())
        return;
    Q_EMIT webhookReceived(m_hooks.record(call.hook, call.request, status));
}

SimHttpResponse SimulatedHub::respond(Call &call)
{
    if (!call.hook.isEmpty())
        return m_hooks.response(call.hook);
    const QString authorization = call.request.headers.value(QStringLiteral("authorization"));
    if (!authorization.isEmpty() && !isLoginRoute(call.request.path)) {
        QString jwt;
        if (!SimAuth::tokenFromHeader(authorization, &jwt))
            return SimHttpWire::detail(401, QStringLiteral("Invalid authorization header."));
        switch (m_auth.verifyJwt(jwt, &call.user)) {
        case SimAuth::TokenState::Valid:
            break;
        case SimAuth::TokenState::Expired:
            return SimHttpWire::detail(401, QStringLiteral("Signature has expired."));
        case SimAuth::TokenState::Unknown:
            return SimHttpWire::detail(401, QStringLiteral("Error decoding signature."));
        }
    }
    return route(call);
}

SimHttpResponse SimulatedHub::faultResponse(const SimFault &fault, Call &call)
{
    SimHttpResponse response;
    switch (fault.kind) {
    case SimFaultKind::RateLimitRetryAfter:
        return rateLimited(qMax(0, fault.retryAfterSeconds));
    case SimFaultKind::RateLimitXRetryAfter:
        response = rateLimited(0);
        response.headers.clear();
        response.setHeader("X-Retry-After",
                           QByteArray::number(QDateTime::currentSecsSinceEpoch()
                                              + qMax(0, fault.retryAfterSeconds)));
        return response;
    case SimFaultKind::ServerError:
    case SimFaultKind::Status:
        return SimHttpWire::detail(
                fault.status,
                QStringLiteral("Simulated %1 %2")
                        .arg(fault.status)
                        .arg(QString::fromLatin1(SimHttpWire::reasonPhrase(fault.status))));
    case SimFaultKind::HtmlErrorPage:
        response.status = fault.status;
        response.contentType = "text/html";
        response.body = "<html><body><h1>" + QByteArray::number(fault.status) + ' '
                + SimHttpWire::reasonPhrase(fault.status) + "</h1></body></html>";
        return response;
    case SimFaultKind::TruncatedJson:
        return respond(call);
    case SimFaultKind::MalformedJson:
        response.status = 200;
        response.body = QByteArrayLiteral("{\"count\": 3, \"results\": [ {\"id\": ")
                + QByteArrayLiteral("\x01<garbage>@@}]\"unterminated");
        return response;
    case SimFaultKind::Latency:
    case SimFaultKind::Hang:
    case SimFaultKind::ConnectionReset:
        break;
    }
    return respond(call);
}

void SimulatedHub::deliver(QPointer<QTcpSocket> socket, const SimRequest &request,
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
