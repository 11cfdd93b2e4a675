#include "core/Event.h"

#include "support/TimeText.h"

#include <QCryptographicHash>

namespace hubhook {

QString eventTypeName(EventType type)
{
    switch (type) {
    case EventType::BuildFailed:
        return QStringLiteral("build.failed");
    case EventType::BuildStuck:
        return QStringLiteral("build.stuck");
    case EventType::BuildRecovered:
        return QStringLiteral("build.recovered");
    case EventType::BuildCancelled:
        return QStringLiteral("build.cancelled");
    case EventType::BuildNeedsAttention:
        return QStringLiteral("build.needs_attention");
    case EventType::ImageStale:
        return QStringLiteral("image.stale");
    case EventType::ImageFresh:
        return QStringLiteral("image.fresh");
    case EventType::ImagePushed:
        return QStringLiteral("image.pushed");
    case EventType::TriggerFailed:
        return QStringLiteral("trigger.failed");
    case EventType::TriggerNoBuild:
        return QStringLiteral("trigger.no_build");
    }
    return {};
}

QList<EventType> allEventTypes()
{
    return { EventType::BuildFailed,    EventType::BuildStuck,          EventType::BuildRecovered,
             EventType::BuildCancelled, EventType::BuildNeedsAttention, EventType::ImageStale,
             EventType::ImageFresh,     EventType::ImagePushed,         EventType::TriggerFailed,
             EventType::TriggerNoBuild };
}

QList<EventType> defaultEventTypes()
{
    return { EventType::BuildFailed,         EventType::BuildStuck,    EventType::BuildRecovered,
             EventType::BuildNeedsAttention, EventType::ImageStale,    EventType::ImageFresh,
             EventType::TriggerFailed,       EventType::TriggerNoBuild };
}

std::optional<EventType> eventTypeFromName(const QString &name)
{
    for (EventType t : allEventTypes()) {
        if (eventTypeName(t) == name)
            return t;
    }
    return std::nullopt;
}

QString eventId(const QString &provider, const QString &repository, qint64 buildId, EventType type,
                int attempt)
{
    const QString build = attempt > 1 ? QStringLiteral("%1.%2").arg(buildId).arg(attempt)
                                      : QString::number(buildId);
    const QByteArray key = QStringLiteral("%1|%2|%3|%4")
                                   .arg(provider, repository, build, eventTypeName(type))
                                   .toUtf8();
    return QStringLiteral("msg_")
            + QString::fromLatin1(
                    QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(32));
}

namespace {
QString pushedText(const Build &b)
{
    return b.updated.isValid()
            ? b.updated.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
            : QStringLiteral("never");
}
} // namespace

QString Event::summary() const
{
    const QString where = build.label();
    const QString since = build.created.isValid()
            ? QStringLiteral(" (started %1 UTC)")
                      .arg(build.created.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
            : QString();
    switch (type) {
    case EventType::BuildFailed:
        if (!build.workflow.isEmpty())
            return QStringLiteral("%1: run failed%2").arg(where, since);
        return QStringLiteral("%1: build failed (status %2)%3")
                .arg(where)
                .arg(build.statusCode)
                .arg(since);
    case EventType::BuildStuck:
        return QStringLiteral("%1: build queued for %2%3")
                .arg(where,
                     formatDuration(build.created.isValid() ? build.created.msecsTo(occurredAt)
                                                            : 0),
                     since);
    case EventType::BuildRecovered:
        return QStringLiteral("%1: build recovered%2").arg(where, since);
    case EventType::BuildCancelled:
        return QStringLiteral("%1: build cancelled%2").arg(where, since);
    case EventType::BuildNeedsAttention:
        return QStringLiteral("%1: run waits for approval%2").arg(where, since);
    case EventType::ImageStale:
        return QStringLiteral("%1: image stale, last pushed %2 (max age %3)")
                .arg(where, pushedText(build), formatDuration(build.maxAgeMs));
    case EventType::ImageFresh:
        return QStringLiteral("%1: image pushed again (%2), fresh").arg(where, build.buildCode);
    case EventType::ImagePushed:
        return QStringLiteral("%1: image pushed (%2)").arg(where, build.buildCode);
    case EventType::TriggerFailed:
        return QStringLiteral("trigger %1 failed: %2").arg(trigger, detail);
    case EventType::TriggerNoBuild:
        return QStringLiteral("trigger %1 fired but no build of %2 followed: %3")
                .arg(trigger, where, detail);
    }
    return {};
}

QJsonObject Event::toJson() const
{
    QJsonObject o {
        { QStringLiteral("id"), id },
        { QStringLiteral("type"), eventTypeName(type) },
        { QStringLiteral("occurred_at"), formatApiTime(occurredAt) },
        { QStringLiteral("summary"), summary() },
        { QStringLiteral("build"), build.toJson() },
    };
    if (previous.id != 0)
        o.insert(QStringLiteral("previous_build"), previous.toJson());
    if (!trigger.isEmpty())
        o.insert(QStringLiteral("trigger"), trigger);
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    return o;
}

std::optional<Event> Event::fromJson(const QJsonObject &o)
{
    const auto type = eventTypeFromName(o.value(QStringLiteral("type")).toString());
    Event e;
    e.id = o.value(QStringLiteral("id")).toString();
    if (!type || e.id.isEmpty())
        return std::nullopt;
    e.type = *type;
    e.occurredAt = parseApiTime(o.value(QStringLiteral("occurred_at")).toString());
    e.build = Build::fromJson(o.value(QStringLiteral("build")).toObject());
    if (o.contains(QStringLiteral("previous_build")))
        e.previous = Build::fromJson(o.value(QStringLiteral("previous_build")).toObject());
    e.trigger = o.value(QStringLiteral("trigger")).toString();
    e.detail = o.value(QStringLiteral("detail")).toString();
    return e;
}

} // namespace hubhook
