#include "engine/TriggerRunner.h"

#include "core/HttpResult.h"
#include "engine/Endpoint.h"
#include "support/Logging.h"

#include <QNetworkAccessManager>
#include <QRandomGenerator>

namespace hubhook {

namespace {
constexpr int kCheckEveryMs = 60 * 1000;
// A trigger's answer is only read for its status (and a reason to log): 16 KiB is plenty.
constexpr qint64 kMaxTriggerReplyBytes = 16 * 1024;
} // namespace

TriggerRunner::TriggerRunner(QNetworkAccessManager *nam, const QString &stateDir, QObject *parent)
    : QObject(parent), m_http(new HttpClient(nam, this)), m_stateDir(stateDir)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &TriggerRunner::tick);
    if (!m_stateDir.isEmpty()) {
        QString warning;
        if (!m_state.load(m_stateDir + QStringLiteral("/triggers.json"), &warning))
            qCWarning(lcState).noquote() << warning;
    }
}

QString TriggerRunner::historyPath() const
{
    return m_stateDir + QStringLiteral("/trigger-history.jsonl");
}

void TriggerRunner::saveState()
{
    if (m_stateDir.isEmpty())
        return;
    QString error;
    if (!m_state.save(m_stateDir + QStringLiteral("/triggers.json"), &error))
        qCWarning(lcState).noquote() << error;
}

void TriggerRunner::setTriggers(const QList<TriggerConfig> &triggers,
                                const QHash<QString, QString> &secrets, AccountServices *accounts)
{
    m_configs = triggers;
    m_accounts = accounts;
    m_schedules.clear();
    m_endpoints.clear();
    for (const TriggerConfig &t : triggers) {
        if (t.viaApi) { // no URL: its account's API
            if (!t.schedule.isEmpty())
                m_schedules.insert(t.name, Schedule::parse(t.schedule, nullptr));
            continue;
        }
        const Endpoint e = resolveEndpoint(QStringLiteral("trigger \"%1\"").arg(t.name), t.url,
                                           t.urlSecret, t.headers, secrets);
        m_endpoints.insert(t.name, e);
        if (!t.schedule.isEmpty())
            m_schedules.insert(t.name, Schedule::parse(t.schedule, nullptr));
        if (!e.error.isEmpty())
            qCWarning(lcTrigger).noquote() << e.error;
    }
    // Schedules that changed start afresh; the others keep their next fire time.
    for (auto it = m_state.runs.begin(); it != m_state.runs.end(); ++it) {
        if (!m_schedules.contains(it.key()))
            it->nextRun = QDateTime();
    }
    if (m_started)
        tick();
}

void TriggerRunner::start()
{
    m_started = true;
    tick();
}

void TriggerRunner::tick()
{
    const QDateTime t = now();
    bool changed = false;
    for (const TriggerConfig &c : std::as_const(m_configs)) {
        const auto schedule = m_schedules.value(c.name);
        if (!schedule)
            continue;
        TriggerRun &run = m_state.runs[c.name];
        const QDateTime before = run.nextRun;
        const bool due = scheduleDue(*schedule, run, t, m_zone, c.jitterMs,
                                     QRandomGenerator::global()->generateDouble());
        changed |= run.nextRun != before;
        if (!due)
            continue;
        if (m_running.contains(c.name)) {
            qCWarning(lcTrigger).noquote()
                    << QStringLiteral("trigger \"%1\": still running; this slot is skipped")
                               .arg(c.name);
            continue;
        }
        fire(c.name, QStringLiteral("schedule"));
    }
    if (changed)
        saveState();
    armTimer();
}

void TriggerRunner::armTimer()
{
    if (m_schedules.isEmpty()) { // nothing scheduled: no reason to wake up
        m_timer.stop();
        return;
    }
    const QDateTime t = now();
    qint64 wait = kCheckEveryMs;
    for (const TriggerRun &run : std::as_const(m_state.runs)) {
        if (run.nextRun.isValid())
            wait = std::min(wait, std::max<qint64>(0, t.msecsTo(run.nextRun)));
    }
    // Wall clock, re-read at least every minute: a suspended machine wakes up to a late timer.
    m_timer.start(int(wait));
}

bool TriggerRunner::fire(const QString &name, const QString &reason)
{
    const auto it = std::find_if(m_configs.begin(), m_configs.end(),
                                 [&](const TriggerConfig &c) { return c.name == name; });
    if (it == m_configs.end()) {
        qCWarning(lcTrigger).noquote() << QStringLiteral("no trigger named \"%1\"").arg(name);
        return false;
    }
    if (m_running.contains(name))
        return false;
    const TriggerConfig t = *it;
    m_running.insert(name);
    if (t.viaApi) {
        dispatch(t, 0, reason);
        return true;
    }
    if (const QString error = m_endpoints.value(name).error; !error.isEmpty()) {
        TriggerFire f;
        f.time = now();
        f.trigger = name;
        f.reason = reason;
        f.result = error;
        finish(t, f);
        return true;
    }
    if (!t.account.isEmpty() && m_accounts) {
        m_accounts->authorize(t.account,
                              [this, t, reason](const QByteArray &header, const QString &error) {
                                  if (error.isEmpty())
                                      return send(t, reason, header);
                                  TriggerFire f;
                                  f.time = now();
                                  f.trigger = t.name;
                                  f.reason = reason;
                                  f.result = error;
                                  finish(t, f);
                              });
        return true;
    }
    send(t, reason, {});
    return true;
}

bool TriggerRunner::fireAdHoc(const TriggerConfig &t, qint64 rerunOf, const QString &reason)
{
    if (m_running.contains(t.name))
        return false;
    m_adHoc.insert(t.name, t);
    m_running.insert(t.name);
    dispatch(t, rerunOf, reason);
    return true;
}

std::optional<TriggerConfig> TriggerRunner::triggerConfig(const QString &name) const
{
    for (const TriggerConfig &c : m_configs) {
        if (c.name == name)
            return c;
    }
    if (const auto it = m_adHoc.constFind(name); it != m_adHoc.constEnd())
        return *it;
    return std::nullopt;
}

void TriggerRunner::dispatch(const TriggerConfig &t, qint64 rerunOf, const QString &reason)
{
    TriggerFire f;
    f.time = now();
    f.trigger = t.name;
    f.reason = reason;
    if (!m_accounts) {
        f.result = QStringLiteral("account \"%1\" is not ready").arg(t.account);
        return finish(t, f);
    }
    m_accounts->runTrigger(t, rerunOf, [this, t, f](const ProviderClient::ActionResult &r) mutable {
        f.status = r.status;
        f.durationMs = r.durationMs;
        f.ok = r.ok;
        f.result = r.result;
        if (r.runId > 0)
            f.result += QStringLiteral(", run %1").arg(r.runId);
        finish(t, f);
    });
}

void TriggerRunner::send(const TriggerConfig &t, const QString &reason,
                         const QByteArray &authorization)
{
    const Endpoint endpoint = m_endpoints.value(t.name);
    HttpRequest request;
    request.url = endpoint.url;
    request.verb = t.method;
    request.body = t.body;
    request.headers = endpoint.headers;
    request.timeoutMs = t.timeoutMs;
    request.deadlineMs = 2 * t.timeoutMs; // the whole call, however slowly the answer drips
    request.maxReplyBytes = kMaxTriggerReplyBytes; // drained and aborted there by HttpClient
    request.statusOnly = true;
    if (!authorization.isEmpty())
        request.headers.append({ QByteArray("Authorization"), authorization });
    TriggerFire f;
    f.time = now();
    f.trigger = t.name;
    f.reason = reason;
    m_http->send(request, [this, t, f](const HttpResult &r) mutable {
        f.status = r.status;
        f.durationMs = r.durationMs;
        f.ok = r.ok();
        // "the answer took longer than 40 s" rather than a bare "timed out"
        f.result = r.status == 0 && !r.error.isEmpty() ? r.error : describeHttpResult(r);
        finish(t, f);
    });
}

void TriggerRunner::finish(const TriggerConfig &t, TriggerFire f)
{
    m_running.remove(t.name);
    TriggerRun &run = m_state.runs[t.name];
    run.lastRun = f.time;
    run.lastStatus = f.status;
    run.lastResult = f.result;
    run.lastOk = f.ok;
    const QString line = QStringLiteral("trigger \"%1\" (%2): %3 in %4 ms")
                                 .arg(t.name, f.reason, f.result)
                                 .arg(f.durationMs);
    if (f.ok)
        qCInfo(lcTrigger).noquote() << line;
    else
        qCWarning(lcTrigger).noquote() << line;
    if (!m_stateDir.isEmpty())
        appendTriggerFire(historyPath(), f);
    saveState();
    Q_EMIT fired(f);
}

} // namespace hubhook
