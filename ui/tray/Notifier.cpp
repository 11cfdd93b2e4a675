#include "ui/tray/Notifier.h"
#include "support/Clock.h"

#include "support/AppInfo.h"
#include "support/Logging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QSystemTrayIcon>

namespace hubhook {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");
constexpr int kMaxTracked = 100; // daemons that never send NotificationClosed
constexpr int kBalloonMs = 15000;
} // namespace

Notifier::Notifier(Engine *engine, QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent), m_engine(engine), m_tray(tray)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        bus.connect(kService, kPath, kService, QStringLiteral("ActionInvoked"), this,
                    SLOT(onActionInvoked(uint, QString)));
        bus.connect(kService, kPath, kService, QStringLiteral("NotificationClosed"), this,
                    SLOT(onNotificationClosed(uint, uint)));
        askCapabilities();
    } else {
        m_server = Server::None;
    }
    connect(engine, &Engine::eventRaised, this, &Notifier::onEvent);
    connect(engine, &Engine::statusChanged, this, &Notifier::onStatus);
    connect(engine, &Engine::sweepFinished, this, [this](const SweepReport &report) {
        for (const BuildChange &c : report.changes) {
            if (const std::optional<Notification> n = m_policy.onBuildChange(c, Clock::now()))
                show(*n);
        }
    });
}

void Notifier::askCapabilities()
{
    // Also starts a daemon that is D-Bus activatable; an error means there is none.
    const QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kService,
                                                             QStringLiteral("GetCapabilities"));
    auto *watcher
            = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusPendingReply<QStringList> reply = *w;
        if (reply.isError()) {
            qCInfo(lcNotify).noquote() << "no desktop notification service:" << reply.error().name()
                                       << "- using the tray icon's messages";
            m_server = Server::None;
        } else {
            m_server = Server::DBus;
            m_actions = reply.value().contains(QStringLiteral("actions"));
        }
        for (const Notification &n : std::exchange(m_waiting, {}))
            send(n);
    });
}

void Notifier::muteFor(qint64 ms)
{
    m_policy.setMutedUntil(ms > 0 ? Clock::now().addMSecs(ms) : QDateTime());
}

bool Notifier::isMuted(const QString &repository) const
{
    return m_policy.isMuted(repository, Clock::now());
}

void Notifier::onEvent(const Event &event)
{
    if (const std::optional<Notification> n = m_policy.onEvent(event, Clock::now()))
        show(*n);
}

void Notifier::onStatus(OverallStatus status)
{
    if (const std::optional<Notification> n
        = m_policy.onStatus(status, m_engine->summary(), Clock::now()))
        show(*n);
}

bool Notifier::notify(const QString &title, const QString &body, const Event *event)
{
    if (isMuted(event ? event->build.repository : QString()))
        return false;
    show({ title, body, event ? std::optional<Event>(*event) : std::nullopt });
    return true;
}

void Notifier::show(const Notification &n)
{
    ++m_shown;
    if (m_server == Server::Unknown)
        m_waiting.append(n);
    else
        send(n);
}

void Notifier::showBalloon(const QString &title, const QString &body)
{
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(title, body, QSystemTrayIcon::Warning, kBalloonMs);
}

QStringList Notifier::actionsOf(const Notification &n) const
{
    QStringList actions;
    if (!m_actions || !n.event)
        return actions;
    if (!n.event->build.url.isEmpty())
        actions << QStringLiteral("default") << QStringLiteral("Open") << QStringLiteral("open")
                << QStringLiteral("Open");
    if (!n.event->build.repository.isEmpty()) {
        actions << QStringLiteral("rebuild") << QStringLiteral("Rebuild");
        actions << QStringLiteral("mute")
                << (n.event->build.image ? QStringLiteral("Mute image")
                                         : QStringLiteral("Mute repository"));
    }
    return actions;
}

void Notifier::send(const Notification &n)
{
    if (m_server != Server::DBus)
        return showBalloon(n.title, n.body);
    // Good news (a recovery, a stale image pushed again) and a plain push are not urgent.
    const bool urgent = n.event && n.event->type != EventType::BuildRecovered
            && n.event->type != EventType::ImageFresh && n.event->type != EventType::ImagePushed;
    QVariantMap hints { { QStringLiteral("urgency"), QVariant::fromValue(uchar(urgent ? 2 : 1)) },
                        { QStringLiteral("desktop-entry"), kAppId },
                        { QStringLiteral("category"), QStringLiteral("transfer.error") } };
    if (n.sound) // a themed sound the server plays, if it plays any (no audio library here)
        hints.insert(QStringLiteral("sound-name"), QStringLiteral("dialog-warning"));
    QDBusMessage call
            = QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
    call << kAppName << uint(0) << kAppId << n.title << n.body << actionsOf(n) << hints << int(-1);
    auto *watcher
            = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [this, n](QDBusPendingCallWatcher *w) {
                w->deleteLater();
                const QDBusPendingReply<uint> reply = *w;
                if (reply.isError()) {
                    qCWarning(lcNotify) << "desktop notification failed:" << reply.error().name();
                    return showBalloon(n.title, n.body);
                }
                if (n.event && m_actions)
                    track(reply.value(), *n.event);
            });
}

void Notifier::track(uint id, const Event &event)
{
    m_byId.insert(id, event);
    m_order.removeOne(id);
    m_order.append(id);
    while (m_order.size() > kMaxTracked)
        m_byId.remove(m_order.takeFirst());
}

void Notifier::onNotificationClosed(uint id, uint /*reason*/)
{
    if (m_byId.remove(id))
        m_order.removeOne(id);
}

void Notifier::onActionInvoked(uint id, const QString &action)
{
    const auto it = m_byId.constFind(id);
    if (it == m_byId.constEnd())
        return;
    if (action == QLatin1String("open") || action == QLatin1String("default"))
        Q_EMIT openRequested(it->build.url);
    else if (action == QLatin1String("rebuild"))
        Q_EMIT rebuildRequested(it->build.repository, it->build.tag);
    else if (action == QLatin1String("mute"))
        Q_EMIT muteRequested(it->build.repository);
}

} // namespace hubhook
