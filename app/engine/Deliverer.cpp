#include "engine/Deliverer.h"
#include "support/Clock.h"

#include "core/Payloads.h"
#include "support/Logging.h"
#include "support/Redactor.h"
#include "support/TimeText.h"

#include <QLockFile>
#include <QNetworkAccessManager>
#include <QRandomGenerator>

namespace hubhook {

namespace {
constexpr qint64 kRescanMs = 30 * 1000;
// While an attempt runs, its record says "retry after the attempt's deadline and this much": if
// the process dies mid-attempt, a run that cannot tell (the lock is held) retries it then.
constexpr qint64 kCrashGuardMs = 5000;

// "took longer than 30 s" says more than the generic "timed out".
QString failureReason(const HttpResult &result, const QString &reason)
{
    const QString generic = describeHttpResult(result);
    if (result.status == 0 && !result.error.isEmpty() && reason.startsWith(generic))
        return result.error + reason.mid(generic.size());
    return reason;
}

QString attemptText(const Delivery &d, const WebhookTarget &target)
{
    return QStringLiteral("delivery %1 (%2) to %3 (%4), attempt %5")
            .arg(d.id, d.eventType, d.target, safeOrigin(target.url))
            .arg(d.attempts);
}

} // namespace

Deliverer::Deliverer(QNetworkAccessManager *nam, Outbox *outbox, QObject *parent)
    : QObject(parent), m_http(new HttpClient(nam, this)), m_outbox(outbox)
{
    m_wakeup.setSingleShot(true);
    connect(&m_wakeup, &QTimer::timeout, this, &Deliverer::kick);
    m_rescan.setInterval(kRescanMs);
    m_rescan.setTimerType(Qt::VeryCoarseTimer);
    connect(&m_rescan, &QTimer::timeout, this, &Deliverer::start);
}

Deliverer::~Deliverer() = default;

void Deliverer::setTargets(const QList<WebhookConfig> &targets,
                           const QHash<QString, QString> &secrets, const QList<qint64> &schedule)
{
    m_targets.clear();
    for (const WebhookConfig &c : targets) {
        WebhookTarget t = resolveWebhookTarget(c, secrets);
        if (!t.error.isEmpty())
            qCWarning(lcDelivery).noquote()
                    << t.error << "- its deliveries wait until it is available";
        if (c.insecureTls)
            qCWarning(lcDelivery).noquote()
                    << QStringLiteral(
                               "webhook \"%1\": TLS certificate checks are OFF (insecure_tls)")
                               .arg(c.name);
        m_targets.insert(c.name, t);
    }
    m_schedule = schedule;
    if (m_started)
        kick();
}

void Deliverer::refreshDisabled() { m_disabled = m_outbox->disabledTargets(&m_disabledUnreadable); }

bool Deliverer::deliverable(const QString &target) const
{
    const auto it = m_targets.constFind(target);
    return it != m_targets.constEnd() && it->error.isEmpty() && !m_disabledUnreadable
            && !m_disabled.contains(target);
}

bool Deliverer::laneFull(const QString &target) const
{
    return m_lanes.value(target) >= kMaxInFlightPerTarget || m_inFlight.size() >= kMaxInFlight;
}

int Deliverer::enqueue(const Event &event)
{
    int created = 0;
    refreshDisabled();
    for (const WebhookTarget &t : std::as_const(m_targets)) {
        if (!t.config.wants(event.type, event.build.repository, event.build.provider))
            continue;
        Delivery d;
        d.id = event.id;
        d.target = t.config.name;
        d.eventType = eventTypeName(event.type);
        d.summary = event.summary();
        d.body = renderPayload(t.config.format, event);
        d.created = Clock::now();
        d.nextAttempt = d.created;
        if (m_disabled.contains(t.config.name)) {
            // Kept, not dropped: `deliveries retry` sends it once the target works again.
            d.state = Delivery::Failed;
            d.lastError
                    = QStringLiteral("target disabled: %1").arg(m_disabled.value(t.config.name));
        }
        // With the list of disabled targets unreadable it stays pending: held, not sent.
        QString error;
        if (!m_outbox->add(d, &error)) {
            if (!error.isEmpty())
                qCWarning(lcDelivery).noquote() << error;
            continue;
        }
        ++created;
        if (d.state == Delivery::Pending)
            m_pending.insert(d.key(), d);
    }
    if (m_started)
        kick();
    return created;
}

void Deliverer::start()
{
    m_started = true;
    refreshDisabled();
    const QDateTime now = Clock::now();
    for (Delivery d : m_outbox->pending()) {
        if (d.state != Delivery::Pending || m_inFlight.contains(d.key()))
            continue;
        // Marked in flight but not ours: its process died during the attempt (or another
        // process is on it, which the lock tells). Retried now rather than after the guard.
        if (d.sendingSince.isValid())
            d.nextAttempt = std::min(d.nextAttempt, now);
        m_pending.insert(d.key(), d);
    }
    // Records written by another process (a `deliveries retry` that will try again later) are
    // picked up by the rescan; without any target there is nothing to pick up for.
    if (m_targets.isEmpty())
        m_rescan.stop();
    else if (!m_rescan.isActive())
        m_rescan.start();
    kick();
}

void Deliverer::redeliver(const QList<Delivery> &deliveries)
{
    for (Delivery d : deliveries) {
        if (!m_outbox->enableTarget(d.target))
            qCWarning(lcDelivery).noquote()
                    << QStringLiteral("%1 is not readable; fix or remove it to send again")
                               .arg(m_outbox->disabledTargetsPath());
        d.state = Delivery::Pending;
        d.attempts = 0;
        d.nextAttempt = Clock::now();
        d.sendingSince = QDateTime();
        keep(d, true);
    }
    refreshDisabled();
    m_started = true;
    kick();
}

void Deliverer::keep(const Delivery &d, bool write)
{
    QString error;
    if (write && !m_outbox->update(d, &error))
        qCWarning(lcDelivery).noquote() << error;
    if (d.state == Delivery::Pending)
        m_pending.insert(d.key(), d);
    else
        m_pending.remove(d.key());
}

bool Deliverer::isIdle() const
{
    if (!m_inFlight.isEmpty())
        return false;
    const QDateTime now = Clock::now();
    for (const Delivery &d : m_pending) {
        if (deliverable(d.target) && d.nextAttempt <= now)
            return false;
    }
    return true;
}

void Deliverer::kick()
{
    const QDateTime now = Clock::now();
    QList<Delivery> due;
    for (const Delivery &d : std::as_const(m_pending)) {
        if (d.nextAttempt <= now && !m_inFlight.contains(d.key()) && deliverable(d.target))
            due.append(d);
    }
    std::sort(due.begin(), due.end(), [](const Delivery &a, const Delivery &b) {
        return a.nextAttempt != b.nextAttempt ? a.nextAttempt < b.nextAttempt
                                              : a.created < b.created;
    });
    for (const Delivery &d : std::as_const(due)) {
        if (m_inFlight.size() >= kMaxInFlight)
            break;
        if (!laneFull(d.target))
            attempt(d);
    }
    scheduleWakeup();
    if (isIdle())
        Q_EMIT idle();
}

void Deliverer::scheduleWakeup()
{
    QDateTime next;
    for (const Delivery &d : std::as_const(m_pending)) {
        // A full lane is kicked again when one of its attempts finishes.
        if (m_inFlight.contains(d.key()) || !deliverable(d.target) || laneFull(d.target))
            continue;
        if (!next.isValid() || d.nextAttempt < next)
            next = d.nextAttempt;
    }
    if (!next.isValid()) {
        m_wakeup.stop();
        return;
    }
    const qint64 ms = std::max<qint64>(0, Clock::now().msecsTo(next));
    m_wakeup.start(int(std::min<qint64>(ms, 24LL * 3600 * 1000)));
}

void Deliverer::attempt(Delivery d)
{
    std::shared_ptr<QLockFile> lock = m_outbox->tryLock(d);
    if (!lock) {
        // Another Hubhook process is sending it right now: look again in a while.
        d.nextAttempt = Clock::now().addMSecs(kCrashGuardMs);
        m_pending.insert(d.key(), d);
        return;
    }
    // The record on disk is the truth: another process may have delivered it meanwhile.
    const auto current = m_outbox->load(d.key());
    if (!current || current->state != Delivery::Pending) {
        m_pending.remove(d.key());
        return;
    }
    d = *current;
    const WebhookTarget target = m_targets.value(d.target);
    HttpRequest request = webhookRequest(target, d.id, d.body);
    const QDateTime now = Clock::now();
    if (d.sendingSince.isValid())
        qCInfo(lcDelivery).noquote()
                << QStringLiteral("delivery %1 to %2: the attempt begun %3 ended with its "
                                  "process; trying again (same webhook-id)")
                           .arg(d.id, d.target, formatApiTime(d.sendingSince));
    ++d.attempts;
    d.lastAttempt = now;
    d.sendingSince = now; // the in-flight mark, on disk before the request leaves
    d.nextAttempt = now.addMSecs(request.effectiveDeadlineMs() + kCrashGuardMs);
    keep(d, true);
    m_inFlight.insert(d.key(), { lock, d.target });
    ++m_lanes[d.target];
    const QString key = d.key();
    m_http->send(request, [this, key](const HttpResult &r) { finished(key, r); });
}

void Deliverer::cancelQueued(const QString &target, const QString &reason)
{
    const QList<Delivery> queued = m_pending.values();
    for (const Delivery &q : queued) {
        if (q.target != target || m_inFlight.contains(q.key()))
            continue;
        std::shared_ptr<QLockFile> lock = m_outbox->tryLock(q);
        if (!lock)
            continue; // another process is sending it; its result decides
        const auto current = m_outbox->load(q.key());
        if (!current || current->state != Delivery::Pending) {
            m_pending.remove(q.key());
            continue;
        }
        Delivery d = *current;
        d.state = Delivery::Failed;
        d.sendingSince = QDateTime();
        d.lastError = QStringLiteral("target disabled: %1 (not sent)").arg(reason);
        qCWarning(lcDelivery).noquote()
                << QStringLiteral("delivery %1 (%2) to %3: not sent, the target is disabled")
                           .arg(d.id, d.eventType, d.target);
        keep(d, true);
        Q_EMIT deliveryFinished(d);
    }
}

void Deliverer::finished(const QString &key, const HttpResult &result)
{
    const InFlight flight = m_inFlight.take(key);
    if (--m_lanes[flight.target] <= 0)
        m_lanes.remove(flight.target);
    Delivery d = m_pending.value(key);
    d.sendingSince = QDateTime();
    d.lastStatus = result.status;
    const WebhookTarget target = m_targets.value(d.target);
    const DeliveryDecision decision
            = decideDelivery(result, target.config.format, d.attempts, m_schedule,
                             QRandomGenerator::global()->generateDouble());
    if (decision.outcome != DeliveryDecision::Delivered)
        d.lastError = failureReason(result, decision.reason);
    switch (decision.outcome) {
    case DeliveryDecision::Delivered:
        delivered(key, d, target);
        break;
    case DeliveryDecision::Retry:
        retryLater(d, decision.delayMs, target);
        break;
    case DeliveryDecision::DisableTarget:
        disableTarget(d.target, d.lastError);
        failForGood(d, target);
        cancelQueued(d.target, d.lastError);
        break;
    case DeliveryDecision::Failed:
        failForGood(d, target);
        break;
    }
    if (flight.lock)
        flight.lock->unlock();
    kick();
}

void Deliverer::delivered(const QString &key, Delivery d, const WebhookTarget &target)
{
    // First of all: the shorter the time between the 2xx and this record, the fewer duplicates
    // a kill can cause.
    d.state = Delivery::Delivered;
    d.lastError.clear();
    QString error;
    if (!m_outbox->markDelivered(d, &error))
        qCWarning(lcDelivery).noquote() << error;
    qCInfo(lcDelivery).noquote() << attemptText(d, target)
                    + QStringLiteral(": delivered (HTTP %1)").arg(d.lastStatus);
    m_pending.remove(key);
    Q_EMIT deliveryFinished(d);
}

void Deliverer::retryLater(Delivery d, qint64 delayMs, const WebhookTarget &target)
{
    d.nextAttempt = Clock::now().addMSecs(delayMs);
    qCInfo(lcDelivery).noquote() << attemptText(d, target)
                    + QStringLiteral(": %1, next try in %2")
                              .arg(d.lastError, formatDuration(delayMs));
    keep(d, true);
}

void Deliverer::disableTarget(const QString &name, const QString &reason)
{
    if (!m_outbox->setTargetDisabled(name, reason))
        qCWarning(lcDelivery).noquote()
                << QStringLiteral("%1 is not readable; webhook \"%2\" is not recorded as "
                                  "disabled there")
                           .arg(m_outbox->disabledTargetsPath(), name);
    m_disabled.insert(name, reason);
    qCWarning(lcDelivery).noquote()
            << QStringLiteral("webhook \"%1\" disabled: %2").arg(name, reason);
    Q_EMIT targetDisabled(name, reason);
}

void Deliverer::failForGood(Delivery d, const WebhookTarget &target)
{
    d.state = Delivery::Failed;
    qCWarning(lcDelivery).noquote()
            << attemptText(d, target) + QStringLiteral(": failed: %1").arg(d.lastError);
    keep(d, true);
    Q_EMIT deliveryFinished(d);
}

} // namespace hubhook
