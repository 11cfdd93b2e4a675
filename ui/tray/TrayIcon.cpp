#include "ui/tray/TrayIcon.h"

#include "models/BuildTableModel.h"
#include "support/Clock.h"
#include "support/TimeText.h"

#include <QApplication>
#include <QDesktopServices>
#include <QMenu>
#include <QPainter>
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

QIcon TrayIcon::statusIcon(OverallStatus status, int failing)
{
    const QIcon base(trayIconPath(status));
    if (failing <= 0)
        return base;
    QIcon icon;
    for (int size : { 16, 22, 24, 32, 48, 64 }) {
        QPixmap pixmap = base.pixmap(size, size);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const QString text = failing > 9 ? QStringLiteral("9+") : QString::number(failing);
        const qreal d = size * 0.62;
        const QRectF badge(size - d, size - d, d, d);
        p.setPen(QPen(Qt::white, std::max(1.0, size / 24.0)));
        p.setBrush(QColor(0x1d, 0x1f, 0x22));
        p.drawEllipse(badge);
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(int(d * (text.size() > 1 ? 0.5 : 0.7)));
        p.setFont(font);
        p.drawText(badge, Qt::AlignCenter, text);
        p.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

TrayIcon::TrayIcon(Engine *engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_menu(new QMenu)
{
    m_icon.setContextMenu(m_menu);
    connect(engine, &Engine::statusChanged, this, &TrayIcon::refresh);
    connect(engine, &Engine::sweepFinished, this, &TrayIcon::refresh);
    connect(engine, &Engine::configApplied, this, &TrayIcon::refresh);
    connect(&m_icon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason r) {
                if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
                    Q_EMIT openWindowRequested();
            });
    refresh();
}

TrayIcon::~TrayIcon() { delete m_menu; }

void TrayIcon::setProblem(const QString &problem)
{
    m_problem = problem;
    refresh();
}

void TrayIcon::setStarting(bool starting)
{
    m_starting = starting;
    refresh();
}

void TrayIcon::show() { m_icon.show(); }

int TrayIcon::attentionRank(BuildState state)
{
    switch (state) {
    case BuildState::Failed:
        return 0;
    case BuildState::Stale:
        return 1;
    case BuildState::NeedsAttention:
        return 2;
    default:
        return 3;
    }
}

QString TrayIcon::attentionText(const Build &b, const QDateTime &now)
{
    // "acme/web:latest — failed", "acme/api CI (main) — waits for approval",
    // "docker.io/acme/base:latest — stale, pushed 30h ago"
    QString text = QStringLiteral("%1 — %2").arg(b.label(), BuildTableModel::statusText(b));
    if (b.image && b.updated.isValid())
        text += QStringLiteral(", ") + tr("pushed %1").arg(formatAge(b.updated, now));
    return text;
}

int TrayIcon::badgeCount(const Engine::BuildCounts &counts)
{
    return counts.failing + counts.stale; // a stale image needs a person as a failed build does
}

void TrayIcon::refresh()
{
    if (m_starting) { // nothing read yet: no menu of builds to build either
        m_badge = 0;
        m_icon.setIcon(statusIcon(OverallStatus::Starting, 0));
        m_icon.setToolTip(tr("Hubhook: starting…"));
        return;
    }
    const OverallStatus status = m_engine->overallStatus();
    m_badge = badgeCount(m_engine->buildCounts());
    m_icon.setIcon(statusIcon(status, m_badge));
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
    // Failing first, then stale images, then waiting for approval, then stuck, each by name; at
    // most 15 so the menu fits on a screen.
    QList<Build> attention;
    for (const RepoState &s : m_engine->state().repositories()) {
        for (const Build &b : s.builds) {
            if (b.state == BuildState::Failed || b.state == BuildState::Stale
                || b.state == BuildState::Queued || b.state == BuildState::NeedsAttention)
                attention.append(b);
        }
    }
    std::sort(attention.begin(), attention.end(), [](const Build &a, const Build &b) {
        if (attentionRank(a.state) != attentionRank(b.state))
            return attentionRank(a.state) < attentionRank(b.state);
        return a.label() < b.label();
    });
    const int shown = int(std::min<qsizetype>(attention.size(), 15));
    const QDateTime now = Clock::now();
    for (int i = 0; i < shown; ++i) {
        const Build &b = attention.at(i);
        const bool failing = b.state == BuildState::Failed || b.state == BuildState::Stale;
        QAction *a = m_menu->addAction(
                QIcon(trayIconPath(failing ? OverallStatus::Failing : OverallStatus::Queued)),
                attentionText(b, now));
        const QUrl url(b.url);
        connect(a, &QAction::triggered, this, [url] { QDesktopServices::openUrl(url); });
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
    QAction *mute = m_menu->addAction(tr("Mute notifications for 1 hour"));
    connect(mute, &QAction::triggered, this, [this] { Q_EMIT muteRequested(3600 * 1000); });
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("Open Hubhook")), &QAction::triggered, this,
            &TrayIcon::openWindowRequested);
    connect(m_menu->addAction(tr("Settings…")), &QAction::triggered, this,
            &TrayIcon::settingsRequested);
    m_menu->addSeparator();
    connect(m_menu->addAction(tr("Quit")), &QAction::triggered, qApp, &QApplication::quit);
}

} // namespace hubhook
