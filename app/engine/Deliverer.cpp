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
constexpr int kMaxInFlight = 4;
constexpr qint64 kRescanMs = 30 * 1000;
// While an attempt runs, its record says "retry after the timeout and this much": if the
// process dies mid-attempt, the next run retries it then.
constexpr qint64 kCrashGuardMs = 5000;

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

int Deliverer::enqueue(const Event &event)
{
    int created = 0;
    const QHash<QString, QString> disabled = m_outbox->disabledTargets();
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
        if (disabled.contains(t.config.name)) {
            // Kept, not dropped: `deliveries retry` sends it once the target works again.
            d.state = Delivery::Failed;
            d.lastError = QStringLiteral("target disabled: %1").arg(disabled.value(t.config.name));
        }
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
    for (const Delivery &d : m_outbox->pending()) {
        if (d.state == Delivery::Pending && !m_inFlight.contains(d.key()))
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
        m_outbox->enableTarget(d.target);
        d.state = Delivery::Pending;
        d.attempts = 0;
        d.nextAttempt = Clock::now();
        keep(d, true);
    }
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
        if (m_targets.contains(d.target) && m_targets.value(d.target).error.isEmpty()
            && d.nextAttempt <= now)
            return false;
    }
    return true;
}

void Deliverer::kick()
{
    const QDateTime now = Clock::now();
    QList<Delivery> due;
    for (const Delivery &d : std::as_const(m_pending)) {
        if (d.nextAttempt <= now && !m_inFlight.contains(d.key()) && m_targets.contains(d.target)
            && m_targets.value(d.target).error.isEmpty())
            due.append(d);
    }
    std::sort(due.begin(), due.end(),
              [](const Delivery &a, const Delivery &b) { return a.nextAttempt < b.nextAttempt; });
    for (const Delivery &d : due) {
        if (m_inFlight.size() >= kMaxInFlight)
            break;
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
        if (m_inFlight.contains(d.key()) || !m_targets.contains(d.target))
            continue;
        if (!next.isValid() || d.nextAttempt < next)
            next = d.nextAttempt;
    }
    if (!next.isValid() || m_inFlight.size() >= kMaxInFlight) {
        m_wakeup.stop();
        return;
    }
    const qint64 ms = std::max<qint64>(0, Clock::now().msecsTo(next));
    m_wakeup.start(int(std::min<qint64>(ms, 24LL * 3600 * 1000)));
}

void Deliverer::attempt(Delivery d)
{
    auto lock = std::make_shared<QLockFile>(m_outbox->lockFilePath(d));
    if (!lock->tryLock(0)) {
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
    const QDateTime now = Clock::now();
    ++d.attempts;
    d.lastAttempt = now;
    d.nextAttempt = now.addMSecs(target.config.timeoutMs + kCrashGuardMs);
    keep(d, true);
    m_inFlight.insert(d.key(), lock);
    const QString key = d.key();
    m_http->send(webhookRequest(target, d.id, d.body),
                 [this, key](const HttpResult &r) { finished(key, r); });
}

void Deliverer::finished(const QString &key, const HttpResult &result)
{
    auto lock = m_inFlight.take(key);
    Delivery d = m_pending.value(key);
    const WebhookTarget target = m_targets.value(d.target);
    const DeliveryDecision decision
            = decideDelivery(result, target.config.format, d.attempts, m_schedule,
                             QRandomGenerator::global()->generateDouble());
    d.lastStatus = result.status;
    d.lastError = decision.outcome == DeliveryDecision::Delivered ? QString() : decision.reason;
    const QString where = QStringLiteral("delivery %1 (%2) to %3 (%4), attempt %5")
                                  .arg(d.id, d.eventType, d.target, safeOrigin(target.url))
                                  .arg(d.attempts);
    QString error;
    switch (decision.outcome) {
    case DeliveryDecision::Delivered:
        qCInfo(lcDelivery).noquote()
                << where + QStringLiteral(": delivered (HTTP %1)").arg(result.status);
        d.state = Delivery::Delivered;
        if (!m_outbox->markDelivered(d, &error))
            qCWarning(lcDelivery).noquote() << error;
        m_pending.remove(key);
        Q_EMIT deliveryFinished(d);
        break;
    case DeliveryDecision::Retry:
        d.nextAttempt = Clock::now().addMSecs(decision.delayMs);
        qCInfo(lcDelivery).noquote() << where
                        + QStringLiteral(": %1, next try in %2")
                                  .arg(decision.reason, formatDuration(decision.delayMs));
        keep(d, true);
        break;
    case DeliveryDecision::DisableTarget:
        m_outbox->setTargetDisabled(d.target, decision.reason);
        qCWarning(lcDelivery).noquote()
                << QStringLiteral("webhook \"%1\" disabled: %2").arg(d.target, decision.reason);
        Q_EMIT targetDisabled(d.target, decision.reason);
        Q_FALLTHROUGH();
    case DeliveryDecision::Failed:
        d.state = Delivery::Failed;
        qCWarning(lcDelivery).noquote()
                << where + QStringLiteral(": failed: %1").arg(decision.reason);
        keep(d, true);
        Q_EMIT deliveryFinished(d);
        break;
    }
    lock->unlock();
    kick();
}

} // namespace hubhook
