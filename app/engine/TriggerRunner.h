#pragma once

#include "config/Config.h"
#include "core/Schedule.h"
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
    // Adds "Authorization: Bearer <jwt>" of a Docker Hub account, for triggers with "account".
    using Authorizer = std::function<void(
            const QString &account,
            std::function<void(const QByteArray &header, const QString &error)>)>;

    TriggerRunner(QNetworkAccessManager *nam, const QString &stateDir, QObject *parent = nullptr);

    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); } // tests
    void setTimeZone(const QTimeZone &zone) { m_zone = zone; }
    void setTriggers(const QList<TriggerConfig> &triggers, const QHash<QString, QString> &secrets,
                     Authorizer authorizer = {});
    QList<TriggerConfig> triggers() const { return m_configs; }

    void start(); // schedules, then checks them at least once a minute (a laptop may sleep)
    void tick(); // fires every trigger whose time has come; public for tests
    // Fires now; false (and a log line) when unknown, unresolved or already running.
    bool fire(const QString &name, const QString &reason);
    bool isRunning(const QString &name) const { return m_running.contains(name); }

    const TriggerState &state() const { return m_state; }
    QString historyPath() const;
    void saveState();

Q_SIGNALS:
    void fired(const hubhook::TriggerFire &fire); // after every fire, success or not

private:
    void armTimer();
    QDateTime now() const { return m_clock ? m_clock() : Clock::now(); }
    void send(const TriggerConfig &t, const QString &reason, const QByteArray &authorization);
    void finish(const TriggerConfig &t, TriggerFire fire);

    HttpClient *m_http;
    QString m_stateDir;
    QList<TriggerConfig> m_configs;
    QHash<QString, std::optional<Schedule>> m_schedules;
    QHash<QString, Endpoint> m_endpoints; // resolved, with secrets; an error: cannot fire
    Authorizer m_authorizer;
    TriggerState m_state;
    QSet<QString> m_running;
    bool m_started = false;
    QTimer m_timer;
    std::function<QDateTime()> m_clock;
    QTimeZone m_zone = QTimeZone::systemTimeZone();
};

} // namespace hubhook
