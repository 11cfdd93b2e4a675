#pragma once

#include "config/Config.h"
#include "engine/AccountServices.h"
#include "providers/Provider.h"
#include "state/ProviderCache.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QStringList>

class QNetworkAccessManager;

namespace hubhook {

class RequestQueue;

// The configured accounts, one set for every front end (the engine of the tray and of
// --headless, and each command): a provider client per account, one request queue per API
// origin (rate limits are per host, so accounts on one host share its budget), and what the
// clients remember across restarts (provider-cache.json). Clients are held through shared
// pointers: applying a new config never frees one that a sweep or a request still uses.
class Accounts : public QObject, public AccountServices
{
    Q_OBJECT
public:
    explicit Accounts(QNetworkAccessManager *nam, QObject *parent = nullptr);
    ~Accounts() override;

    // Loads provider-cache.json from `stateDir` (a corrupt file is moved aside: `warning`).
    bool loadCache(const QString &stateDir, QString *warning);
    // Writes what the clients remember now; false (and `error`) when the write failed.
    bool saveCache(QString *error);

    // Builds a client for each account of `config` with its token from `secrets` (NAME ->
    // value); `secretErrors` says why one is missing. Returns the problems, one per account
    // that cannot be used, each naming the account (and never the token).
    QStringList apply(const Config &config, const QHash<QString, QString> &secrets,
                      const QHash<QString, QString> &secretErrors = {});

    const QHash<QString, ProviderClientPtr> &clients() const { return m_clients; }
    const QHash<QString, QString> &errors() const { return m_errors; }
    ProviderClientPtr client(const QString &account) const { return m_clients.value(account); }
    // The client of the account that watches `repository`, else one whose registry serves it.
    ProviderClientPtr clientFor(const QString &repository) const;
    // The provider of the account that watches `repository` (the default provider when none).
    QString providerOf(const QString &repository) const;
    // Why `account` has no client: its error, or "not ready".
    QString whyNotReady(const QString &account) const;

    // After a sweep: each account's rate-limit warning, at most once an hour per account.
    QStringList budgetWarnings(qint64 pollIntervalMs);
    int requestsSent() const;
    bool isRateLimited(const QDateTime &now) const;
    void abortAll();

    // AccountServices
    void authorize(const QString &account, ProviderClient::AuthorizeCallback done) override;
    void runTrigger(const TriggerConfig &trigger, qint64 rerunOf,
                    std::function<void(const ProviderClient::ActionResult &)> done) override;
    void pushes(const QString &repository, ProviderClient::PushesCallback done) override;

private:
    QString addClient(const AccountConfig &account, const QHash<QString, QString> &secrets,
                      const QHash<QString, QString> &secretErrors); // or why not
    RequestQueue *queueFor(const QString &origin);

    QNetworkAccessManager *m_nam;
    Config m_config;
    QHash<QString, RequestQueue *> m_queues; // by API origin
    QHash<QString, ProviderClientPtr> m_clients; // by account name
    QHash<QString, QString> m_errors; // by account name
    ProviderCache m_cache;
    QString m_cachePath; // empty: nothing is kept across restarts
    QHash<QString, QDateTime> m_budgetWarned; // account -> when it was last warned about
};

} // namespace hubhook
