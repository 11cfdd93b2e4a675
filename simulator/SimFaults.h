// Fault injection: which requests misbehave, how, and how many times.
#pragma once

#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <optional>

enum class SimFaultKind {
    Latency,
    RateLimitRetryAfter,
    RateLimitXRetryAfter,
    ServerError,
    HtmlErrorPage,
    TruncatedJson,
    MalformedJson,
    Hang,
    ConnectionReset,
    Status
};

struct SimFault
{
    QString pathContains; // fault applies to requests whose path contains this ("" = every request)
    SimFaultKind kind = SimFaultKind::ServerError;
    int status = 500; // for ServerError / Status / HtmlErrorPage
    int delayMs = 0; // added before replying (any kind)
    int retryAfterSeconds = 1; // for the 429 kinds (X-Retry-After carries now+N as unix seconds)
    int times = -1; // how many matching requests it affects; -1 = forever
    // Only every n-th matching request is affected (1 = each; 2 = the 2nd, 4th, ...). Skipped
    // requests are served normally and do not consume times.
    int everyNth = 1;
    // Of the requests left by everyNth, the fault applies when a draw from the hub's seeded
    // generator (SimulatedHub::setRandomSeed) is < probability.
    double probability = 1.0;
};

// Scenario names: latency, rate_limit_retry_after (alias rate_limit), rate_limit_x_retry_after,
// server_error, html_error_page (alias html), truncated_json, malformed_json, hang,
// connection_reset, status.
std::optional<SimFaultKind> simFaultKindFromName(const QString &name);
QString simFaultKindName(SimFaultKind kind);

class SimFaultList
{
public:
    void add(const SimFault &fault); // everyNth < 1 counts as 1; probability is clamped to [0, 1]
    void clear();
    bool isEmpty() const { return m_faults.isEmpty(); }
    void setRandomSeed(quint32 seed) { m_random.seed(seed); }
    // The first active fault that applies to the path, with its remaining count decremented.
    std::optional<SimFault> take(const QString &path);

private:
    struct Entry
    {
        SimFault fault;
        qint64 matched = 0; // matching requests seen, for everyNth
    };
    QList<Entry> m_faults;
    QRandomGenerator m_random { 1 };
};
