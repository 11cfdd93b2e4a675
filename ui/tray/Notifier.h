#pragma once

#include "config/Config.h"
#include "core/Event.h"
#include "engine/Engine.h"
#include "engine/NotificationPolicy.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>

class QSystemTrayIcon;

namespace hubhook {

// Shows what engine/NotificationPolicy decides (which events and status changes notify, mutes,
// do-not-disturb, repeats) as desktop notifications: org.freedesktop.Notifications over D-Bus,
// with Open / Rebuild / Mute actions where the server supports actions, else the tray icon's
// balloon.
//
// Every D-Bus call is asynchronous: a slow or absent notification daemon never blocks the GUI.
// Notifications sent before the daemon's capabilities are known wait for them. The id -> event
// map behind the actions is pruned on NotificationClosed (and capped, for daemons that never
// send it).
class Notifier : public QObject
{
    Q_OBJECT
public:
    Notifier(Engine *engine, QSystemTrayIcon *tray, QObject *parent = nullptr);

    void setConfig(const NotificationConfig &config) { m_policy.setConfig(config); }
    void muteFor(qint64 ms); // do not disturb (0: no longer)
    QDateTime mutedUntil() const { return m_policy.mutedUntil(); }
    bool isMuted(const QString &repository) const; // now, by the policy
    bool usesDBus() const { return m_server == Server::DBus; }
    bool probed() const { return m_server != Server::Unknown; } // the daemon answered, or not
    int shown() const { return m_shown; } // notifications sent so far
    int tracked() const { return int(m_byId.size()); } // open notifications with actions

    // Shows one notification unless the policy mutes its repository (or all) now; public for
    // tests. Returns false when muted. Never waits for the notification daemon.
    bool notify(const QString &title, const QString &body, const Event *event = nullptr);

Q_SIGNALS:
    void openRequested(const QString &url);
    void rebuildRequested(const QString &repository, const QString &tag);
    void muteRequested(const QString &repository);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);
    void onNotificationClosed(uint id, uint reason);

private:
    enum class Server { Unknown, DBus, None };
    void askCapabilities();
    void show(const Notification &n);
    void send(const Notification &n);
    QStringList actionsOf(const Notification &n) const;
    void track(uint id, const Event &event);
    void showBalloon(const QString &title, const QString &body);
    void onEvent(const Event &event);
    void onStatus(OverallStatus status);

    Engine *m_engine;
    QSystemTrayIcon *m_tray;
    NotificationPolicy m_policy; // what to show
    Server m_server = Server::Unknown;
    bool m_actions = false;
    int m_shown = 0;
    QList<Notification> m_waiting; // sent once the capabilities are known
    QHash<uint, Event> m_byId; // notification id -> its event, for actions
    QList<uint> m_order; // ids in the order they were shown, to cap m_byId
};

} // namespace hubhook
