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
        for (const Pending &n : std::exchange(m_waiting, {}))
            send(n);
    });
}

void Notifier::muteFor(qint64 ms) { m_dndUntil = ms > 0 ? Clock::now().addMSecs(ms) : QDateTime(); }

bool Notifier::isMuted(const QString &repository) const
{
    if (!m_config.enabled || (m_dndUntil.isValid() && Clock::now() < m_dndUntil))
        return true;
    if (repository.isEmpty())
        return false;
    // An image is named by its registry ("docker.io/acme/base"); a Docker Hub image is also muted
    // as "acme/base", the way its config names it.
    const QLatin1String hub("docker.io/");
    return matchesAnyGlob(m_config.mutedRepositories, repository)
            || (repository.startsWith(hub)
                && matchesAnyGlob(m_config.mutedRepositories, repository.mid(hub.size())));
}

void Notifier::onEvent(const Event &event)
{
    if (!m_config.events.contains(event.type))
        return;
    const QDateTime now = Clock::now();
    int repeats = 0;
    if (!m_repeats.admit(event, now, &repeats)) {
        qCInfo(lcNotify).noquote() << "not notifying again within the hour:" << event.summary();
        return;
    }
    NotificationText text = notificationText(event, now);
    if (repeats > 0)
        text.body += QStringLiteral("\n(%1 more time%2 in the last hour.)")
                             .arg(repeats)
                             .arg(repeats == 1 ? QString() : QStringLiteral("s"));
    notify(text.title, text.body, &event);
}

void Notifier::onStatus(OverallStatus status)
{
    // Once when the network goes, once when it comes back: not on every failed poll.
    if (status == OverallStatus::Offline && !m_offline) {
        m_offline = true;
        notify(QStringLiteral("Docker Hub unreachable"),
               QStringLiteral("Hubhook cannot reach Docker Hub; it keeps trying and will say when "
                              "it is back."));
    } else if (m_offline && status != OverallStatus::Offline && status != OverallStatus::Starting) {
        m_offline = false;
        notify(QStringLiteral("Docker Hub reachable again"), m_engine->summary());
    }
}

bool Notifier::notify(const QString &title, const QString &body, const Event *event)
{
    if (isMuted(event ? event->build.repository : QString()))
        return false;
    ++m_shown;
    Pending n { title, body, event != nullptr, event ? *event : Event() };
    if (m_server == Server::Unknown)
        m_waiting.append(std::move(n));
    else
        send(n);
    return true;
}

void Notifier::showBalloon(const QString &title, const QString &body)
{
    if (m_tray && m_tray->isVisible())
        m_tray->showMessage(title, body, QSystemTrayIcon::Warning, kBalloonMs);
}

void Notifier::send(const Pending &n)
{
    if (m_server != Server::DBus)
        return showBalloon(n.title, n.body);
    QStringList actions;
    if (m_actions && n.hasEvent) {
        if (!n.event.build.url.isEmpty())
            actions << QStringLiteral("default") << QStringLiteral("Open") << QStringLiteral("open")
                    << QStringLiteral("Open");
        if (!n.event.build.repository.isEmpty()) {
            actions << QStringLiteral("rebuild") << QStringLiteral("Rebuild");
            actions << QStringLiteral("mute")
                    << (n.event.build.image ? QStringLiteral("Mute image")
                                            : QStringLiteral("Mute repository"));
        }
    }
    // Good news (a recovery, a stale image pushed again) and a plain push are not urgent.
    const bool urgent = n.hasEvent && n.event.type != EventType::BuildRecovered
            && n.event.type != EventType::ImageFresh && n.event.type != EventType::ImagePushed;
    const QVariantMap hints { { QStringLiteral("urgency"),
                                QVariant::fromValue(uchar(urgent ? 2 : 1)) },
                              { QStringLiteral("desktop-entry"), kAppId },
                              { QStringLiteral("category"), QStringLiteral("transfer.error") } };
    QDBusMessage call
            = QDBusMessage::createMethodCall(kService, kPath, kService, QStringLiteral("Notify"));
    call << kAppName << uint(0) << kAppId << n.title << n.body << actions << hints << int(-1);
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
                if (!n.hasEvent || !m_actions)
                    return;
                const uint id = reply.value();
                m_byId.insert(id, n.event);
                m_order.removeOne(id);
                m_order.append(id);
                while (m_order.size() > kMaxTracked)
                    m_byId.remove(m_order.takeFirst());
            });
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
