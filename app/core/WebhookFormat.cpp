#include "core/WebhookFormat.h"

namespace hubhook {

QString webhookFormatName(WebhookFormat format)
{
    switch (format) {
    case WebhookFormat::DockerHub:
        return QStringLiteral("dockerhub");
    case WebhookFormat::Slack:
        return QStringLiteral("slack");
    case WebhookFormat::Discord:
        return QStringLiteral("discord");
    case WebhookFormat::Teams:
        return QStringLiteral("teams");
    case WebhookFormat::Json:
        break;
    }
    return QStringLiteral("json");
}

bool isChatFormat(WebhookFormat format)
{
    return format == WebhookFormat::Slack || format == WebhookFormat::Discord
            || format == WebhookFormat::Teams;
}

} // namespace hubhook
