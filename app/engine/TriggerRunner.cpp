#include "engine/TriggerRunner.h"

#include "core/DeliveryPolicy.h"
#include "support/Logging.h"
#include "support/Redactor.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>

namespace hubhook {

namespace {
constexpr int kCheckEveryMs = 60 * 1000;
}

TriggerRunner::TriggerRunner(QNetworkAccessManager *nam, const QString &stateDir, QObject *parent)
    : QObject(parent), m_nam(nam), m_stateDir(stateDir)
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
                                const QHash<QString, QString> &secrets, Authorizer authorizer)
{
    m_configs = triggers;
    m_authorizer = std::move(authorizer);
    m_schedules.clear();
    m_urls.clear();
    m_headers.clear();
    m_errors.clear();
    for (const TriggerConfig &t : triggers) {
        auto secret = [&](const QString &name) {
            if (!secrets.contains(name) && !m_errors.contains(t.name))
                m_errors.insert(t.name, QStringLiteral("secret \"%1\" unavailable").arg(name));
            return secrets.value(name);
        };
        const QString url = t.urlSecret.isEmpty() ? t.url : secret(t.urlSecret);
        Redactor::instance().add(url);
        m_urls.insert(t.name, url);
        QList<QPair<QByteArray, QByteArray>> headers;
        for (const auto &[name, value] : t.headers) {
            const QString ref = secretReference(value);
            headers.append({ name.toLatin1(), (ref.isEmpty() ? value : secret(ref)).toUtf8() });
        }
        m_headers.insert(t.name, headers);
        if (!t.schedule.isEmpty())
            m_schedules.insert(t.name, Schedule::parse(t.schedule, nullptr));
        if (m_errors.contains(t.name))
            qCWarning(lcTrigger).noquote()
                    << QStringLiteral("trigger \"%1\": %2").arg(t.name, m_errors.value(t.name));
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
    if (m_errors.contains(name)) {
        TriggerFire f;
        f.time = now();
        f.trigger = name;
        f.reason = reason;
        f.result = m_errors.value(name);
        finish(t, f);
        return true;
    }
    if (!t.account.isEmpty() && m_authorizer) {
        m_authorizer(t.account, [this, t, reason](const QByteArray &header, const QString &error) {
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

void TriggerRunner::send(const TriggerConfig &t, const QString &reason,
                         const QByteArray &authorization)
{
    QNetworkRequest request { QUrl(m_urls.value(t.name)) };
    request.setTransferTimeout(int(t.timeoutMs));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("Hubhook/" HUBHOOK_VERSION));
    for (const auto &[name, value] : m_headers.value(t.name))
        request.setRawHeader(name, value);
    if (!t.body.isEmpty() && !request.hasRawHeader("Content-Type"))
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    TriggerFire f;
    f.time = now();
    f.trigger = t.name;
    f.reason = reason;
    QNetworkReply *reply = m_nam->sendCustomRequest(request, t.method, t.body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, t, f, timer]() mutable {
        reply->deleteLater();
        AttemptResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        f.status = r.status;
        f.durationMs = timer->elapsed();
        f.ok = r.status >= 200 && r.status < 300;
        f.result = describeAttempt(r);
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
