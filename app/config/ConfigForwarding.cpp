// The part of the config that says where events go: webhook targets and detection thresholds.
#include "config/ConfigFields.h"
#include "config/Validation.h"
#include "support/TimeText.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

namespace hubhook {

bool matchesAnyGlob(const QStringList &patterns, const QString &text)
{
    for (const QString &pattern : patterns) {
        const QRegularExpression re(
                QRegularExpression::anchoredPattern(QRegularExpression::wildcardToRegularExpression(
                        pattern, QRegularExpression::UnanchoredWildcardConversion)));
        if (re.match(text).hasMatch())
            return true;
    }
    return false;
}

bool WebhookConfig::wants(EventType type, const QString &repository, const QString &provider) const
{
    if (!events.contains(type))
        return false;
    if (!providers.isEmpty() && !provider.isEmpty() && !providers.contains(provider))
        return false;
    return repositories.isEmpty() || repository.isEmpty()
            || matchesAnyGlob(repositories, repository);
}

bool isCleartextToRemoteHost(const QUrl &url)
{
    if (url.scheme() != QLatin1String("http") || url.host().isEmpty())
        return false;
    const QString host = url.host().toLower();
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return false;
    const QHostAddress address(host);
    return address.isNull() || !address.isLoopback();
}

QStringList configWarnings(const Config &config)
{
    QStringList out;
    const QString what = QStringLiteral(
            "%1: plain http:// to a host that is not this machine: the payload and any "
            "credentials travel unencrypted (use https://)");
    for (int i = 0; i < config.webhooks.size(); ++i) {
        if (isCleartextToRemoteHost(QUrl(config.webhooks.at(i).url)))
            out.append(what.arg(QStringLiteral("webhooks[%1].url").arg(i)));
    }
    for (int i = 0; i < config.triggers.size(); ++i) {
        if (isCleartextToRemoteHost(QUrl(config.triggers.at(i).url)))
            out.append(what.arg(QStringLiteral("triggers[%1].url").arg(i)));
    }
    const QHostAddress host(config.cctray.host);
    if (config.cctray.enabled() && config.cctray.host != QLatin1String("localhost")
        && !host.isLoopback())
        out.append(QStringLiteral("cctray.listen: the feed is served to other machines at %1 "
                                  "(plain http; every row's name and link can be read there%2)")
                           .arg(config.cctray.host,
                                config.cctray.tokenSecret.isEmpty()
                                        ? QStringLiteral(", by anyone: set \"token\"")
                                        : QString()));
    return out;
}

int dockerHubFormatConflict(const WebhookConfig &w, const Config &c)
{
    if (w.format != WebhookFormat::DockerHub)
        return -1;
    for (int i = 0; i < c.watch.size(); ++i) {
        const WatchConfig &watch = c.watch[i];
        const QString provider = c.accounts.value(watch.account).provider;
        const ProviderInfo *p = providerInfo(provider);
        if (!p || p->fitsDockerHubPayload() || !w.wantsProvider(provider))
            continue;
        // A repository filter that cannot match the watch keeps its runs out.
        if (!w.repositories.isEmpty() && !watch.isNamespace()
            && !matchesAnyGlob(w.repositories, watch.repository))
            continue;
        return i;
    }
    return -1;
}

namespace configfields {

namespace {

void checkUrl(const QString &url, const QString &path, const JsonFields &f)
{
    // Don't echo the URL: it may carry a token.
    if (!isHttpUrl(QUrl(url, QUrl::StrictMode)))
        f.error(path, QStringLiteral("not an http(s) URL"));
}

void checkDockerHubFormat(const WebhookConfig &w, const QString &path, const Config &c,
                          const JsonFields &f)
{
    const int i = dockerHubFormatConflict(w, c);
    if (i < 0)
        return;
    QStringList fitting;
    for (const ProviderInfo *p : providerInfos()) {
        if (p->fitsDockerHubPayload())
            fitting.append(QLatin1Char('"') + p->id() + QLatin1Char('"'));
    }
    f.error(JsonFields::join(path, QStringLiteral("format")),
            QStringLiteral("\"dockerhub\" payloads describe Docker Hub builds, but the %1 runs of "
                           "watch[%2] (%3) could reach this webhook; add \"providers\": [%4] to "
                           "it, or use the \"json\" format")
                    .arg(providerInfo(c.accounts.value(c.watch[i].account).provider)->siteName())
                    .arg(i)
                    .arg(c.watch[i].label(), fitting.join(QStringLiteral(", "))));
}

WebhookConfig parseWebhook(const QJsonObject &o, const QString &path, const JsonFields &f)
{
    rejectUnknownKeys(o,
                      { QStringLiteral("name"), QStringLiteral("url"), QStringLiteral("format"),
                        QStringLiteral("events"), QStringLiteral("repositories"),
                        QStringLiteral("providers"), QStringLiteral("sign"),
                        QStringLiteral("headers"), QStringLiteral("insecure_tls"),
                        QStringLiteral("timeout") },
                      path, f);
    WebhookConfig w;
    w.name = f.string(o, QStringLiteral("name"), path, true);
    parseUrlAndHeaders(o, path, &w.url, &w.urlSecret, &w.headers, f);
    const QString format = f.string(o, QStringLiteral("format"), path);
    bool known = format.isEmpty();
    for (auto fmt : { WebhookFormat::DockerHub, WebhookFormat::Slack, WebhookFormat::Discord,
                      WebhookFormat::Teams, WebhookFormat::Json }) {
        if (webhookFormatName(fmt) == format) {
            w.format = fmt;
            known = true;
        }
    }
    if (!known)
        f.error(JsonFields::join(path, QStringLiteral("format")),
                QStringLiteral("unknown format \"%1\" (dockerhub, slack, discord, teams, json)")
                        .arg(format));
    if (o.contains(QStringLiteral("events"))) {
        w.events.clear();
        const QStringList names = f.stringList(o, QStringLiteral("events"), path);
        for (int i = 0; i < names.size(); ++i) {
            const auto type = eventTypeFromName(names[i]);
            if (type)
                w.events.append(*type);
            else
                f.error(JsonFields::index(JsonFields::join(path, QStringLiteral("events")), i),
                        QStringLiteral("unknown event \"%1\"").arg(names[i]));
        }
    }
    w.repositories = f.stringList(o, QStringLiteral("repositories"), path);
    w.providers = f.stringList(o, QStringLiteral("providers"), path);
    for (int i = 0; i < w.providers.size(); ++i) {
        if (!providerInfo(w.providers[i]))
            f.error(JsonFields::index(JsonFields::join(path, QStringLiteral("providers")), i),
                    QStringLiteral("unknown provider \"%1\" (%2)")
                            .arg(w.providers[i], providerIds().join(QStringLiteral(", "))));
    }
    w.signSecret = secretField(o, QStringLiteral("sign"), path, f);
    w.insecureTls = f.boolean(o, QStringLiteral("insecure_tls"), path, false);
    w.timeoutMs = durationField(o, QStringLiteral("timeout"), path, w.timeoutMs, 100, f);
    return w;
}

} // namespace

void parseUrlAndHeaders(const QJsonObject &o, const QString &path, QString *url, QString *urlSecret,
                        QList<QPair<QString, QString>> *headersOut, const JsonFields &f)
{
    const QString value = f.string(o, QStringLiteral("url"), path, true);
    *urlSecret = secretReference(value);
    if (urlSecret->isEmpty() && !value.isEmpty()) {
        *url = value;
        checkUrl(value, JsonFields::join(path, QStringLiteral("url")), f);
    } else if (!value.isEmpty() && !isValidSecretName(*urlSecret)) {
        f.error(JsonFields::join(path, QStringLiteral("url")), QStringLiteral("bad secret name"));
    }
    const QJsonObject headers = f.object(o, QStringLiteral("headers"), path);
    for (auto it = headers.begin(); it != headers.end(); ++it) {
        const QString p
                = JsonFields::join(JsonFields::join(path, QStringLiteral("headers")), it.key());
        if (!it.value().isString()) {
            f.error(p, QStringLiteral("expected a string"));
            continue;
        }
        if (!isHeaderName(it.key()))
            f.error(p, QStringLiteral("not a valid header name"));
        headersOut->append({ it.key(), it.value().toString() });
    }
}

void parseForwarding(const QJsonObject &root, Config &c, const JsonFields &f)
{
    c.queuedAlertAfterMs = durationField(root, QStringLiteral("queued_alert_after"), {},
                                         c.queuedAlertAfterMs, 1000, f);
    c.ignoreOlderThanMs = durationField(root, QStringLiteral("ignore_older_than"), {},
                                        c.ignoreOlderThanMs, 0, f);
    if (root.contains(QStringLiteral("delivery_schedule"))) {
        const QStringList steps = f.stringList(root, QStringLiteral("delivery_schedule"), {});
        QList<qint64> schedule;
        for (int i = 0; i < steps.size(); ++i) {
            const auto ms = parseDuration(steps[i]);
            if (ms)
                schedule.append(*ms);
            else
                f.error(JsonFields::index(QStringLiteral("delivery_schedule"), i),
                        QStringLiteral("not a duration: \"%1\"").arg(steps[i]));
        }
        if (schedule.isEmpty())
            f.error(QStringLiteral("delivery_schedule"), QStringLiteral("needs at least one step"));
        else
            c.deliverySchedule = schedule;
    }
    const QJsonArray hooks = f.array(root, QStringLiteral("webhooks"), {});
    QSet<QString> names;
    for (int i = 0; i < hooks.size(); ++i) {
        const QString path = JsonFields::index(QStringLiteral("webhooks"), i);
        if (!hooks.at(i).isObject()) {
            f.error(path,
                    QStringLiteral("expected an object, got %1")
                            .arg(JsonFields::typeName(hooks.at(i))));
            continue;
        }
        WebhookConfig w = parseWebhook(hooks.at(i).toObject(), path, f);
        if (names.contains(w.name))
            f.error(JsonFields::join(path, QStringLiteral("name")),
                    QStringLiteral("duplicate webhook name \"%1\"").arg(w.name));
        names.insert(w.name);
        checkDockerHubFormat(w, path, c, f);
        c.webhooks.append(w);
    }
}

void parseCctray(const QJsonObject &root, Config &c, const JsonFields &f)
{
    if (!root.contains(QStringLiteral("cctray")))
        return;
    const QString path = QStringLiteral("cctray");
    const QJsonObject o = f.object(root, path, {});
    rejectUnknownKeys(o, { QStringLiteral("listen"), QStringLiteral("token") }, path, f);
    const QString listen = f.string(o, QStringLiteral("listen"), path, true);
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    QString host = listen.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2); // "[::1]:8787"
    bool numeric = false;
    const int port = listen.mid(colon + 1).toInt(&numeric);
    if (!listen.isEmpty()
        && (colon <= 0 || !numeric || port < 0 || port > 65535
            || (host != QLatin1String("localhost") && QHostAddress(host).isNull())))
        f.error(JsonFields::join(path, QStringLiteral("listen")),
                QStringLiteral("expected \"address:port\" (\"127.0.0.1:8787\", \"[::1]:8787\"), "
                               "got \"%1\"")
                        .arg(listen.left(100)));
    else if (!listen.isEmpty())
        c.cctray = CctrayConfig { host, port, {} };
    c.cctray.tokenSecret = secretField(o, QStringLiteral("token"), path, f);
}

void parseDesktop(const QJsonObject &root, Config &c, const JsonFields &f)
{
    if (root.contains(QStringLiteral("notifications"))) {
        const QString path = QStringLiteral("notifications");
        const QJsonObject n = f.object(root, path, {});
        rejectUnknownKeys(n,
                          { QStringLiteral("enabled"), QStringLiteral("events"),
                            QStringLiteral("muted_repositories"), QStringLiteral("on_start"),
                            QStringLiteral("sound") },
                          path, f);
        c.notifications.enabled = f.boolean(n, QStringLiteral("enabled"), path, true);
        if (n.contains(QStringLiteral("events"))) {
            c.notifications.events.clear();
            const QStringList names = f.stringList(n, QStringLiteral("events"), path);
            for (int i = 0; i < names.size(); ++i) {
                if (const auto type = eventTypeFromName(names[i]))
                    c.notifications.events.append(*type);
                else
                    f.error(JsonFields::index(JsonFields::join(path, QStringLiteral("events")), i),
                            QStringLiteral("unknown event \"%1\"").arg(names[i]));
            }
        }
        c.notifications.mutedRepositories
                = f.stringList(n, QStringLiteral("muted_repositories"), path);
        c.notifications.onStart = f.boolean(n, QStringLiteral("on_start"), path, false);
        c.notifications.sound = f.boolean(n, QStringLiteral("sound"), path, false);
    }
    if (root.contains(QStringLiteral("general"))) {
        const QString path = QStringLiteral("general");
        const QJsonObject g = f.object(root, path, {});
        rejectUnknownKeys(g, { QStringLiteral("start_at_login"), QStringLiteral("start_hidden") },
                          path, f);
        c.general.startAtLogin = f.boolean(g, QStringLiteral("start_at_login"), path, false);
        c.general.startHidden = f.boolean(g, QStringLiteral("start_hidden"), path, false);
    }
}

} // namespace configfields

} // namespace hubhook
