#pragma once

#include "core/Event.h"
#include "core/WebhookFormat.h"

#include <QByteArray>

namespace hubhook {

// The body of a webhook for `event` in `format`:
//  - dockerhub: the synthetic on-error payload of the ATSD seed, field for field
//    (push_data, repository with status Failed/Queued/Recovered/Cancelled, build_history);
//  - slack (text + blocks), discord (content + embed), teams (Workflows adaptive card);
//  - json: Hubhook's own event schema (Event::toJson plus `hubhook_version`).
QByteArray renderPayload(WebhookFormat format, const Event &event);

// The dockerhub format's `repository.status` for an event: Failed, Queued, Recovered or Cancelled.
QString dockerHubRepositoryStatus(EventType type);

// A sample build.failed event for `hubhook webhook test`.
Event sampleEvent(const QDateTime &now);

} // namespace hubhook
