#pragma once

#include "config/Config.h"
#include "core/Build.h"
#include "core/SweepReport.h"
#include "providers/Provider.h"
#include "state/WatchState.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QStringList>

namespace hubhook {

// One pass over every watch: list namespaces (following `next`), then read build history only
// where it can have changed (see SweepPolicy). Failures are recorded on the repository they
// belong to and the rest of the sweep goes on.
class Sweep : public QObject
{
    Q_OBJECT
public:
    // `clients` maps account names to clients; an account missing from it is reported with
    // `accountErrors[name]` for each of its watches. The sweep shares the clients: the engine
    // may replace its own while this sweep still runs.
    Sweep(const Config &config, const QHash<QString, ProviderClientPtr> &clients,
          const QHash<QString, QString> &accountErrors, WatchState *state,
          QObject *parent = nullptr);
    // Repositories ("ns/name") whose history is read whatever the listing says: a trigger
    // fired and a build is expected.
    void forceHistory(const QSet<QString> &repositories) { m_force = repositories; }

    void start();
    const SweepReport &report() const { return m_report; }

Q_SIGNALS:
    void finished(const SweepReport &report);

private:
    void sweepWatch(const WatchConfig &watch, ProviderClient *client);
    struct WatchStrings
    {
        QString label;
        QString filterKey;
    };
    void considerHistory(const WatchConfig &watch, const WatchStrings &strings,
                         ProviderClient *client, const QString &repository,
                         const QDateTime &lastUpdated, bool alwaysRead);
    void onBuilds(const QString &key, const QDateTime &lastUpdated, const QStringList &tags,
                  const ProviderClient::Builds &r);
    void forgetUnlisted(const WatchConfig &watch, const QSet<QString> &listed);
    void failWatch(const WatchConfig &watch, const QString &error);
    void begin() { ++m_outstanding; }
    void end();

    Config m_config;
    QHash<QString, ProviderClientPtr> m_clients;
    QHash<QString, QString> m_accountErrors;
    WatchState *m_state;
    SweepReport m_report;
    int m_outstanding = 0;
    QSet<QString> m_force;
};

} // namespace hubhook
