// GitHub's part of the way a request travels (SimServer has the rest: recorded, possibly
// faulted, written back): checked (User-Agent, API version, token), rate-limited, routed, made
// conditional, and how it words the answers faults make it give.
#include "SimulatedGitHub.h"

#include "SimGitHubJson.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

const QString kApiVersion = QStringLiteral("2022-11-28");
const QString kRateDocs
        = QStringLiteral("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api");

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

std::unique_ptr<SimServer::Exchange> SimulatedGitHub::exchange(const SimRequest &request)
{
    return std::make_unique<Call>(*this, request);
}

void SimulatedGitHub::Call::finish(SimHttpResponse &response)
{
    if (!gh.m_pathPrefix.isEmpty())
        response.setHeader("X-GitHub-Enterprise-Version", "3.14");
    if (response.status == 304)
        ++gh.m_notModified;
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

SimHttpResponse SimulatedGitHub::tooManyRequests(int retryAfterSeconds) const
{
    // GitHub's secondary limit, as a 429 with retry-after.
    SimHttpResponse response = SimGitHubJson::error(
            429,
            QStringLiteral("You have exceeded a secondary rate limit. Please wait a few "
                           "minutes before you try again."),
            kRateDocs + QStringLiteral("#about-secondary-rate-limits"));
    response.setHeader("retry-after", QByteArray::number(retryAfterSeconds));
    return response;
}

SimHttpResponse SimulatedGitHub::limitExhausted(qint64 resetUnix) const
{
    // GitHub's primary limit: remaining 0 until the announced reset.
    SimHttpResponse response
            = SimGitHubJson::error(403, QStringLiteral("API rate limit exceeded."),
                                   kRateDocs + QStringLiteral("#about-primary-rate-limits"));
    response.setHeader("x-ratelimit-remaining", "0");
    response.setHeader("x-ratelimit-reset", QByteArray::number(resetUnix));
    return response;
}

SimHttpResponse SimulatedGitHub::errorAnswer(int status, const QString &message) const
{
    return SimGitHubJson::error(status, message);
}

SimHttpResponse SimulatedGitHub::htmlErrorPage(int status) const
{
    SimHttpResponse response;
    response.status = status;
    response.contentType = "text/html; charset=utf-8";
    response.body = "<!DOCTYPE html><html><head><title>Unicorn! &middot; GitHub</title></head>"
                    "<body><h1>"
            + QByteArray::number(status) + ' ' + SimHttpWire::reasonPhrase(status)
            + "</h1></body></html>";
    return response;
}

SimHttpResponse SimulatedGitHub::malformedJson() const
{
    SimHttpResponse response;
    response.status = 200;
    response.contentType = "application/json; charset=utf-8";
    response.body = QByteArrayLiteral("{\"total_count\": 3, \"workflow_runs\": [ {\"id\": ")
            + QByteArrayLiteral("\x01<garbage>@@}]\"unterminated");
    return response;
}

SimHttpResponse SimulatedGitHub::notFoundAnswer() const
{
    return SimGitHubJson::error(404, QStringLiteral("Not Found"));
}
