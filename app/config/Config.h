#pragma once

#include "core/Event.h"
#include "core/ProviderInfo.h"
#include "core/WebhookFormat.h"

#include <optional>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hubhook {

// The API a provider's account talks to when its config names none.
QUrl defaultBaseUrl(const QString &provider);

struct AccountConfig
{
    QString name;
    QString provider = defaultProviderId(); // a registered provider's id (core/ProviderInfo)
    QUrl baseUrl = defaultBaseUrl(provider); // the API root (a self-hosted instance's too)
    QString username; // for the providers whose descriptor declares it
    QString tokenSecret; // the NAME of "secret:NAME", empty when anonymous
};

struct WatchConfig
{
    QString account;
    QString ns; // a whole namespace ...
    QString repository; // ... or one "ns/repo"
    QStringList tags; // empty = every tag
    QString retryTrigger; // "retry_failed": rebuild a failed build with this trigger ...
    int retryMaxAttempts = 1; // ... at most this many times per failure streak
    // Filters of a provider that runs workflows (its descriptor reads them from the config under
    // its own keys; `ns` holds a namespace, an owner or a group): which runs make rows, by
    // workflow, branch and event (empty: its defaults), and whether forks of a scope count.
    QStringList workflows;
    QStringList branches;
    // An image watch: when each tag (globs allowed: the newest match counts) was last pushed on
    // the account's registry ("docker.io/acme/base", canonical: it names its registry), however
    // it was built. A tag whose last push is older than `maxAgeMs` is stale.
    QString image;
    qint64 maxAgeMs = 0;
    bool isImage() const { return !image.isEmpty(); }
    QStringList events;
    bool forks = false;
    bool isNamespace() const { return !ns.isEmpty(); }
    // The image's path on its registry: "docker.io/acme/base" -> "acme/base" (`image` is
    // always canonical: it names its registry).
    QString imageRepository() const { return image.section(QLatin1Char('/'), 1); }
    // What decides which builds make rows, as text; empty for a watch without filters.
    QString filterKey() const
    {
        const QStringList parts { tags.join(QLatin1Char(',')), workflows.join(QLatin1Char(',')),
                                  branches.join(QLatin1Char(',')), events.join(QLatin1Char(',')) };
        return parts.join(QString()).isEmpty() ? QString() : parts.join(QLatin1Char(';'));
    }
    // Whether "ns/name" is watched by this watch.
    bool covers(const QString &fullName) const
    {
        if (isImage())
            return fullName == image;
        return isNamespace() ? fullName.startsWith(ns + QLatin1Char('/')) : fullName == repository;
    }
    QString label() const
    {
        return isImage() ? image : isNamespace() ? ns + QStringLiteral("/*") : repository;
    }
};

// Whether `text` matches one of the glob `patterns` ("acme/*"), each matched whole. False for
// no patterns.
bool matchesAnyGlob(const QStringList &patterns, const QString &text);

struct WebhookConfig
{
    QString name;
    QString url; // a plain URL ...
    QString urlSecret; // ... or the NAME of "secret:NAME" holding it
    WebhookFormat format = WebhookFormat::Json;
    QList<EventType> events = defaultEventTypes();
    QStringList repositories; // glob patterns ("acme/*"); empty = every repository
    QStringList providers; // provider ids (core/ProviderInfo); empty = every provider
    QString signSecret; // NAME of the Standard Webhooks signing secret ("whsec_..."), optional
    QList<QPair<QString, QString>> headers; // extra headers; a value "secret:NAME" is resolved
    bool insecureTls = false;
    qint64 timeoutMs = 15 * 1000;

    // `provider` empty: any (an event that names none).
    bool wants(EventType type, const QString &repository, const QString &provider = {}) const;
    bool wantsProvider(const QString &provider) const
    {
        return providers.isEmpty() || providers.contains(provider);
    }
};

// The first watch (its index) whose builds the dockerhub webhook format cannot describe (runs of a
// workflow) and that could reach webhook `w`; -1 when none. The parser and the dialog ask this.
struct Config;
int dockerHubFormatConflict(const WebhookConfig &w, const Config &config);

struct ExpectBuild
{
    QString repository; // "ns/name"
    QString tag; // empty: any tag
    qint64 withinMs = 30 * 60 * 1000;
};

// A rebuild trigger: a URL Hubhook calls on a schedule, when a parent build succeeds, to retry
// a failed build, or when the user asks.
struct TriggerConfig
{
    QString name;
    QString url; // a plain URL ...
    QString urlSecret; // ... or the NAME of "secret:NAME" holding it (trigger URLs are secrets)
    QByteArray method = "POST";
    QByteArray body; // empty: no body
    QList<QPair<QString, QString>> headers; // a value "secret:NAME" is resolved
    // A URL trigger sends the account's authorisation (the token its provider's trigger
    // endpoint takes). With an account whose provider runs triggers (`viaApi`), the
    // trigger calls no URL: the provider's API runs `workflow` of `repository` on `ref` with
    // `inputs` (a workflow dispatch), as its descriptor parsed them.
    QString account;
    bool viaApi = false;
    QString repository;
    QString workflow;
    QString ref;
    QJsonObject inputs;
    QString schedule; // cron / Quartz / "every 90m"; empty: no schedule
    QString afterSuccessOf; // "ns/repo" or "ns/repo:tag"
    QString afterPushOf; // an image watch's "image:tag": fire when that tag gets a new digest
    std::optional<ExpectBuild> expectBuild;
    qint64 jitterMs = 0;
    qint64 timeoutMs = 20 * 1000;
};

// Desktop notifications of the tray application.
struct NotificationConfig
{
    bool enabled = true;
    QList<EventType> events = defaultEventTypes();
    QStringList mutedRepositories; // glob patterns; their events are not shown (still forwarded)
    bool onStart = false; // one notification when a watched build starts building
    bool sound = false; // ask the notification server for its "dialog-warning" sound on failures
};

// The cctray feed the tray app and --headless serve at /cc.xml; off when `listen` is empty.
struct CctrayConfig
{
    QString host; // an IP address or "localhost"
    int port = 0; // 0: one the system picks
    QString tokenSecret; // NAME of "secret:NAME": requests need "Authorization: Bearer <it>"
    bool enabled() const { return !host.isEmpty(); }
};

struct GeneralConfig
{
    bool startAtLogin = false; // an XDG autostart entry
    bool startHidden = false; // no window at start, only the tray icon
};

struct Config
{
    int version = 1;
    qint64 pollIntervalMs = 5 * 60 * 1000;
    qint64 requestTimeoutMs = 20 * 1000;
    // A repository whose listing shows no change is still re-read this often: a provider's
    // `last_updated` moves on a push, not when a build fails, so this bounds how late a failure
    // of an otherwise idle repository is seen.
    qint64 historyRefreshMs = 60 * 60 * 1000;
    int concurrency = 4;
    qint64 queuedAlertAfterMs = 60 * 60 * 1000;
    qint64 ignoreOlderThanMs = 24 * 60 * 60 * 1000;
    QMap<QString, AccountConfig> accounts;
    QList<WatchConfig> watch;
    QList<WebhookConfig> webhooks;
    QList<TriggerConfig> triggers;
    NotificationConfig notifications;
    GeneralConfig general;
    CctrayConfig cctray;
    // Delay before each delivery attempt: Standard Webhooks' schedule (immediately, 5 s, 5 min,
    // 30 min, 2 h, 5 h, 10 h, 10 h), each with +-20 % jitter. After the last, a delivery fails.
    QList<qint64> deliverySchedule
            = { 0, 5000, 300000, 1800000, 7200000, 18000000, 36000000, 36000000 };

    // Names of every secret the config refers to.
    QStringList secretNames() const;
};

struct ConfigResult
{
    Config config;
    QStringList errors; // "watch[2].account: no account named \"hbu\""
    bool ok() const { return errors.isEmpty(); }
};

// Validates strictly: unknown keys, wrong types, bad values and dangling references are all
// errors, each naming its JSON path. A token written in clear in the file is refused.
ConfigResult parseConfig(const QByteArray &json);
ConfigResult loadConfigFile(const QString &path); // errors are prefixed with the file name

// "secret:NAME" -> NAME; empty when `value` is not a secret reference.
QString secretReference(const QString &value);
bool isValidSecretName(const QString &name);
// Not errors: a webhook or trigger URL that is plain http:// to a host other than loopback (its
// payloads and credentials travel in clear), each naming its JSON path (ConfigForwarding.cpp).
QStringList configWarnings(const Config &config);
bool isCleartextToRemoteHost(const QUrl &url);

// $XDG_CONFIG_HOME/hubhook/config.json and $XDG_STATE_HOME/hubhook.
QString defaultConfigPath();
QString defaultStateDir();

} // namespace hubhook
