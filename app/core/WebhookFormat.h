#pragma once

#include <QString>

namespace hubhook {

// The shape of a webhook's payload: the Docker-Hub-shaped on-error payload, the chat formats,
// or Hubhook's own JSON.
enum class WebhookFormat { DockerHub, Slack, Discord, Teams, Json };
QString webhookFormatName(WebhookFormat format); // "dockerhub", "slack", ...
bool isChatFormat(WebhookFormat format); // their 4xx answers are permanent

} // namespace hubhook
