#include "engine/NotificationPolicy.h"

#include "config/Validation.h"
#include "engine/Engine.h"
#include "support/Logging.h"

namespace hubhook {

bool NotificationPolicy::isMuted(const QString &repository, const QDateTime &now) const
{
    if (!m_config.enabled || (m_mutedUntil.isValid() && now < m_mutedUntil))
        return true;
    if (repository.isEmpty())
        return false;
    // An image is named by its registry ("docker.io/acme/base"); it is also muted as the config
    // writes it ("acme/base").
    return matchesAnyGlob(m_config.mutedRepositories, repository)
            || matchesAnyGlob(m_config.mutedRepositories, writtenImage(repository));
}

std::optional<Notification> NotificationPolicy::onEvent(const Event &event, const QDateTime &now)
{
    // Muted first: what is not shown does not count as shown for the repeat filter.
    if (!m_config.events.contains(event.type) || isMuted(event.build.repository, now))
        return std::nullopt;
    int repeats = 0;
    if (!m_repeats.admit(event, now, &repeats)) {
        qCInfo(lcNotify).noquote() << "not notifying again within the hour:" << event.summary();
        return std::nullopt;
    }
    NotificationText text = notificationText(event, now);
    if (repeats > 0)
        text.body += QStringLiteral("\n(%1 more time%2 in the last hour.)")
                             .arg(repeats)
                             .arg(repeats == 1 ? QString() : QStringLiteral("s"));
    const bool sound = m_config.sound && event.type == EventType::BuildFailed;
    return Notification { text.title, text.body, event, sound };
}

std::optional<Notification> NotificationPolicy::onBuildChange(const BuildChange &change,
                                                              const QDateTime &now)
{
    const Build &b = change.after;
    const bool started = b.state == BuildState::Building && change.before.id != 0
            && !(change.before.sameRun(b) && change.before.state == BuildState::Building);
    if (!m_config.onStart || !started || b.image || isMuted(b.repository, now))
        return std::nullopt;
    const NotificationText text = startedText(b, now);
    return Notification { text.title, text.body, std::nullopt };
}

std::optional<Notification> NotificationPolicy::onStatus(OverallStatus status,
                                                         const QString &summary,
                                                         const QDateTime &now)
{
    // Once when the network goes, once when it comes back: not on every failed poll. The state
    // follows the status whether the notification shows or is muted.
    std::optional<Notification> n;
    if (status == OverallStatus::Offline && !m_offline) {
        m_offline = true;
        n = Notification { QStringLiteral("Build services unreachable"),
                           QStringLiteral("Hubhook cannot reach the services it watches; it keeps "
                                          "trying and will say when they are back."),
                           std::nullopt };
    } else if (m_offline && status != OverallStatus::Offline && status != OverallStatus::Starting) {
        m_offline = false;
        n = Notification { QStringLiteral("Build services reachable again"), summary,
                           std::nullopt };
    }
    if (n && isMuted(QString(), now))
        return std::nullopt;
    return n;
}

} // namespace hubhook
