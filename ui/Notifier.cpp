#include "Notifier.h"

#include "Logging.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusInterface>
#include <QDBusReply>
#include <QSystemTrayIcon>

namespace hubhook {

namespace {
const QString kService = QStringLiteral("org.freedesktop.Notifications");
const QString kPath = QStringLiteral("/org/freedesktop/Notifications");

QString title(const Event &e)
{
    switch (e.type) {
    case EventType::BuildFailed:
        return QStringLiteral("Build failed: %1").arg(e.build.repository);
    case EventType::BuildStuck:
        return QStringLiteral("Build stuck in queue: %1").arg(e.build.repository);
    case EventType::BuildRecovered:
        return QStringLiteral("Build recovered: %1").arg(e.build.repository);
    case EventType::BuildCancelled:
        return QStringLiteral("Build cancelled: %1").arg(e.build.repository);
    case EventType::TriggerFailed:
        return QStringLiteral("Rebuild trigger failed: %1").arg(e.trigger);
    case EventType::TriggerNoBuild:
        return QStringLiteral("No build after trigger: %1").arg(e.trigger);
    }
    return QStringLiteral("Hubhook");
}
} // namespace

Notifier::Notifier(Engine *engine, QSystemTrayIcon *tray, QObject *parent)
    : QObject(parent), m_engine(engine), m_tray(tray)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected() && bus.interface()
        && (bus.interface()->isServiceRegistered(kService)
            || bus.interface()->activatableServiceNames().value().contains(kService))) {
        m_dbus = true;
        QDBusInterface server(kService, kPath, kService, bus);
        const QDBusReply<QStringList> caps = server.call(QStringLiteral("GetCapabilities"));
        m_actions = caps.isValid() && caps.value().contains(QStringLiteral("actions"));
        bus.connect(kService, kPath, kService, QStringLiteral("ActionInvoked"), this,
                    SLOT(onActionInvoked(uint, QString)));
    }
    connect(engine, &Engine::eventRaised, this, &Notifier::onEvent);
    connect(engine, &Engine::statusChanged, this, &Notifier::onStatus);
}

void Notifier::muteFor(qint64 ms)
{
    m_dndUntil = ms > 0 ? QDateTime::currentDateTimeUtc().addMSecs(ms) : QDateTime();
}

bool Notifier::isMuted(const QString &repository) const
{
    if (!m_config.enabled || (m_dndUntil.isValid() && QDateTime::currentDateTimeUtc() < m_dndUntil))
        return true;
    return !repository.isEmpty() && matchesAnyGlob(m_config.mutedRepositories, repository);
}

void Notifier::onEvent(const Event &event)
{
    if (!m_config.events.contains(event.type))
        return;
    notify(title(event), event.summary(), &event);
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
    if (!m_dbus) {
        if (m_tray && m_tray->isVisible())
            m_tray->showMessage(title, body, QSystemTrayIcon::Warning, 15000);
        return true;
    }
    QStringList actions;
    if (m_actions && event) {
        if (!event->build.url.isEmpty())
            actions << QStringLiteral("default") << QStringLiteral("Open") << QStringLiteral("open")
                    << QStringLiteral("Open");
        if (!event->build.repository.isEmpty()) {
            actions << QStringLiteral("rebuild") << QStringLiteral("Rebuild");
            actions << QStringLiteral("mute") << QStringLiteral("Mute repository");
        }
    }
    const bool urgent = event && event->type != EventType::BuildRecovered;
    QVariantMap hints { { QStringLiteral("urgency"), QVariant::fromValue(uchar(urgent ? 2 : 1)) },
                        { QStringLiteral("desktop-entry"),
                          QStringLiteral("io.github.hubhook.Hubhook") },
                        { QStringLiteral("category"), QStringLiteral("transfer.error") } };
    QDBusInterface server(kService, kPath, kService, QDBusConnection::sessionBus());
    const QDBusReply<uint> reply = server.call(QStringLiteral("Notify"), QStringLiteral("Hubhook"),
                                               uint(0), QStringLiteral("io.github.hubhook.Hubhook"),
                                               title, body, actions, hints, int(-1));
    if (!reply.isValid()) {
        qCWarning(lcPoll) << "desktop notification failed:" << reply.error().name();
        if (m_tray && m_tray->isVisible())
            m_tray->showMessage(title, body, QSystemTrayIcon::Warning, 15000);
        return true;
    }
    if (event)
        m_byId.insert(reply.value(), *event);
    return true;
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
