#include "SimFaults.h"

namespace {

const QList<QPair<QString, SimFaultKind>> &faultNames()
{
    static const QList<QPair<QString, SimFaultKind>> names = {
        { QStringLiteral("latency"), SimFaultKind::Latency },
        { QStringLiteral("rate_limit_retry_after"), SimFaultKind::RateLimitRetryAfter },
        { QStringLiteral("rate_limit_x_retry_after"), SimFaultKind::RateLimitXRetryAfter },
        { QStringLiteral("server_error"), SimFaultKind::ServerError },
        { QStringLiteral("html_error_page"), SimFaultKind::HtmlErrorPage },
        { QStringLiteral("truncated_json"), SimFaultKind::TruncatedJson },
        { QStringLiteral("malformed_json"), SimFaultKind::MalformedJson },
        { QStringLiteral("hang"), SimFaultKind::Hang },
        { QStringLiteral("connection_reset"), SimFaultKind::ConnectionReset },
        { QStringLiteral("status"), SimFaultKind::Status },
        // aliases
        { QStringLiteral("rate_limit"), SimFaultKind::RateLimitRetryAfter },
        { QStringLiteral("html"), SimFaultKind::HtmlErrorPage },
    };
    return names;
}

} // namespace

std::optional<SimFaultKind> simFaultKindFromName(const QString &name)
{
    for (const auto &entry : faultNames()) {
        if (entry.first == name)
            return entry.second;
    }
    return std::nullopt;
}

QString simFaultKindName(SimFaultKind kind)
{
    for (const auto &entry : faultNames()) {
        if (entry.second == kind)
            return entry.first;
    }
    return QStringLiteral("unknown");
}

void SimFaultList::add(const SimFault &fault)
{
    Entry entry { fault };
    entry.fault.everyNth = qMax(1, fault.everyNth);
    entry.fault.probability = qBound(0.0, fault.probability, 1.0);
    m_faults.append(entry);
}

void SimFaultList::clear() { m_faults.clear(); }

std::optional<SimFault> SimFaultList::take(const QString &path)
{
    for (Entry &entry : m_faults) {
        SimFault &fault = entry.fault;
        if (fault.times == 0)
            continue;
        if (!fault.pathContains.isEmpty() && !path.contains(fault.pathContains))
            continue;
        if (++entry.matched % fault.everyNth != 0)
            continue;
        // Draw only for partial probabilities, so that other faults do not shift the sequence.
        if (fault.probability < 1.0 && !(m_random.generateDouble() < fault.probability))
            continue;
        if (fault.times > 0)
            --fault.times;
        return fault;
    }
    return std::nullopt;
}
