#pragma once

#include "config/Config.h"
#include "core/Schedule.h"
#include "engine/AccountServices.h"
#include "engine/Endpoint.h"
#include "net/HttpClient.h"
#include "state/TriggerState.h"
#include "support/Clock.h"

#include <functional>
#include <optional>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

class QNetworkAccessManager;

namespace hubhook {

// Fires rebuild triggers: on their schedules (from the wall clock), and on request (manual,
// repository links, retries). A fire checks the HTTP status, has a timeout, is recorded, and
// never runs twice at once for one trigger; one failing trigger does not hold up the others.
class TriggerRunner : public QObject
{
    Q_OBJECT
public:
    TriggerRunner(QNetworkAccessManager *nam, const QString &stateDir, QObject *parent = nullptr);

    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); } // tests
    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }
    // `accounts` authorises URL triggers that name an account and runs those its API fires
    // (a workflow dispatch); without it, such triggers fail naming their account.
    void setTriggers(const QList<TriggerConfig> &triggers, const QHash<QString, QString> &secrets,
                     AccountServices *accounts = nullptr);
    QList<TriggerConfig> triggers() const { return m_configs; }

    void start(); // schedules, then checks them at least once a minute (a laptop may sleep)
    void tick(); // fires every trigger whose time has come; public for tests
    // Fires now; false (and a log line) when unknown, unresolved or already running.
    bool fire(const QString &name, const QString &reason);
    bool isRunning(const QString &name) const { return m_running.contains(name); }
    // Fires a trigger that is not in the config (the window's Rebuild of a workflow row: a
    // re-run of the failed run `rerunOf`, or a dispatch of its workflow). It is remembered
    // under its name, so its fire shows and its expect_build is checked like any other.
    bool fireAdHoc(const TriggerConfig &trigger, qint64 rerunOf, const QString &reason);
    // The trigger of that name: configured, or fired ad hoc.
    std::optional<TriggerConfig> triggerConfig(const QString &name) const;

    const TriggerState &state() const { return m_state; }
    QString historyPath() const;
    void saveState();

Q_SIGNALS:
    void fired(const hubhook::TriggerFire &fire); // after every fire, success or not

private:
    void armTimer();
    QDateTime now() const { return m_clock ? m_clock() : Clock::now(); }
    void send(const TriggerConfig &t, const QString &reason, const QByteArray &authorization);
    void dispatch(const TriggerConfig &t, qint64 rerunOf, const QString &reason);
    void finish(const TriggerConfig &t, TriggerFire fire);

    HttpClient *m_http;
    QString m_stateDir;
    QList<TriggerConfig> m_configs;
    QHash<QString, std::optional<Schedule>> m_schedules;
    QHash<QString, Endpoint> m_endpoints; // resolved, with secrets; an error: cannot fire
    AccountServices *m_accounts = nullptr;
    QHash<QString, TriggerConfig> m_adHoc;
    TriggerState m_state;
    QSet<QString> m_running;
    bool m_started = false;
    QTimer m_timer;
    std::function<QDateTime()> m_clock;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace hubhook
