#pragma once

#include "config/Config.h"
#include "core/DeliveryPolicy.h"
#include "core/Event.h"
#include "engine/WebhookRequest.h"
#include "net/HttpClient.h"
#include "state/Outbox.h"

#include <memory>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QLockFile;
class QNetworkAccessManager;

namespace hubhook {

// Turns events into deliveries in the Outbox and works them off, each retried on the schedule of
// DeliveryPolicy, across restarts. Every target is a lane of its own with at most
// kMaxInFlightPerTarget attempts in flight: a slow or dead receiver delays only its own
// deliveries. Each attempt has a total deadline (HttpRequest::deadlineMs) and is marked in its
// record ("sending_since") before it goes out: found so by a later run, it is retried.
class Deliverer : public QObject
{
    Q_OBJECT
public:
    Deliverer(QNetworkAccessManager *nam, Outbox *outbox, QObject *parent = nullptr);
    ~Deliverer() override;

    void setTargets(const QList<WebhookConfig> &targets, const QHash<QString, QString> &secrets,
                    const QList<qint64> &schedule);
    QList<WebhookTarget> targets() const { return m_targets.values(); }

    // Writes one delivery per interested target to the outbox (durably), then attempts it.
    // Returns the number of deliveries created.
    int enqueue(const Event &event);
    // Loads the outbox (pending deliveries of earlier runs) and starts working on it.
    void start();
    // Puts deliveries back in the queue for a new round of attempts, now.
    void redeliver(const QList<Delivery> &deliveries);
    bool isIdle() const; // nothing in flight and nothing due now
    int inFlight() const { return int(m_inFlight.size()); }
    int inFlight(const QString &target) const { return m_lanes.value(target); }

    static constexpr int kMaxInFlightPerTarget = 2;
    static constexpr int kMaxInFlight = 32; // all lanes together

Q_SIGNALS:
    void deliveryFinished(const hubhook::Delivery &delivery); // delivered or failed for good
    void targetDisabled(const QString &target, const QString &reason);
    void idle();

private:
    void kick();
    void attempt(Delivery d);
    void finished(const QString &key, const HttpResult &result);
    // One step for each outcome of an attempt (DeliveryDecision).
    void delivered(const QString &key, Delivery d, const WebhookTarget &target);
    void retryLater(Delivery d, qint64 delayMs, const WebhookTarget &target);
    void disableTarget(const QString &name, const QString &reason); // then failForGood
    void failForGood(Delivery d, const WebhookTarget &target);
    void scheduleWakeup();
    void keep(const Delivery &d, bool write);
    bool deliverable(const QString &target) const; // known, resolved, not disabled
    bool laneFull(const QString &target) const;
    void refreshDisabled();
    // A 410 disabled `target`: its queued deliveries are failed now instead of being sent.
    void cancelQueued(const QString &target, const QString &reason);

    HttpClient *m_http; // insecure_tls targets get their own connection pool there
    Outbox *m_outbox;
    QHash<QString, WebhookTarget> m_targets;
    QList<qint64> m_schedule;
    QHash<QString, Delivery> m_pending; // key -> record
    struct InFlight
    {
        std::shared_ptr<QLockFile> lock;
        QString target;
    };
    QHash<QString, InFlight> m_inFlight; // key -> attempt on the wire
    QHash<QString, int> m_lanes; // target -> attempts in flight
    QHash<QString, QString> m_disabled; // by a 410: target -> reason
    bool m_disabledUnreadable = false; // the outbox's list is damaged: nothing is sent
    QTimer m_wakeup;
    QTimer m_rescan; // picks up records written by other processes (`deliveries retry`)
    bool m_started = false;
};

} // namespace hubhook
