#pragma once

#include "config/Config.h"
#include "core/Event.h"
#include "core/NotificationText.h"
#include "engine/Engine.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>

class QSystemTrayIcon;

namespace hubhook {

// Turns engine events into desktop notifications: org.freedesktop.Notifications over D-Bus,
// with Open / Rebuild / Mute actions where the server supports actions, else the tray icon's
// balloon. Losing the network is reported once, and its return once. Per-repository mute
// (config `notifications.muted_repositories`), a global do-not-disturb, and a trigger that
// keeps misfiring notifies once an hour (RepeatFilter).
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

    void setConfig(const NotificationConfig &config) { m_config = config; }
    void muteFor(qint64 ms); // do not disturb
    QDateTime mutedUntil() const { return m_dndUntil; }
    bool isMuted(const QString &repository) const;
    bool usesDBus() const { return m_server == Server::DBus; }
    bool probed() const { return m_server != Server::Unknown; } // the daemon answered, or not
    int shown() const { return m_shown; } // notifications sent so far
    int tracked() const { return int(m_byId.size()); } // open notifications with actions

    // Shows one notification; public for tests. Returns false when muted. Never waits for the
    // notification daemon.
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
    struct Pending
    {
        QString title;
        QString body;
        bool hasEvent = false;
        Event event;
    };
    void askCapabilities();
    void send(const Pending &n);
    void showBalloon(const QString &title, const QString &body);
    void onEvent(const Event &event);
    void onStatus(OverallStatus status);

    Engine *m_engine;
    QSystemTrayIcon *m_tray;
    NotificationConfig m_config;
    QDateTime m_dndUntil;
    Server m_server = Server::Unknown;
    bool m_actions = false;
    bool m_offline = false;
    int m_shown = 0;
    QList<Pending> m_waiting; // sent once the capabilities are known
    QHash<uint, Event> m_byId; // notification id -> its event, for actions
    QList<uint> m_order; // ids in the order they were shown, to cap m_byId
    RepeatFilter m_repeats;
};

} // namespace hubhook
