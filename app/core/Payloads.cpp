#include "core/Payloads.h"

#include "core/ProviderInfo.h"
#include "support/TimeText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>

namespace hubhook {

namespace {

QString where(const Event &e) { return e.build.label(); }

QString headline(const Event &e)
{
    switch (e.type) {
    case EventType::BuildFailed:
        return QStringLiteral("Build failed");
    case EventType::BuildStuck:
        return QStringLiteral("Build stuck in queue");
    case EventType::BuildRecovered:
        return QStringLiteral("Build recovered");
    case EventType::BuildCancelled:
        return QStringLiteral("Build cancelled");
    case EventType::BuildNeedsAttention:
        return QStringLiteral("Run waits for approval");
    case EventType::ImageStale:
        return QStringLiteral("Image stale");
    case EventType::ImageFresh:
        return QStringLiteral("Image fresh again");
    case EventType::ImagePushed:
        return QStringLiteral("Image pushed");
    case EventType::TriggerFailed:
        return QStringLiteral("Rebuild trigger failed");
    case EventType::TriggerNoBuild:
        return QStringLiteral("Rebuild trigger started no build");
    }
    return {};
}

int colour(const Event &e) // Discord embed colour
{
    switch (e.type) {
    case EventType::BuildRecovered:
        return 0x2e9d4b;
    case EventType::BuildStuck:
    case EventType::BuildNeedsAttention:
    case EventType::ImageStale:
        return 0xd98a12;
    case EventType::ImageFresh:
    case EventType::ImagePushed:
        return 0x2e9d4b;
    case EventType::BuildCancelled:
        return 0x6b6f76;
    default:
        return 0xd1332e;
    }
}

// An image's facts: its tag, digest and last push.
QList<QPair<QString, QString>> imageFacts(const Event &e)
{
    QList<QPair<QString, QString>> out;
    out.append({ QStringLiteral("Image"), e.build.repository });
    out.append({ QStringLiteral("Tag"),
                 e.build.cause.isEmpty()
                         ? e.build.tag
                         : QStringLiteral("%1 (newest of %2)").arg(e.build.cause, e.build.tag) });
    out.append({ QStringLiteral("Digest"), e.build.digest });
    out.append({ QStringLiteral("Last push"),
                 e.build.updated.isValid() ? e.build.updated.toUTC().toString(
                         QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"))
                                           : QStringLiteral("never") });
    if (e.build.maxAgeMs > 0)
        out.append({ QStringLiteral("Max age"), formatDuration(e.build.maxAgeMs) });
    if (e.previous.id != 0)
        out.append({ QStringLiteral("Previous digest"), e.previous.digest });
    return out;
}

// A build's or a run's facts (a trigger's too: its build is mostly empty).
QList<QPair<QString, QString>> buildFacts(const Event &e)
{
    QList<QPair<QString, QString>> out;
    const bool run = !e.build.workflow.isEmpty();
    if (e.build.id != 0 || run)
        out.append({ QStringLiteral("Provider"), providerDisplayName(e.build.provider) });
    if (!e.build.repository.isEmpty())
        out.append({ QStringLiteral("Repository"), e.build.repository });
    if (run) {
        out.append({ QStringLiteral("Workflow"),
                     e.build.workflowName.isEmpty() ? e.build.workflow : e.build.workflowName });
        out.append({ QStringLiteral("Branch"), e.build.branch });
        if (!e.build.commit.isEmpty())
            out.append({ QStringLiteral("Commit"), e.build.commit.left(12) });
        if (!e.build.actor.isEmpty())
            out.append({ QStringLiteral("Actor"), e.build.actor });
        if (!e.build.event.isEmpty())
            out.append({ QStringLiteral("Event"), e.build.event });
        if (e.build.attempt > 1)
            out.append({ QStringLiteral("Attempt"), QString::number(e.build.attempt) });
    } else if (!e.build.tag.isEmpty()) {
        out.append({ QStringLiteral("Tag"), e.build.tag });
    }
    if (e.build.id != 0)
        out.append({ QStringLiteral("Status"),
                     run ? buildStateName(e.build.state)
                         : QStringLiteral("%1 (%2)")
                                     .arg(buildStateName(e.build.state))
                                     .arg(e.build.statusCode) });
    if (e.build.created.isValid())
        out.append({ QStringLiteral("Since"),
                     e.build.created.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'")) });
    if (!e.build.cause.isEmpty())
        out.append({ QStringLiteral("Cause"), e.build.cause });
    if (!e.build.buildCode.isEmpty())
        out.append({ QStringLiteral("Build"), e.build.buildCode });
    if (e.previous.id != 0)
        out.append({ QStringLiteral("Failed build"),
                     e.previous.buildCode.isEmpty() ? QString::number(e.previous.id)
                                                    : e.previous.buildCode });
    if (!e.trigger.isEmpty())
        out.append({ QStringLiteral("Trigger"), e.trigger });
    if (!e.detail.isEmpty())
        out.append({ QStringLiteral("Detail"), e.detail });
    return out;
}

// Facts shown by every chat format, in order.
QList<QPair<QString, QString>> facts(const Event &e)
{
    return e.build.image ? imageFacts(e) : buildFacts(e);
}

QString slackEscape(QString s)
{
    return s.replace(QLatin1Char('&'), QLatin1String("&amp;"))
            .replace(QLatin1Char('<'), QLatin1String("&lt;"))
            .replace(QLatin1Char('>'), QLatin1String("&gt;"));
}

// The build-history record as the dockerhub format has it, from the fields Hubhook keeps.
QJsonObject dockerHubBuildHistory(const Build &b)
{
    const auto str = [](const QString &s) {
        return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
    };
    return {
        { QStringLiteral("id"), double(b.id) },
        { QStringLiteral("status"), b.statusCode },
        { QStringLiteral("created_date"), str(formatApiTime(b.created, b.createdFraction)) },
        // null when the provider sent null (the build's `updated` then stands in for it)
        { QStringLiteral("last_updated"),
          b.updatedFraction.digits < 0 ? QJsonValue(QJsonValue::Null)
                                       : str(formatApiTime(b.updated, b.updatedFraction)) },
        { QStringLiteral("build_code"), str(b.buildCode) },
        { QStringLiteral("dockertag_name"), str(b.tag) },
        { QStringLiteral("cause"), str(b.cause) },
    };
}

QJsonObject dockerHubPushData(const Event &e, const QString &ns)
{
    QJsonObject push { { QStringLiteral("pushed_at"), double(e.occurredAt.toSecsSinceEpoch()) },
                       { QStringLiteral("images"), QJsonArray() },
                       { QStringLiteral("tag"), e.build.tag },
                       { QStringLiteral("pusher"), ns } };
    if (!e.build.image)
        return push;
    // An image event: the tag's last push, as the dockerhub format's push webhook has it.
    push.insert(QStringLiteral("pushed_at"),
                e.build.updated.isValid() ? QJsonValue(double(e.build.updated.toSecsSinceEpoch()))
                                          : QJsonValue(QJsonValue::Null));
    push.insert(QStringLiteral("tag"), e.build.cause.isEmpty() ? e.build.tag : e.build.cause);
    push.insert(QStringLiteral("digest"), e.build.digest);
    push.insert(QStringLiteral("max_age_seconds"), double(e.build.maxAgeMs / 1000));
    return push;
}

QJsonObject dockerHub(const Event &e)
{
    // An image row names its registry ("docker.io/acme/base"): the payload has the path.
    const QString repo
            = e.build.image ? e.build.repository.section(QLatin1Char('/'), 1) : e.build.repository;
    const QString ns = repo.section(QLatin1Char('/'), 0, 0);
    const QString name = repo.section(QLatin1Char('/'), 1);
    QUrl web(e.build.url);
    web = web.isValid() && !web.host().isEmpty() ? web
                                                 : QUrl(QStringLiteral("https://hub.docker.com"));
    web.setPath(QStringLiteral("/r/%1").arg(repo));
    web.setQuery(QString());
    QJsonObject payload {
        { QStringLiteral("push_data"), dockerHubPushData(e, ns) },
        { QStringLiteral("repository"),
          QJsonObject { { QStringLiteral("status"), dockerHubRepositoryStatus(e.type) },
                        { QStringLiteral("repo_url"), web.toString() },
                        { QStringLiteral("owner"), ns },
                        { QStringLiteral("name"), name },
                        { QStringLiteral("namespace"), ns },
                        { QStringLiteral("repo_name"), repo } } },
    };
    if (!e.build.image && e.build.id != 0)
        payload.insert(QStringLiteral("build_history"), dockerHubBuildHistory(e.build));
    return payload;
}

QJsonObject slack(const Event &e)
{
    const QString fallback
            = e.summary() + (e.build.url.isEmpty() ? QString() : QStringLiteral(" ") + e.build.url);
    QString text = QStringLiteral("*%1*: ").arg(headline(e));
    text += e.build.url.isEmpty()
            ? slackEscape(where(e))
            : QStringLiteral("<%1|%2>").arg(e.build.url, slackEscape(where(e)));
    QJsonArray fields;
    for (const auto &[k, v] : facts(e))
        fields.append(QJsonObject {
                { QStringLiteral("type"), QStringLiteral("mrkdwn") },
                { QStringLiteral("text"), QStringLiteral("*%1*\n%2").arg(k, slackEscape(v)) } });
    while (fields.size() > 10) // Slack's limit per section
        fields.removeLast();
    QJsonArray blocks {
        QJsonObject { { QStringLiteral("type"), QStringLiteral("section") },
                      { QStringLiteral("text"),
                        QJsonObject { { QStringLiteral("type"), QStringLiteral("mrkdwn") },
                                      { QStringLiteral("text"), text } } } },
        QJsonObject { { QStringLiteral("type"), QStringLiteral("section") },
                      { QStringLiteral("fields"), fields } },
        QJsonObject {
                { QStringLiteral("type"), QStringLiteral("context") },
                { QStringLiteral("elements"),
                  QJsonArray { QJsonObject {
                          { QStringLiteral("type"), QStringLiteral("mrkdwn") },
                          { QStringLiteral("text"),
                            QStringLiteral("Hubhook · %1").arg(eventTypeName(e.type)) } } } } },
    };
    return { { QStringLiteral("text"), fallback }, { QStringLiteral("blocks"), blocks } };
}

QJsonObject discord(const Event &e)
{
    QJsonArray fields;
    for (const auto &[k, v] : facts(e))
        fields.append(QJsonObject { { QStringLiteral("name"), k },
                                    { QStringLiteral("value"), v.left(1024) },
                                    { QStringLiteral("inline"), true } });
    QJsonObject embed { { QStringLiteral("title"),
                          QStringLiteral("%1: %2").arg(headline(e), where(e)).left(256) },
                        { QStringLiteral("description"), e.summary().left(4096) },
                        { QStringLiteral("color"), colour(e) },
                        { QStringLiteral("fields"), fields },
                        { QStringLiteral("timestamp"), formatApiTime(e.occurredAt) },
                        { QStringLiteral("footer"),
                          QJsonObject { { QStringLiteral("text"), QStringLiteral("Hubhook") } } } };
    if (!e.build.url.isEmpty())
        embed.insert(QStringLiteral("url"), e.build.url);
    return { { QStringLiteral("content"), e.summary().left(2000) },
             { QStringLiteral("embeds"), QJsonArray { embed } } };
}

QJsonObject teams(const Event &e)
{
    QJsonArray factList;
    for (const auto &[k, v] : facts(e))
        factList.append(
                QJsonObject { { QStringLiteral("title"), k }, { QStringLiteral("value"), v } });
    QJsonArray body {
        QJsonObject {
                { QStringLiteral("type"), QStringLiteral("TextBlock") },
                { QStringLiteral("text"), QStringLiteral("%1: %2").arg(headline(e), where(e)) },
                { QStringLiteral("weight"), QStringLiteral("Bolder") },
                { QStringLiteral("size"), QStringLiteral("Medium") },
                { QStringLiteral("wrap"), true } },
        QJsonObject { { QStringLiteral("type"), QStringLiteral("TextBlock") },
                      { QStringLiteral("text"), e.summary() },
                      { QStringLiteral("wrap"), true } },
        QJsonObject { { QStringLiteral("type"), QStringLiteral("FactSet") },
                      { QStringLiteral("facts"), factList } },
    };
    QJsonObject card { { QStringLiteral("$schema"),
                         QStringLiteral("http://adaptivecards.io/schemas/adaptive-card.json") },
                       { QStringLiteral("type"), QStringLiteral("AdaptiveCard") },
                       { QStringLiteral("version"), QStringLiteral("1.0") },
                       { QStringLiteral("body"), body } };
    if (!e.build.url.isEmpty())
        card.insert(QStringLiteral("actions"),
                    QJsonArray { QJsonObject {
                            { QStringLiteral("type"), QStringLiteral("Action.OpenUrl") },
                            { QStringLiteral("title"), QStringLiteral("Open build") },
                            { QStringLiteral("url"), e.build.url } } });
    return { { QStringLiteral("type"), QStringLiteral("message") },
             { QStringLiteral("attachments"),
               QJsonArray {
                       QJsonObject { { QStringLiteral("contentType"),
                                       QStringLiteral("application/vnd.microsoft.card.adaptive") },
                                     { QStringLiteral("contentUrl"), QJsonValue::Null },
                                     { QStringLiteral("content"), card } } } } };
}

} // namespace

QString dockerHubRepositoryStatus(EventType type)
{
    switch (type) {
    case EventType::BuildStuck:
        return QStringLiteral("Queued");
    case EventType::BuildRecovered:
        return QStringLiteral("Recovered");
    case EventType::ImageStale:
        return QStringLiteral("Stale");
    case EventType::ImageFresh:
        return QStringLiteral("Fresh");
    case EventType::ImagePushed:
        return QStringLiteral("Pushed");
    case EventType::BuildCancelled:
        return QStringLiteral("Cancelled");
    default:
        return QStringLiteral("Failed");
    }
}

QByteArray renderPayload(WebhookFormat format, const Event &event)
{
    QJsonObject o;
    switch (format) {
    case WebhookFormat::DockerHub:
        o = dockerHub(event);
        break;
    case WebhookFormat::Slack:
        o = slack(event);
        break;
    case WebhookFormat::Discord:
        o = discord(event);
        break;
    case WebhookFormat::Teams:
        o = teams(event);
        break;
    case WebhookFormat::Json:
        o = event.toJson();
        o.insert(QStringLiteral("hubhook_version"), QStringLiteral(HUBHOOK_VERSION));
        break;
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Event sampleEvent(const QDateTime &now)
{
    Build b;
    b.repository = QStringLiteral("example/hubhook-test");
    b.tag = QStringLiteral("latest");
    b.id = 1;
    b.statusCode = -1;
    b.state = BuildState::Failed;
    b.buildCode = QStringLiteral("hubhooktest");
    b.cause = QStringLiteral("TRIGGERED_VIA_API");
    b.created = now.addSecs(-300);
    b.updated = now.addSecs(-60);
    b.url = QStringLiteral(
            "https://hub.docker.com/repository/docker/example/hubhook-test/builds/hubhooktest");
    Event e;
    e.type = EventType::BuildFailed;
    e.id = QStringLiteral("msg_test_") + QString::number(now.toMSecsSinceEpoch());
    e.occurredAt = now;
    e.build = b;
    return e;
}

} // namespace hubhook
