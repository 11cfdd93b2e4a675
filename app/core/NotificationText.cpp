#include "core/NotificationText.h"

#include "core/ProviderInfo.h"
#include "support/TimeText.h"

namespace hubhook {

namespace {

QString where(const Build &b) { return b.label(); }

QString queueOf(const Build &b)
{
    const ProviderInfo *p = providerInfo(b.provider);
    return p ? p->queueName() : QStringLiteral("the queue");
}

// "14:05" today, "Mon 14:05" this week, "2026-11-20 14:05" before.
QString clock(const QDateTime &time, const QDateTime &now)
{
    const QDateTime local = time.toLocalTime();
    const qint64 days = local.date().daysTo(now.toLocalTime().date());
    if (days == 0)
        return local.toString(QStringLiteral("HH:mm"));
    if (days > 0 && days < 7)
        return local.toString(QStringLiteral("ddd HH:mm"));
    return local.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// "3 minutes", "2 hours", "1 day"
QString span(qint64 ms)
{
    const qint64 s = std::max<qint64>(0, ms / 1000);
    const auto unit = [](qint64 n, const char *one, const char *many) {
        return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
    };
    if (s < 60)
        return unit(s, "second", "seconds");
    if (s < 3600)
        return unit(s / 60, "minute", "minutes");
    if (s < 86400)
        return unit(s / 3600, "hour", "hours");
    return unit(s / 86400, "day", "days");
}

QString sinceClause(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return {};
    return QStringLiteral("%1 (%2 ago)").arg(clock(time, now), span(time.msecsTo(now)));
}

QString withLink(QString body, const Build &b)
{
    if (!b.url.isEmpty())
        body += QStringLiteral("\n") + b.url;
    return body;
}

QString withCause(QString body, const Build &b)
{
    if (!b.cause.isEmpty())
        body += QStringLiteral("\nCause: %1.").arg(describeCause(b.cause));
    return body;
}

// "The build of X failed at 14:05 (3 minutes ago); it started at 13:50."
NotificationText failedText(const Build &b, const QDateTime &now)
{
    const QString what = where(b);
    QString body = QStringLiteral("The build of %1 failed").arg(what);
    if (b.updated.isValid())
        body += QStringLiteral(" at %1").arg(sinceClause(b.updated, now));
    if (b.created.isValid())
        body += QStringLiteral("; it started at %1").arg(clock(b.created, now));
    body += QLatin1Char('.');
    return { QStringLiteral("Build failed: %1").arg(what), withLink(withCause(body, b), b) };
}

// "X has waited in <the provider's queue> since 13:50 (2 hours) without starting."
NotificationText stuckText(const Event &e, const QDateTime &now)
{
    const Build &b = e.build;
    const QString what = where(b);
    const QDateTime at = e.occurredAt.isValid() ? e.occurredAt : now;
    const QString body = b.created.isValid()
            ? QStringLiteral("%1 has waited in %2 since %3 (%4) without starting.")
                      .arg(what, queueOf(b), clock(b.created, now), span(b.created.msecsTo(at)))
            : QStringLiteral("%1 waits in %2 without starting.").arg(what, queueOf(b));
    return { QStringLiteral("Build stuck in the queue: %1").arg(what),
             withLink(withCause(body, b), b) };
}

// "X builds again: the build finished at 14:05 succeeded after the failure of 12:00."
NotificationText recoveredText(const Event &e, const QDateTime &now)
{
    const Build &b = e.build;
    const QString what = where(b);
    QString body = QStringLiteral("%1 builds again").arg(what);
    if (b.updated.isValid())
        body += QStringLiteral(": the build finished at %1 succeeded").arg(clock(b.updated, now));
    if (e.previous.updated.isValid())
        body += QStringLiteral(" after the failure of %1").arg(clock(e.previous.updated, now));
    body += QLatin1Char('.');
    return { QStringLiteral("Build fixed: %1").arg(what), withLink(body, b) };
}

// "The build of X started at 13:50 was cancelled."
NotificationText cancelledText(const Build &b, const QDateTime &now)
{
    const QString what = where(b);
    QString body = QStringLiteral("The build of %1").arg(what);
    if (b.created.isValid())
        body += QStringLiteral(" started at %1").arg(clock(b.created, now));
    body += QStringLiteral(" was cancelled.");
    return { QStringLiteral("Build cancelled: %1").arg(what), withLink(body, b) };
}

// "X was last pushed Mon 14:05 (3 days ago), longer ago than its limit of 2 days."
NotificationText staleText(const Build &b, const QDateTime &now)
{
    const QString what = where(b);
    QString body = b.updated.isValid()
            ? QStringLiteral("%1 was last pushed %2 (%3 ago), longer ago than its limit of %4.")
                      .arg(what, clock(b.updated, now), span(b.updated.msecsTo(now)),
                           formatDuration(b.maxAgeMs))
            : QStringLiteral("%1 has no known push.").arg(what);
    body += QStringLiteral(" A scheduled rebuild may have stopped.");
    return { QStringLiteral("Image stale: %1").arg(what), withLink(body, b) };
}

} // namespace

QString describeCause(const QString &cause)
{
    static const QHash<QString, QString> known {
        { QStringLiteral("TRIGGERED_VIA_API"), QStringLiteral("a trigger URL or the API") },
        { QStringLiteral("SOURCE_REPOSITORY_PUSH"),
          QStringLiteral("a push to the source repository") },
        { QStringLiteral("BUILD_SETTINGS_CHANGED"),
          QStringLiteral("a change of the build settings") },
        { QStringLiteral("MANUAL"), QStringLiteral("started by hand") },
        { QStringLiteral("REPOSITORY_LINK"), QStringLiteral("a linked repository was built") },
    };
    if (const auto it = known.constFind(cause.toUpper()); it != known.constEnd())
        return *it;
    QString words = cause.toLower();
    words.replace(QLatin1Char('_'), QLatin1Char(' '));
    return words.trimmed();
}

NotificationText startedText(const Build &b, const QDateTime &now)
{
    const QString what = where(b);
    QString body = QStringLiteral("%1 is building").arg(what);
    if (b.created.isValid())
        body += QStringLiteral(" (queued at %1)").arg(clock(b.created, now));
    body += QLatin1Char('.');
    return { QStringLiteral("Build started: %1").arg(what), withLink(withCause(body, b), b) };
}

NotificationText notificationText(const Event &e, const QDateTime &now)
{
    const Build &b = e.build;
    const QString what = where(b);
    switch (e.type) {
    case EventType::BuildFailed:
        return failedText(b, now);
    case EventType::BuildStuck:
        return stuckText(e, now);
    case EventType::BuildRecovered:
        return recoveredText(e, now);
    case EventType::BuildCancelled:
        return cancelledText(b, now);
    case EventType::ImageStale:
        return staleText(b, now);
    case EventType::ImageFresh:
        return { QStringLiteral("Image fresh again: %1").arg(what),
                 withLink(QStringLiteral("%1 was pushed at %2 (digest %3).")
                                  .arg(what, clock(b.updated, now), b.buildCode),
                          b) };
    case EventType::ImagePushed:
        return { QStringLiteral("Image pushed: %1").arg(what),
                 withLink(QStringLiteral("%1 has a new digest %2 (was %3).")
                                  .arg(what, b.buildCode, e.previous.buildCode),
                          b) };
    case EventType::BuildNeedsAttention:
        return { QStringLiteral("Build waits for approval: %1").arg(what),
                 withLink(QStringLiteral("The run of %1 needs someone to approve or review it "
                                         "before it goes on.")
                                  .arg(what),
                          b) };
    case EventType::TriggerFailed:
        return { QStringLiteral("Rebuild trigger failed: %1").arg(e.trigger),
                 QStringLiteral("Hubhook could not fire the rebuild trigger \"%1\": %2.")
                         .arg(e.trigger, e.detail) };
    case EventType::TriggerNoBuild:
        return { QStringLiteral("No rebuild after trigger: %1").arg(e.trigger),
                 QStringLiteral("The trigger \"%1\" was fired, but no build or push of %2 "
                                "followed (%3).")
                         .arg(e.trigger, what, e.detail) };
    }
    return { QStringLiteral("Hubhook"), e.summary() };
}

bool RepeatFilter::admit(const Event &e, const QDateTime &now, int *repeats)
{
    *repeats = 0;
    if (e.type != EventType::TriggerFailed && e.type != EventType::TriggerNoBuild)
        return true;
    Seen &seen = m_seen[eventTypeName(e.type) + QLatin1Char('|') + e.trigger];
    if (seen.shownAt.isValid() && seen.shownAt.msecsTo(now) < m_quietMs) {
        ++seen.heldBack;
        return false;
    }
    *repeats = std::exchange(seen.heldBack, 0);
    seen.shownAt = now;
    return true;
}

} // namespace hubhook
