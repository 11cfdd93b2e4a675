#pragma once

#include "engine/Engine.h"

#include <QIcon>
#include <QObject>
#include <QPointer>
#include <QSystemTrayIcon>

class QAction;
class QMenu;

namespace hubhook {

// The icon resource for an overall state (":/icons/hubhook-failing.svg", ...).
QString trayIconPath(OverallStatus status);

// The tray icon: overall state at a glance, a one-line tooltip, and a menu with the failing
// builds, Refresh now, Pause polling and Quit. Everything it shows comes from the Engine.
class TrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit TrayIcon(Engine *engine, QObject *parent = nullptr);
    ~TrayIcon() override;

    void setProblem(const QString &problem); // e.g. a config error; shown until cleared
    // While the config and the state are still being read (just after the icon was shown).
    void setStarting(bool starting);
    void show();
    QSystemTrayIcon *icon() { return &m_icon; }
    QString toolTip() const { return m_icon.toolTip(); }
    QMenu *menu() const { return m_menu; }
    // The icon for `status`, with the number of failing builds drawn on it when there are any.
    static QIcon statusIcon(OverallStatus status, int failing);
    // The number on the icon: failing builds and stale images.
    static int badgeCount(const Engine::BuildCounts &counts);
    int badge() const { return m_badge; }
    // A menu line for a build that needs attention: "acme/web:latest — failed",
    // "docker.io/acme/base:latest — stale, pushed 30h ago".
    static QString attentionText(const Build &build, const QDateTime &now);
    // The menu's order: failed, stale, waiting for approval, stuck.
    static int attentionRank(BuildState state);

Q_SIGNALS:
    void openWindowRequested();
    void settingsRequested();
    void muteRequested(qint64 ms); // do not disturb for that long

private:
    void refresh();
    void rebuildMenu();

    Engine *m_engine;
    QSystemTrayIcon m_icon;
    QMenu *m_menu;
    QString m_problem;
    int m_badge = 0;
    bool m_starting = false;
};

} // namespace hubhook
