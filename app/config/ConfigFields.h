#pragma once

// Field readers that report errors by JSON path: the config parser's, and those of each
// provider's descriptor for its own keys.

#include "config/Config.h"
#include "support/JsonFields.h"

namespace hubhook {
class ProviderDescriptor;
}

namespace hubhook::configfields {

void rejectUnknownKeys(const QJsonObject &o, const QStringList &known, const QString &path,
                       const JsonFields &f);
qint64 durationField(const QJsonObject &o, const QString &key, const QString &path, qint64 fallback,
                     qint64 minimum, const JsonFields &f);
// A "secret:NAME" value: returns NAME. A value that is not a reference is an error.
QString secretField(const QJsonObject &o, const QString &key, const QString &path,
                    const JsonFields &f);

// A list of strings each `valid`, else an error naming the item and `what` it should be.
QStringList checkedList(const QJsonObject &o, const QString &key, const QString &path,
                        bool (*valid)(const QString &), const QString &what, const JsonFields &f);
// An image watch ("image", "tags", "max_age") of an account of provider `p` (ConfigImages.cpp).
void parseImageWatch(const QJsonObject &o, const QString &path, const ProviderDescriptor &p,
                     WatchConfig &w, const JsonFields &f);

// `webhooks`, `queued_alert_after`, `ignore_older_than`, `delivery_schedule`.
void parseForwarding(const QJsonObject &root, Config &config, const JsonFields &f);
// `triggers`, and the trigger names that watches' `retry_failed` refer to.
void parseTriggers(const QJsonObject &root, Config &config, const JsonFields &f);
// `cctray`: listen ("host:port") and token.
void parseCctray(const QJsonObject &root, Config &config, const JsonFields &f);
// `notifications` and `general`: settings of the desktop application.
void parseDesktop(const QJsonObject &root, Config &config, const JsonFields &f);
// `url` (plain or "secret:NAME") and `headers` as webhooks and triggers share them.
void parseUrlAndHeaders(const QJsonObject &o, const QString &path, QString *url, QString *urlSecret,
                        QList<QPair<QString, QString>> *headers, const JsonFields &f);

} // namespace hubhook::configfields
