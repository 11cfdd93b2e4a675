#include "TrayIcon.h"

#include <QApplication>
#include <QDesktopServices>
#include <QMenu>
#include <QUrl>

namespace hubhook {

QString trayIconPath(OverallStatus status)
{
    switch (status) {
    case OverallStatus::Ok:
        return QStringLiteral(":/icons/hubhook-ok.svg");
    case OverallStatus::Failing:
        return QStringLiteral(":/icons/hubhook-failing.svg");
    case OverallStatus::Building:
    case OverallStatus::Starting:
        return QStringLiteral(":/icons/hubhook-building.svg");
    case OverallStatus::Queued:
        return QStringLiteral(":/icons/hubhook-queued.svg");
    case OverallStatus::Offline:
    case OverallStatus::RateLimited:
        return QStringLiteral(":/icons/hubhook-offline.svg");
    case OverallStatus::Paused:
        return QStringLiteral(":/icons/hubhook-paused.svg");
    case OverallStatus::NotConfigured:
        break;
    }
    return QStringLiteral(":/icons/hubhook-unconfigured.svg");
}

TrayIcon::TrayIcon(Engine *engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_menu(new QMenu)
{
    m_icon.setContextMenu(m_menu);
    connect(engine, &Engine::statusChanged, this, &TrayIcon::refresh);
    connect(engine, &Engine::sweepFinished, this, &TrayIcon::refresh);
    connect(engine, &Engine::configApplied, this, &TrayIcon::refresh);
    connect(engine, &Engine::eventRaised, this, &TrayIcon::notify);
    refresh();
}

TrayIcon::~TrayIcon() { delete m_menu; }

void TrayIcon::setProblem(const QString &problem)
{
    m_problem = problem;
    refresh();
}

void TrayIcon::notify(const Event &event)
{
    // Until the notification daemon integration lands, the tray's own balloon is used.
    if (!m_icon.isVisible() || !QSystemTrayIcon::supportsMessages())
        return;
    const bool good = event.type == EventType::BuildRecovered;
    m_icon.showMessage(QStringLiteral("Hubhook: %1").arg(eventTypeName(event.type)),
                       event.summary(),
                       good ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning, 15000);
}

void TrayIcon::show() { m_icon.show(); }

void TrayIcon::refresh()
{
    const OverallStatus status = m_engine->overallStatus();
    m_icon.setIcon(QIcon(trayIconPath(status)));
    m_icon.setToolTip(m_problem.isEmpty() ? m_engine->summary()
                                          : QStringLiteral("Hubhook: %1").arg(m_problem));
    rebuildMenu();
}

void TrayIcon::rebuildMenu()
{
    m_menu->clear();
    QAction *title = m_menu->addAction(m_icon.toolTip());
    title->setEnabled(false);
    m_menu->addSeparator();
    int shown = 0;
    for (const RepoState &s : m_engine->state().all()) {
        for (const Build &b : s.builds) {
            if (b.state != BuildState::Failed && b.state != BuildState::Queued)
                continue;
            if (++shown > 15)
                break;
            const QString text = QStringLiteral("%1:%2 — %3")
                                         .arg(b.repository, b.tag, buildStateName(b.state));
            QAction *a = m_menu->addAction(
                    QIcon(trayIconPath(b.state == BuildState::Failed ? OverallStatus::Failing
                                                                     : OverallStatus::Queued)),
                    text);
            const QUrl url(b.url);
            connect(a, &QAction::triggered, this, [url] { QDesktopServices::openUrl(url); });
        }
    }
    if (shown)
        m_menu->addSeparator();
    QAction *refreshNow = m_menu->addAction(tr("Refresh now"));
    refreshNow->setEnabled(m_engine->isReady() && !m_engine->isSweeping());
    connect(refreshNow, &QAction::triggered, m_engine, &Engine::sweepNow);
    QAction *pause = m_menu->addAction(tr("Pause polling"));
    pause->setCheckable(true);
    pause->setChecked(m_engine->isPaused());
    connect(pause, &QAction::toggled, m_engine, &Engine::setPaused);
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("Quit")), &QAction::triggered, qApp, &QApplication::quit);
}

} // namespace hubhook
