// How one request travels through the simulated GitHub: recorded, possibly faulted, checked
// (User-Agent, API version, token), rate-limited, routed, made conditional, and written back.
#include "SimulatedGitHub.h"

#include "SimGitHubJson.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

namespace {

const QString kApiVersion = QStringLiteral("2022-11-28");
const QString kRateDocs
        = QStringLiteral("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");

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

// "Bearer X" or "token X" (either case); false for anything else.
bool tokenFromHeader(const QString &authorization, QString *token)
{
    const QString value = authorization.trimmed();
    const qsizetype space = value.indexOf(QLatin1Char(' '));
    if (space <= 0)
        return false;
    const QString scheme = value.left(space);
    if (scheme.compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0
        && scheme.compare(QLatin1String("token"), Qt::CaseInsensitive) != 0)
        return false;
    *token = value.mid(space + 1).trimmed();
    return !token->isEmpty();
}

QString withoutWeakPrefix(QString tag)
{
    tag = tag.trimmed();
    return tag.startsWith(QLatin1String("W/")) ? tag.mid(2) : tag;
}

// Weak comparison, as RFC 9110 asks for If-None-Match.
bool etagMatches(const QString &ifNoneMatch, const QByteArray &etag)
{
    const QString current = withoutWeakPrefix(QString::fromLatin1(etag));
    for (const QString &candidate : ifNoneMatch.split(QLatin1Char(','))) {
        if (candidate.trimmed() == QLatin1String("*") || withoutWeakPrefix(candidate) == current)
            return true;
    }
    return false;
}

void setRateHeaders(SimHttpResponse *response, const SimGitHubLimits::State &state)
{
    if (!state.enabled)
        return;
    response->setHeader("x-ratelimit-limit", QByteArray::number(state.limit));
    response->setHeader("x-ratelimit-remaining", QByteArray::number(state.remaining));
    response->setHeader("x-ratelimit-used", QByteArray::number(state.used));
    response->setHeader("x-ratelimit-reset", QByteArray::number(state.resetUnix));
    response->setHeader("x-ratelimit-resource", "core");
}

} // namespace

bool SimulatedGitHub::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Call call;
    call.request = toSimRequest(request);
    m_requests.append(call.request);

    const bool keepAlive = !call.request.headers.value(QStringLiteral("connection"))
                                    .contains(QLatin1String("close"), Qt::CaseInsensitive);
    const std::optional<SimFault> fault = m_faults.take(call.request.path);
    const int delayMs = m_latencyMs + (fault ? qMax(0, fault->delayMs) : 0);
    std::optional<SimFaultKind> kind;
    if (fault)
        kind = fault->kind;

    if (kind == SimFaultKind::Hang) {
        // Read the request, never answer, keep the connection open.
        Q_EMIT requestServed(call.request, 0);
        return true;
    }
    SimHttpResponse response;
    if (kind == SimFaultKind::ConnectionReset)
        response.status = 0;
    else if (fault && kind != SimFaultKind::Latency)
        response = faultResponse(*fault, call);
    else
        response = respond(call);
    if (!m_pathPrefix.isEmpty())
        response.setHeader("X-GitHub-Enterprise-Version", "3.14");
    if (response.status == 304)
        ++m_notModified;
    deliver(QPointer<QTcpSocket>(socket), call.request, response, delayMs, keepAlive, kind);
    return true;
}

void SimulatedGitHub::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // handleRequest() answers everything; this is only a safety net.
    const SimHttpResponse response = SimGitHubJson::error(404, QStringLiteral("Not Found"));
    SimHttpWire::write(socket, response, true);
    Q_EMIT requestServed(toSimRequest(request), response.status);
}

SimHttpResponse SimulatedGitHub::respond(Call &call)
{
    QString path = call.request.path;
    if (!m_pathPrefix.isEmpty()) {
        if (path != m_pathPrefix && !path.startsWith(m_pathPrefix + QLatin1Char('/')))
            return SimGitHubJson::error(404, QStringLiteral("Not Found"));
        path = path.mid(m_pathPrefix.size());
    }
    call.segments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    call.query = QUrlQuery(call.request.query);
    call.get = call.request.method == QLatin1String("GET")
            || call.request.method == QLatin1String("HEAD");

    const auto &headers = call.request.headers;
    if (headers.value(QStringLiteral("user-agent")).trimmed().isEmpty())
        return SimGitHubJson::error(
                403,
                QStringLiteral("Request forbidden by administrative rules. Please make sure your "
                               "request has a User-Agent header"),
                QStringLiteral("https://docs.github.com/rest/overview/"
                               "resources-in-the-rest-api#user-agent-required"));
    const auto version = headers.constFind(QStringLiteral("x-github-api-version"));
    if (version != headers.cend() && version->trimmed() != kApiVersion)
        return SimGitHubJson::error(
                400, QStringLiteral("API version %1 is not supported.").arg(version->trimmed()),
                QStringLiteral("https://docs.github.com/rest/overview/api-versions"));
    const QString authorization = headers.value(QStringLiteral("authorization"));
    if (!authorization.isEmpty()) {
        QString token;
        if (!tokenFromHeader(authorization, &token) || !m_tokens.contains(token)) {
            SimHttpResponse response = SimGitHubJson::error(401, QStringLiteral("Bad credentials"));
            setRateHeaders(&response, m_limits.state({}, QDateTime::currentMSecsSinceEpoch()));
            return response;
        }
        call.token = token;
    }
    return limited(call);
}

SimHttpResponse SimulatedGitHub::limited(Call &call)
{
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    // GET /rate_limit is free and never limited.
    const bool free = call.segments.size() == 1
            && call.segments.constFirst() == QLatin1String("rate_limit");
    SimHttpResponse response;
    int retryAfter = -1;
    if (!free && m_limits.takeSecondary(&retryAfter)) {
        response = SimGitHubJson::error(
                403,
                QStringLiteral("You have exceeded a secondary rate limit. Please wait a few "
                               "minutes before you try again."),
                kRateDocs + QStringLiteral("#about-secondary-rate-limits"));
        if (retryAfter >= 0)
            response.setHeader("retry-after", QByteArray::number(retryAfter));
    } else if (const SimGitHubLimits::State state = m_limits.state(call.token, nowMs);
               !free && state.enabled && state.remaining <= 0) {
        response = SimGitHubJson::error(m_limits.exceededStatus(),
                                        QStringLiteral("API rate limit exceeded for %1.")
                                                .arg(call.token.isEmpty()
                                                             ? QStringLiteral("127.0.0.1")
                                                             : QStringLiteral("user ID 1")),
                                        kRateDocs + QStringLiteral("#about-primary-rate-limits"));
    } else {
        response = conditional(call, route(call));
        // "Making a conditional request does not count against your primary rate limit if a
        // 304 response is returned."
        if (!free && response.status != 304)
            m_limits.consume(call.token, nowMs);
    }
    setRateHeaders(&response, m_limits.state(call.token, nowMs));
    response.setHeader("x-github-api-version-selected", kApiVersion.toLatin1());
    return response;
}

SimHttpResponse SimulatedGitHub::conditional(const Call &call, SimHttpResponse response)
{
    if (!call.get || response.status != 200)
        return response;
    // The Link header is hashed too: a page's items can stay put while the last page moves.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(response.body);
    hash.addData(response.header("Link"));
    const QByteArray etag = "W/\"" + hash.result().toHex() + '"';
    response.setHeader("ETag", etag);
    response.setHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
    const auto ifNoneMatch = call.request.headers.constFind(QStringLiteral("if-none-match"));
    if (ifNoneMatch == call.request.headers.cend() || !etagMatches(*ifNoneMatch, etag))
        return response;
    SimHttpResponse notModified;
    notModified.status = 304;
    notModified.contentType.clear();
    notModified.setHeader("ETag", etag);
    notModified.setHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP");
    return notModified;
}

SimHttpResponse SimulatedGitHub::faultResponse(const SimFault &fault, Call &call)
{
    SimHttpResponse response;
    switch (fault.kind) {
    case SimFaultKind::RateLimitRetryAfter:
        // GitHub's secondary limit, as a 429 with retry-after.
        response = SimGitHubJson::error(
                429,
                QStringLiteral("You have exceeded a secondary rate limit. Please wait a few "
                               "minutes before you try again."),
                kRateDocs + QStringLiteral("#about-secondary-rate-limits"));
        response.setHeader("retry-after", QByteArray::number(qMax(0, fault.retryAfterSeconds)));
        return response;
    case SimFaultKind::RateLimitXRetryAfter:
        // GitHub's primary limit: remaining 0 until the announced reset.
        response = SimGitHubJson::error(403, QStringLiteral("API rate limit exceeded."),
                                        kRateDocs + QStringLiteral("#about-primary-rate-limits"));
        response.setHeader("x-ratelimit-remaining", "0");
        response.setHeader("x-ratelimit-reset",
                           QByteArray::number(QDateTime::currentSecsSinceEpoch()
                                              + qMax(0, fault.retryAfterSeconds)));
        return response;
    case SimFaultKind::ServerError:
    case SimFaultKind::Status:
        return SimGitHubJson::error(
                fault.status,
                QStringLiteral("Simulated %1 %2")
                        .arg(fault.status)
                        .arg(QString::fromLatin1(SimHttpWire::reasonPhrase(fault.status))));
    case SimFaultKind::HtmlErrorPage:
        response.status = fault.status;
        response.contentType = "text/html; charset=utf-8";
        response.body = "<!DOCTYPE html><html><head><title>Unicorn! &middot; GitHub</title></head>"
                        "<body><h1>"
                + QByteArray::number(fault.status) + ' ' + SimHttpWire::reasonPhrase(fault.status)
                + "</h1></body></html>";
        return response;
    case SimFaultKind::TruncatedJson:
        return respond(call);
    case SimFaultKind::MalformedJson:
        response.status = 200;
        response.contentType = "application/json; charset=utf-8";
        response.body = QByteArrayLiteral("{\"total_count\": 3, \"workflow_runs\": [ {\"id\": ")
                + QByteArrayLiteral("\x01<garbage>@@}]\"unterminated");
        return response;
    case SimFaultKind::Latency:
    case SimFaultKind::Hang:
    case SimFaultKind::ConnectionReset:
        break;
    }
    return respond(call);
}

void SimulatedGitHub::deliver(QPointer<QTcpSocket> socket, const SimRequest &request,
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
