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

// Turns events into deliveries in the Outbox and works them off: at most four attempts in
// flight, each retried on the schedule of DeliveryPolicy, across restarts.
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

Q_SIGNALS:
    void deliveryFinished(const hubhook::Delivery &delivery); // delivered or failed for good
    void targetDisabled(const QString &target, const QString &reason);
    void idle();

private:
    void kick();
    void attempt(Delivery d);
    void finished(const QString &key, const HttpResult &result);
    void scheduleWakeup();
    void keep(const Delivery &d, bool write);

    HttpClient *m_http; // insecure_tls targets get their own connection pool there
    Outbox *m_outbox;
    QHash<QString, WebhookTarget> m_targets;
    QList<qint64> m_schedule;
    QHash<QString, Delivery> m_pending; // key -> record
    QHash<QString, std::shared_ptr<QLockFile>> m_inFlight;
    QTimer m_wakeup;
    QTimer m_rescan; // picks up records written by other processes (`deliveries retry`)
    bool m_started = false;
};

} // namespace hubhook
