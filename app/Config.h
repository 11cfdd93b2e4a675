#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace hubhook {

struct AccountConfig
{
    QString name;
    QString provider = QStringLiteral("dockerhub");
    QUrl baseUrl = QUrl(QStringLiteral("https://hub.docker.com"));
    QString username;
    QString tokenSecret; // the NAME of "secret:NAME", empty when anonymous
};

struct WatchConfig
{
    QString account;
    QString ns; // a whole namespace ...
    QString repository; // ... or one "ns/repo"
    QStringList tags; // empty = every tag
    bool isNamespace() const { return !ns.isEmpty(); }
    QString label() const { return isNamespace() ? ns + QStringLiteral("/*") : repository; }
};

struct Config
{
    int version = 1;
    qint64 pollIntervalMs = 5 * 60 * 1000;
    qint64 requestTimeoutMs = 20 * 1000;
    // A repository whose listing shows no change is still re-read this often: Docker Hub's
    // `last_updated` moves on a push, not when a build fails, so this bounds how late a failure
    // of an otherwise idle repository is seen.
    qint64 historyRefreshMs = 60 * 60 * 1000;
    int concurrency = 4;
    QMap<QString, AccountConfig> accounts;
    QList<WatchConfig> watch;

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

// $XDG_CONFIG_HOME/hubhook/config.json and $XDG_STATE_HOME/hubhook.
QString defaultConfigPath();
QString defaultStateDir();

} // namespace hubhook
