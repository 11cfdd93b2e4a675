#pragma once

#include "Config.h"
#include "Engine.h"
#include "Event.h"

#include <QDateTime>
#include <QHash>
#include <QObject>

class QSystemTrayIcon;

namespace hubhook {

// Turns engine events into desktop notifications: org.freedesktop.Notifications over D-Bus,
// with Open / Rebuild / Mute actions where the server supports actions, else the tray icon's
// balloon. Losing the network is reported once, and its return once. Per-repository mute
// (config `notifications.muted_repositories`) and a global do-not-disturb.
class Notifier : public QObject
{
    Q_OBJECT
public:
    Notifier(Engine *engine, QSystemTrayIcon *tray, QObject *parent = nullptr);

    void setConfig(const NotificationConfig &config) { m_config = config; }
    void muteFor(qint64 ms); // do not disturb
    QDateTime mutedUntil() const { return m_dndUntil; }
    bool isMuted(const QString &repository) const;
    bool usesDBus() const { return m_dbus; }
    int shown() const { return m_shown; } // notifications sent so far

    // Shows one notification; public for tests. Returns false when muted.
    bool notify(const QString &title, const QString &body, const Event *event = nullptr);

Q_SIGNALS:
    void openRequested(const QString &url);
    void rebuildRequested(const QString &repository, const QString &tag);
    void muteRequested(const QString &repository);

private Q_SLOTS:
    void onActionInvoked(uint id, const QString &action);

private:
    void onEvent(const Event &event);
    void onStatus(OverallStatus status);

    Engine *m_engine;
    QSystemTrayIcon *m_tray;
    NotificationConfig m_config;
    QDateTime m_dndUntil;
    bool m_dbus = false;
    bool m_actions = false;
    bool m_offline = false;
    int m_shown = 0;
    QHash<uint, Event> m_byId; // notification id -> its event, for actions
};

} // namespace hubhook
