#pragma once

#include "core/Build.h"

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace hubhook {

// What Hubhook tells the world about. Build events come from the Detector; trigger events
// (trigger.failed, trigger.no_build) from the scheduler of rebuild triggers.
enum class EventType {
    BuildFailed,
    BuildStuck, // queued longer than `queued_alert_after`
    BuildRecovered, // first success after a failure of the same repository and tag
    BuildCancelled, // sent only to targets that list it
    BuildNeedsAttention, // a run waits for a person (an approval, a manual job)
    ImageStale, // an image tag's last push is older than its watch's `max_age`
    ImageFresh, // a stale tag was pushed again
    ImagePushed, // a watched tag got a new digest (sent only to targets that list it)
    TriggerFailed,
    TriggerNoBuild,
};

QString eventTypeName(EventType type); // "build.failed", ...
std::optional<EventType> eventTypeFromName(const QString &name);
QList<EventType> allEventTypes();
// The events a webhook target gets when it does not list any.
QList<EventType> defaultEventTypes();

struct Event
{
    QString id; // deterministic: the same build and type give the same id on every machine
    EventType type = EventType::BuildFailed;
    QDateTime occurredAt; // when Hubhook detected it
    Build build; // the build concerned
    Build previous; // build.recovered: the failure it recovers from (id 0 otherwise)
    QString trigger; // trigger events: the trigger's name
    QString detail; // trigger events: what went wrong

    // One line for logs and notifications: what happened, where and since when.
    QString summary() const;
    QJsonObject toJson() const; // Hubhook's own event schema (the `json` webhook format)
    static std::optional<Event> fromJson(const QJsonObject &object);
};

// "msg_" + 32 hex digits of SHA-256(provider|repository|build id|type): two Hubhook instances
// watching the same repository send the same webhook-id, so receivers can deduplicate. An
// attempt above 1 (a re-run that keeps its run id) is part of the build id: "id.attempt".
QString eventId(const QString &provider, const QString &repository, qint64 buildId, EventType type,
                int attempt = 0);

} // namespace hubhook
Q_DECLARE_METATYPE(hubhook::Event)
