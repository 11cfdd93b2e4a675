#include "config/Config.h"

#include "config/ConfigFields.h"
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

AccountConfig parseAccount(const QString &name, const QJsonObject &o, const QString &path,
                           const JsonFields &f)
{
    rejectUnknownKeys(o,
                      { QStringLiteral("provider"), QStringLiteral("base_url"),
                        QStringLiteral("username"), QStringLiteral("token") },
                      path, f);
    AccountConfig a;
    a.name = name;
    const QString provider = f.string(o, QStringLiteral("provider"), path, true);
    if (provider == QLatin1String("github"))
        a.provider = provider;
    else if (!provider.isEmpty() && provider != QLatin1String("dockerhub"))
        f.error(JsonFields::join(path, QStringLiteral("provider")),
                QStringLiteral("unsupported provider \"%1\" (supported: dockerhub, github)")
                        .arg(provider));
    a.baseUrl = defaultBaseUrl(a.provider);
    const QString base = f.string(o, QStringLiteral("base_url"), path);
    if (!base.isEmpty()) {
        const QUrl url(base, QUrl::StrictMode);
        if (!isHttpUrl(url)) {
            f.error(JsonFields::join(path, QStringLiteral("base_url")),
                    QStringLiteral("not an http(s) URL"));
        } else if (!url.userInfo().isEmpty()) {
            f.error(JsonFields::join(path, QStringLiteral("base_url")),
                    QStringLiteral("must not contain credentials; use \"username\" and \"token\""));
        } else {
            a.baseUrl = url;
        }
    }
    a.username = f.string(o, QStringLiteral("username"), path);
    a.tokenSecret = secretField(o, QStringLiteral("token"), path, f);
    if (!a.tokenSecret.isEmpty() && a.username.isEmpty() && !a.isGitHub())
        f.error(JsonFields::join(path, QStringLiteral("username")),
                QStringLiteral("is required when a token is set"));
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

// "retry_failed": the trigger that rebuilds a failed build, and how often in a row.
void parseRetryFailed(const QJsonObject &o, const QString &path, WatchConfig &w,
                      const JsonFields &f)
{
    const QString p = JsonFields::join(path, QStringLiteral("retry_failed"));
    const QJsonObject r = f.object(o, QStringLiteral("retry_failed"), path);
    rejectUnknownKeys(r, { QStringLiteral("trigger"), QStringLiteral("max_attempts") }, p, f);
    w.retryTrigger = f.string(r, QStringLiteral("trigger"), p, true);
    w.retryMaxAttempts = int(f.integer(r, QStringLiteral("max_attempts"), p, false, 1));
    if (w.retryMaxAttempts < 1 || w.retryMaxAttempts > 10)
        f.error(JsonFields::join(p, QStringLiteral("max_attempts")),
                QStringLiteral("must be between 1 and 10"));
}

// A Docker Hub watch: a whole namespace, or one repository (and, for it, some of its tags).
void parseDockerHubWatch(const QJsonObject &o, const QString &path, WatchConfig &w,
                         const JsonFields &f)
{
    w.ns = f.string(o, QStringLiteral("namespace"), path);
    w.repository = f.string(o, QStringLiteral("repository"), path);
    w.tags = f.stringList(o, QStringLiteral("tags"), path);
    if (w.ns.isEmpty() == w.repository.isEmpty()) {
        f.error(path, QStringLiteral("needs exactly one of \"namespace\" or \"repository\""));
    } else if (!w.ns.isEmpty() && !isNamespaceName(w.ns)) {
        f.error(JsonFields::join(path, QStringLiteral("namespace")),
                QStringLiteral("not a Docker Hub namespace: \"%1\"").arg(w.ns));
    } else if (!w.repository.isEmpty()) {
        if (!isRepositoryName(w.repository, false))
            f.error(JsonFields::join(path, QStringLiteral("repository")),
                    QStringLiteral("expected \"namespace/name\", got \"%1\"").arg(w.repository));
    }
    if (!w.ns.isEmpty() && !w.tags.isEmpty())
        f.error(JsonFields::join(path, QStringLiteral("tags")),
                QStringLiteral("only applies to a \"repository\" watch"));
}

WatchConfig parseWatch(const QJsonObject &o, const QString &path, const Config &config,
                       const JsonFields &f)
{
    const bool github
            = config.accounts.value(o.value(QStringLiteral("account")).toString()).isGitHub();
    WatchConfig w;
    if (o.contains(QStringLiteral("image"))) {
        w.account = watchAccount(o, path, config, f);
        parseImageWatch(o, path, github, w, f);
        return w;
    }
    if (github)
        rejectUnknownKeys(o,
                          { QStringLiteral("account"), QStringLiteral("owner"),
                            QStringLiteral("repository"), QStringLiteral("workflows"),
                            QStringLiteral("branches"), QStringLiteral("events"),
                            QStringLiteral("forks"), QStringLiteral("retry_failed") },
                          path, f);
    else
        rejectUnknownKeys(o,
                          { QStringLiteral("account"), QStringLiteral("namespace"),
                            QStringLiteral("repository"), QStringLiteral("tags"),
                            QStringLiteral("retry_failed") },
                          path, f);
    if (o.contains(QStringLiteral("retry_failed")))
        parseRetryFailed(o, path, w, f);
    w.account = watchAccount(o, path, config, f);
    if (github)
        parseGitHubWatch(o, path, w, f);
    else
        parseDockerHubWatch(o, path, w, f);
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
    return QUrl(provider == QLatin1String("github") ? QStringLiteral("https://api.github.com")
                                                    : QStringLiteral("https://hub.docker.com"));
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
                        QStringLiteral("notifications"), QStringLiteral("general") },
                      {}, f);
    parseGeneralKeys(root, c, f);
    parseAccounts(root, c, f);
    parseWatches(root, c, f);
    parseForwarding(root, c, f);
    parseTriggers(root, c, f);
    parseDesktop(root, c, f);
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
