#include "config/Config.h"

#include "config/ConfigFields.h"
#include "config/ProviderDescriptor.h"
#include "config/Validation.h"
#include "support/JsonFields.h"
#include "support/TimeText.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>

namespace hubhook {

namespace {
const QString kSecretPrefix = QStringLiteral("secret:");
}

namespace configfields {

void rejectUnknownKeys(const QJsonObject &o, const QStringList &known, const QString &path,
                       const JsonFields &f)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            f.error(JsonFields::join(path, it.key()),
                    QStringLiteral("unknown key (expected one of: %1)")
                            .arg(known.join(QStringLiteral(", "))));
    }
}

qint64 durationField(const QJsonObject &o, const QString &key, const QString &path, qint64 fallback,
                     qint64 minimum, const JsonFields &f)
{
    if (!o.contains(key))
        return fallback;
    const QString p = JsonFields::join(path, key);
    const QString text = f.string(o, key, path);
    if (text.isEmpty())
        return fallback;
    DurationError why = DurationError::None;
    const auto ms = parseDuration(text, &why);
    if (!ms && why == DurationError::OutOfRange) {
        f.error(p,
                QStringLiteral("duration out of range: \"%1\" (at most %2)")
                        .arg(text, formatDuration(kMaxDurationMs)));
        return fallback;
    }
    if (!ms) {
        f.error(p,
                QStringLiteral("not a duration: \"%1\" (use e.g. \"90s\", \"5m\", \"1h30m\")")
                        .arg(text));
        return fallback;
    }
    if (*ms < minimum) {
        f.error(p, QStringLiteral("must be at least %1").arg(formatDuration(minimum)));
        return fallback;
    }
    return *ms;
}

QStringList checkedList(const QJsonObject &o, const QString &key, const QString &path,
                        bool (*valid)(const QString &), const QString &what, const JsonFields &f)
{
    const QStringList values = f.stringList(o, key, path);
    for (int i = 0; i < values.size(); ++i) {
        if (!valid(values[i]))
            f.error(JsonFields::index(JsonFields::join(path, key), i),
                    QStringLiteral("not %1: \"%2\"").arg(what, values[i]));
    }
    return values;
}

QString secretField(const QJsonObject &o, const QString &key, const QString &path,
                    const JsonFields &f)
{
    const QString value = f.string(o, key, path);
    if (value.isEmpty())
        return {};
    const QString name = secretReference(value);
    if (name.isEmpty()) {
        // Don't echo the value: it is probably the secret itself.
        f.error(JsonFields::join(path, key),
                QStringLiteral("must be a secret reference \"secret:NAME\"; store the value with "
                               "`hubhook secret set NAME` instead of writing it in the file"));
    } else if (!isValidSecretName(name)) {
        f.error(JsonFields::join(path, key),
                QStringLiteral("bad secret name \"%1\" (letters, digits, '-', '_', '.')")
                        .arg(name));
    }
    return name;
}

} // namespace configfields

using namespace configfields;

namespace {

const ProviderDescriptor *parseProvider(const QJsonObject &o, const QString &path,
                                        const JsonFields &f)
{
    const QString id = f.string(o, QStringLiteral("provider"), path, true);
    const ProviderDescriptor *p = providerDescriptor(id.isEmpty() ? defaultProviderId() : id);
    if (!p)
        f.error(JsonFields::join(path, QStringLiteral("provider")),
                QStringLiteral("unsupported provider \"%1\" (supported: %2)")
                        .arg(id, providerIds().join(QStringLiteral(", "))));
    return p ? p : providerDescriptor(defaultProviderId());
}

QUrl parseBaseUrl(const QJsonObject &o, const QString &path, const ProviderDescriptor *p,
                  const JsonFields &f)
{
    const QString base = f.string(o, QStringLiteral("base_url"), path);
    if (base.isEmpty())
        return p->defaultBaseUrl();
    const QUrl url(base, QUrl::StrictMode);
    const QString at = JsonFields::join(path, QStringLiteral("base_url"));
    if (!isHttpUrl(url))
        f.error(at, QStringLiteral("not an http(s) URL"));
    else if (!url.userInfo().isEmpty())
        f.error(at, QStringLiteral("must not contain credentials; use \"token\""));
    else if (const QString problem = p->baseUrlProblem(url); !problem.isEmpty())
        f.error(at, problem);
    else
        return url;
    return p->defaultBaseUrl();
}

AccountConfig parseAccount(const QString &name, const QJsonObject &o, const QString &path,
                           const JsonFields &f)
{
    const ProviderDescriptor *p = parseProvider(o, path, f);
    QStringList keys { QStringLiteral("provider"), QStringLiteral("base_url"),
                       QStringLiteral("token") };
    for (const ProviderField &field : p->accountFields())
        keys.append(field.key);
    rejectUnknownKeys(o, keys, path, f);
    AccountConfig a;
    a.name = name;
    a.provider = p->id();
    a.baseUrl = parseBaseUrl(o, path, p, f);
    a.username = f.string(o, QStringLiteral("username"), path);
    a.tokenSecret = secretField(o, QStringLiteral("token"), path, f);
    p->checkAccount(a, path, f);
    return a;
}

// "account": required, and one the config names.
QString watchAccount(const QJsonObject &o, const QString &path, const Config &config,
                     const JsonFields &f)
{
    const QString account = f.string(o, QStringLiteral("account"), path, true);
    if (!account.isEmpty() && !config.accounts.contains(account))
        f.error(JsonFields::join(path, QStringLiteral("account")),
                QStringLiteral("no account named \"%1\"").arg(account));
    return account;
}

// `retry_failed`: retry a failed build with a trigger, at most `max_attempts` times.
void parseRetry(const QJsonObject &o, const QString &path, WatchConfig &w, const JsonFields &f)
{
    if (!o.contains(QStringLiteral("retry_failed")))
        return;
    const QString p = JsonFields::join(path, QStringLiteral("retry_failed"));
    const QJsonObject r = f.object(o, QStringLiteral("retry_failed"), path);
    rejectUnknownKeys(r, { QStringLiteral("trigger"), QStringLiteral("max_attempts") }, p, f);
    w.retryTrigger = f.string(r, QStringLiteral("trigger"), p, true);
    w.retryMaxAttempts = int(f.integer(r, QStringLiteral("max_attempts"), p, false, 1));
    if (w.retryMaxAttempts < 1 || w.retryMaxAttempts > 10)
        f.error(JsonFields::join(p, QStringLiteral("max_attempts")),
                QStringLiteral("must be between 1 and 10"));
}

// A watch's keys: "account", then what its provider reads (an image watch: "image", "tags",
// "max_age" on the account's registry), and "retry_failed".
WatchConfig parseWatch(const QJsonObject &o, const QString &path, const Config &config,
                       const JsonFields &f)
{
    const ProviderDescriptor *p
            = accountDescriptor(config, o.value(QStringLiteral("account")).toString());
    WatchConfig w;
    if (o.contains(QStringLiteral("image"))) {
        w.account = watchAccount(o, path, config, f);
        parseImageWatch(o, path, *p, w, f);
        return w;
    }
    QStringList keys { QStringLiteral("account"), QStringLiteral("retry_failed") };
    for (const ProviderField &field : p->watchFields())
        keys.append(field.key);
    rejectUnknownKeys(o, keys, path, f);
    parseRetry(o, path, w, f);
    w.account = watchAccount(o, path, config, f);
    p->parseWatch(o, path, w, f);
    return w;
}

} // namespace

QStringList Config::secretNames() const
{
    QStringList names;
    auto add = [&names](const QString &name) {
        if (!name.isEmpty() && !names.contains(name))
            names.append(name);
    };
    for (const auto &a : accounts)
        add(a.tokenSecret);
    add(cctray.tokenSecret);
    for (const auto &t : triggers) {
        add(t.urlSecret);
        for (const auto &[header, value] : t.headers)
            add(secretReference(value));
    }
    for (const auto &w : webhooks) {
        add(w.urlSecret);
        add(w.signSecret);
        for (const auto &[header, value] : w.headers)
            add(secretReference(value));
    }
    return names;
}

QUrl defaultBaseUrl(const QString &provider)
{
    const ProviderInfo *p = providerInfo(provider);
    return p ? p->defaultBaseUrl() : QUrl();
}

QString secretReference(const QString &value)
{
    return value.startsWith(kSecretPrefix) ? value.mid(kSecretPrefix.size()) : QString();
}

bool isValidSecretName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"));
    return re.match(name).hasMatch();
}

namespace {

// version, poll_interval, request_timeout, history_refresh, concurrency
void parseGeneralKeys(const QJsonObject &root, Config &c, const JsonFields &f)
{
    // Read as qint64 and checked before any narrowing: 4294967297 is not version 1. A number
    // JsonFields rejects (1e300, 1.5) comes back as the fallback, with its own error.
    const qint64 version = f.integer(root, QStringLiteral("version"), {}, true, 1);
    if (version != 1)
        f.error(QStringLiteral("version"),
                QStringLiteral("unsupported version %1 (this Hubhook reads version 1)")
                        .arg(version));
    c.version = 1;
    c.pollIntervalMs
            = durationField(root, QStringLiteral("poll_interval"), {}, c.pollIntervalMs, 1000, f);
    c.requestTimeoutMs = durationField(root, QStringLiteral("request_timeout"), {},
                                       c.requestTimeoutMs, 100, f);
    c.historyRefreshMs = durationField(root, QStringLiteral("history_refresh"), {},
                                       c.historyRefreshMs, 1000, f);
    if (root.contains(QStringLiteral("concurrency"))) {
        const qint64 concurrency = f.integer(root, QStringLiteral("concurrency"), {}, false, 4);
        if (concurrency < 1 || concurrency > 32) {
            f.error(QStringLiteral("concurrency"),
                    QStringLiteral("must be between 1 and 32, got %1").arg(concurrency));
            c.concurrency = 4;
        } else {
            c.concurrency = int(concurrency);
        }
    }
}

void parseAccounts(const QJsonObject &root, Config &c, const JsonFields &f)
{
    const QJsonObject accounts = f.object(root, QStringLiteral("accounts"), {});
    for (auto it = accounts.begin(); it != accounts.end(); ++it) {
        const QString path = JsonFields::join(QStringLiteral("accounts"), it.key());
        if (!it.value().isObject()) {
            f.error(path,
                    QStringLiteral("expected an object, got %1")
                            .arg(JsonFields::typeName(it.value())));
            continue;
        }
        c.accounts.insert(it.key(), parseAccount(it.key(), it.value().toObject(), path, f));
    }
}

void parseWatches(const QJsonObject &root, Config &c, const JsonFields &f)
{
    const QJsonArray watch = f.array(root, QStringLiteral("watch"), {});
    QSet<QString> seen;
    for (int i = 0; i < watch.size(); ++i) {
        const QString path = JsonFields::index(QStringLiteral("watch"), i);
        if (!watch.at(i).isObject()) {
            f.error(path,
                    QStringLiteral("expected an object, got %1")
                            .arg(JsonFields::typeName(watch.at(i))));
            continue;
        }
        WatchConfig w = parseWatch(watch.at(i).toObject(), path, c, f);
        const QString key = w.account + QLatin1Char('|') + w.label();
        if (seen.contains(key))
            f.error(path, QStringLiteral("duplicate watch of %1").arg(w.label()));
        seen.insert(key);
        c.watch.append(w);
    }
}

} // namespace

ConfigResult parseConfig(const QByteArray &json)
{
    ConfigResult result;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        result.errors.append(describeJsonParseError(json, pe.offset, pe.errorString()));
        return result;
    }
    if (!doc.isObject()) {
        result.errors.append(QStringLiteral("the top level must be a JSON object"));
        return result;
    }
    const QJsonObject root = doc.object();
    JsonFields f(&result.errors);
    Config &c = result.config;
    rejectUnknownKeys(root,
                      { QStringLiteral("version"), QStringLiteral("poll_interval"),
                        QStringLiteral("request_timeout"), QStringLiteral("history_refresh"),
                        QStringLiteral("concurrency"), QStringLiteral("accounts"),
                        QStringLiteral("watch"), QStringLiteral("webhooks"),
                        QStringLiteral("queued_alert_after"), QStringLiteral("ignore_older_than"),
                        QStringLiteral("delivery_schedule"), QStringLiteral("triggers"),
                        QStringLiteral("notifications"), QStringLiteral("general"),
                        QStringLiteral("cctray") },
                      {}, f);
    parseGeneralKeys(root, c, f);
    parseAccounts(root, c, f);
    parseWatches(root, c, f);
    parseForwarding(root, c, f);
    parseTriggers(root, c, f);
    parseDesktop(root, c, f);
    parseCctray(root, c, f);
    return result;
}

ConfigResult loadConfigFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ConfigResult r;
        r.errors.append(QStringLiteral("%1: cannot read (%2)")
                                .arg(path,
                                     file.exists() ? QStringLiteral("permission denied")
                                                   : QStringLiteral("no such file")));
        return r;
    }
    ConfigResult r = parseConfig(file.readAll());
    for (QString &e : r.errors)
        e = path + QStringLiteral(": ") + e;
    return r;
}

QString defaultConfigPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + QStringLiteral("/hubhook/config.json");
}

QString defaultStateDir()
{
    QString base = qEnvironmentVariable("XDG_STATE_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base))
        base = QDir::homePath() + QStringLiteral("/.local/state");
    return base + QStringLiteral("/hubhook");
}

} // namespace hubhook
