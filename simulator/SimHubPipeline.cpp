// Docker Hub's part of the way a request travels (SimServer has the rest): its rate limit, the
// webhook receivers, authentication, and how it words the answers faults make it give.
#include "SimulatedHub.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

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

SimulatedHub::Call::Call(SimulatedHub &hub, const SimRequest &request)
    : Exchange(request),
      hub(hub),
      segments(request.path.split(QLatin1Char('/'), Qt::SkipEmptyParts)),
      query(request.query)
{
    if (request.method == QLatin1String("POST"))
        hook = SimHookReceiver::hookName(segments);
    // The rate limit is Docker Hub's; the webhook receivers stand for other services.
    if (hook.isEmpty())
        rate = hub.m_rateLimiter.hit(QDateTime::currentMSecsSinceEpoch());
}

SimHttpResponse SimulatedHub::Call::answer()
{
    if (rate.enabled && !rate.allowed)
        return rateLimited(rate.retryAfterSeconds);
    return respond();
}

void SimulatedHub::Call::finish(SimHttpResponse &response)
{
    if (rate.enabled) {
        response.setHeader("X-RateLimit-Limit", QByteArray::number(rate.limit));
        response.setHeader("X-RateLimit-Remaining", QByteArray::number(rate.remaining));
        response.setHeader("X-RateLimit-Reset", QByteArray::number(rate.resetUnix));
    }
    hub.recordHook(*this, response.status);
}

std::unique_ptr<SimServer::Exchange> SimulatedHub::exchange(const SimRequest &request)
{
    return std::make_unique<Call>(*this, request);
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

SimHttpResponse SimulatedHub::tooManyRequests(int retryAfterSeconds) const
{
    return rateLimited(retryAfterSeconds);
}

SimHttpResponse SimulatedHub::limitExhausted(qint64 resetUnix) const
{
    SimHttpResponse response = rateLimited(0);
    response.headers.clear();
    response.setHeader("X-Retry-After", QByteArray::number(resetUnix));
    return response;
}

SimHttpResponse SimulatedHub::errorAnswer(int status, const QString &message) const
{
    return SimHttpWire::detail(status, message);
}

SimHttpResponse SimulatedHub::htmlErrorPage(int status) const
{
    SimHttpResponse response;
    response.status = status;
    response.contentType = "text/html";
    response.body = "<html><body><h1>" + QByteArray::number(status) + ' '
            + SimHttpWire::reasonPhrase(status) + "</h1></body></html>";
    return response;
}

SimHttpResponse SimulatedHub::malformedJson() const
{
    SimHttpResponse response;
    response.status = 200;
    response.body = QByteArrayLiteral("{\"count\": 3, \"results\": [ {\"id\": ")
            + QByteArrayLiteral("\x01<garbage>@@}]\"unterminated");
    return response;
}

SimHttpResponse SimulatedHub::notFoundAnswer() const
{
    return SimHttpWire::detail(404, QStringLiteral("Not found."));
}
