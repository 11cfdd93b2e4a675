#pragma once

// Internal to the config parser (Config.cpp, ConfigForwarding.cpp): field readers that report
// errors by JSON path.

#include "config/Config.h"
#include "support/JsonFields.h"

namespace hubhook::configfields {

void rejectUnknownKeys(const QJsonObject &o, const QStringList &known, const QString &path,
                       const JsonFields &f);
qint64 durationField(const QJsonObject &o, const QString &key, const QString &path, qint64 fallback,
                     qint64 minimum, const JsonFields &f);
// A "secret:NAME" value: returns NAME. A value that is not a reference is an error.
QString secretField(const QJsonObject &o, const QString &key, const QString &path,
                    const JsonFields &f);

// The keys of a watch of a GitHub account: owner or repository, workflows, branches, events,
// forks (ConfigGitHub.cpp).
void parseGitHubWatch(const QJsonObject &o, const QString &path, WatchConfig &w,
                      const JsonFields &f);
// An image watch ("image", "tags", "max_age"), of a Docker Hub or (`github`) a GHCR image
// (ConfigImages.cpp).
void parseImageWatch(const QJsonObject &o, const QString &path, bool github, WatchConfig &w,
                     const JsonFields &f);
// "acme/base" -> "docker.io/acme/base"; "ghcr.io/..." and "docker.io/..." as they are.
QString canonicalImage(const QString &image);
// A trigger that dispatches a GitHub workflow: repository, workflow, ref, inputs.
void parseGitHubTrigger(const QJsonObject &o, const QString &path, TriggerConfig &t,
                        const JsonFields &f);

// `webhooks`, `queued_alert_after`, `ignore_older_than`, `delivery_schedule`.
void parseForwarding(const QJsonObject &root, Config &config, const JsonFields &f);
// `triggers`, and the trigger names that watches' `retry_failed` refer to.
void parseTriggers(const QJsonObject &root, Config &config, const JsonFields &f);
// `notifications` and `general`: settings of the desktop application.
void parseDesktop(const QJsonObject &root, Config &config, const JsonFields &f);
// `url` (plain or "secret:NAME") and `headers` as webhooks and triggers share them.
void parseUrlAndHeaders(const QJsonObject &o, const QString &path, QString *url, QString *urlSecret,
                        QList<QPair<QString, QString>> *headers, const JsonFields &f);

} // namespace hubhook::configfields
