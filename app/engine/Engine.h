#pragma once

#include "config/Config.h"
#include "core/Detector.h"
#include "core/Event.h"
#include "engine/Sweep.h"
#include "providers/Provider.h"
#include "state/Outbox.h"
#include "state/TriggerState.h"
#include "state/WatchState.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkAccessManager;

namespace hubhook {

class Accounts;
class CctrayServer;
class Deliverer;
class Outbox;
class RebuildPolicy;
class TriggerRunner;
class SecretStore;
struct ResolvedSecrets;

// The overall state the tray icon shows.
enum class OverallStatus {
    NotConfigured,
    Starting,
    Ok,
    Building,
    Queued,
    Failing,
    Offline,
    RateLimited,
    Paused
};
QString overallStatusName(OverallStatus status);

// The engine every front end drives: it owns the config, the clients, the persisted state and
// the poll timer. One sweep runs at a time; the next is scheduled only after it finished.
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(SecretStore *secrets, QObject *parent = nullptr);
    ~Engine() override;

    // Loads what earlier runs learned (state.json, detector.json) and opens the outbox; a
    // corrupt file is moved aside with a warning.
    void setStateDir(const QString &dir);
    QString stateDir() const { return m_stateDir; }

    // Resolves the config's secrets, then builds the clients and emits configApplied().
    void applyConfig(const Config &config);
    bool isReady() const { return m_ready; }
    const Config &config() const { return m_config; }

    void sweepNow(); // starts a sweep now, or as soon as the config is applied
    void startPolling(); // a sweep now, then one every poll_interval
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    bool isSweeping() const { return !m_sweep.isNull(); }

    const WatchState &state() const { return m_state; }
    OverallStatus overallStatus() const;
    QString summary() const; // one line for a tooltip or a log
    struct BuildCounts
    {
        int failing = 0;
        int stale = 0; // image rows older than their max_age
        int total = 0;
    };
    BuildCounts buildCounts() const; // over the newest build of every tag
    int requestsSent() const;
    Deliverer *deliverer() const { return m_deliverer; } // null without a state directory
    Outbox *outbox() const { return m_outbox; }
    TriggerRunner *triggers() const { return m_triggers; } // null without a state directory
    RebuildPolicy *rebuilds() const { return m_rebuilds; } // null without a state directory
    Accounts *accounts() const { return m_accounts; }
    // The port the cctray feed is served on (config `cctray`), 0 when it is not.
    quint16 cctrayPort() const;

    // The trigger that rebuilds repository:tag: the first whose expect_build names the
    // repository (and the tag, when it names one), else one whose plain URL is that
    // repository's trigger URL on its provider, else what the row's provider rebuilds it with
    // (see RowRebuild). Empty when there is none.
    QString rebuildTrigger(const QString &repository, const QString &tag) const;

    // What the window's Deliveries and Triggers tabs show and do, without reaching into the
    // engine's parts.
    QList<Delivery> deliveries() const; // pending and failed, then delivered
    void redeliver(const QList<Delivery> &deliveries); // a new round of attempts, now
    bool fireTrigger(const QString &name); // "manual"
    TriggerRun triggerRun(const QString &name) const;
    bool isTriggerRunning(const QString &name) const;
    bool rebuild(const QString &repository, const QString &tag); // fires it ("manual")

Q_SIGNALS:
    void configApplied(const QStringList &errors);
    void sweepFinished(const hubhook::SweepReport &report);
    // A failure, stuck build, recovery... detected once (also across restarts). Its webhook
    // deliveries are already in the outbox when this is emitted.
    void eventRaised(const hubhook::Event &event);
    void statusChanged(hubhook::OverallStatus status);
    void deliveryFinished(const hubhook::Delivery &delivery); // delivered or failed for good
    void triggerFired(const hubhook::TriggerFire &fire);
    void warning(const QString &message);

private:
    void buildClients(const ResolvedSecrets &secrets);
    QStringList applyForwarding(const QHash<QString, QString> &secrets); // problems
    void applyRebuilds(const QHash<QString, QString> &secrets);
    QString applyCctray(const QHash<QString, QString> &secrets); // a problem, or empty
    void onSweepFinished(const SweepReport &report);
    void scheduleNext();
    bool saveState(); // false when there is no state directory or the write failed
    void saveProviderCache();
    void warnAboutBudgets();
    const Build *findRow(const QString &repository, const QString &tag) const;
    void detect(const SweepReport &report);
    void raise(const Event &event);
    void onTriggerFired(const TriggerFire &fire);

    SecretStore *m_secrets;
    QNetworkAccessManager *m_nam;
    Config m_config;
    bool m_ready = false;
    bool m_sweepRequested = false;
    bool m_polling = false;
    bool m_paused = false;
    quint64 m_generation = 0; // discards secret lookups of a config that was replaced
    Accounts *m_accounts; // clients, request queues and what they remember
    CctrayServer *m_cctray = nullptr; // while `cctray.listen` is set
    QPointer<Sweep> m_sweep;
    WatchState m_state;
    DetectorState m_detector;
    Outbox *m_outbox = nullptr;
    Deliverer *m_deliverer = nullptr;
    TriggerRunner *m_triggers = nullptr;
    RebuildPolicy *m_rebuilds = nullptr;
    // Of the last sweep only what the status needs: its report lists every change, which after
    // a first sweep is every build.
    QDateTime m_lastSweepFinished;
    bool m_lastSweepOffline = false;
    QString m_stateDir;
    QTimer m_pollTimer;
    OverallStatus m_lastStatus = OverallStatus::NotConfigured;
};

} // namespace hubhook
