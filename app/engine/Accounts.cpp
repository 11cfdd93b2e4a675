#include "engine/Accounts.h"

#include "config/Validation.h"
#include "net/RequestQueue.h"
#include "providers/Providers.h"
#include "support/Clock.h"
#include "support/Redactor.h"

#include <QNetworkAccessManager>

namespace hubhook {

Accounts::Accounts(QNetworkAccessManager *nam, QObject *parent) : QObject(parent), m_nam(nam) { }

Accounts::~Accounts() { abortAll(); }

bool Accounts::loadCache(const QString &stateDir, QString *warning)
{
    m_cachePath
            = stateDir.isEmpty() ? QString() : stateDir + QStringLiteral("/provider-cache.json");
    return m_cachePath.isEmpty() || m_cache.load(m_cachePath, warning);
}

bool Accounts::saveCache(QString *error)
{
    if (m_cachePath.isEmpty())
        return true;
    bool changed = false;
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        const QString origin = safeOrigin(m_config.accounts.value(it.key()).baseUrl);
        changed |= m_cache.set(ProviderCache::key(it.key(), origin), it.value()->saveCache());
    }
    return !changed || m_cache.save(m_cachePath, error);
}

QStringList Accounts::apply(const Config &config, const QHash<QString, QString> &secrets,
                            const QHash<QString, QString> &secretErrors)
{
    m_config = config;
    m_clients.clear(); // whoever still uses an old client keeps its own reference
    m_errors.clear();
    for (const AccountConfig &account : std::as_const(config.accounts)) {
        const QString error = addClient(account, secrets, secretErrors);
        if (!error.isEmpty())
            m_errors.insert(account.name, error);
    }
    return m_errors.values();
}

RequestQueue *Accounts::queueFor(const QString &origin)
{
    RequestQueue *queue = m_queues.value(origin);
    if (!queue) {
        queue = new RequestQueue(m_nam, this);
        m_queues.insert(origin, queue);
    }
    queue->setConcurrency(m_config.concurrency);
    queue->setTimeout(m_config.requestTimeoutMs);
    return queue;
}

QString Accounts::addClient(const AccountConfig &account, const QHash<QString, QString> &secrets,
                            const QHash<QString, QString> &secretErrors)
{
    if (!account.tokenSecret.isEmpty() && !secrets.contains(account.tokenSecret))
        return QStringLiteral("account \"%1\": token unavailable: %2")
                .arg(account.name, secretErrors.value(account.tokenSecret));
    const QString origin = safeOrigin(account.baseUrl);
    const ProviderClientPtr client
            = createProviderClient(account, secrets.value(account.tokenSecret), queueFor(origin));
    if (!client)
        return QStringLiteral("account \"%1\": provider \"%2\" is not supported")
                .arg(account.name, account.provider);
    client->restoreCache(m_cache.value(ProviderCache::key(account.name, origin)));
    m_clients.insert(account.name, client);
    return {};
}

ProviderClientPtr Accounts::clientFor(const QString &repository) const
{
    ProviderClientPtr client;
    for (const WatchConfig &w : std::as_const(m_config.watch)) {
        if (w.covers(repository))
            client = m_clients.value(w.account, client);
    }
    // An image nobody watches (an expect_build naming it): an account of its registry reads it.
    const QString image = canonicalImage(repository);
    for (auto it = m_clients.begin(); !client && it != m_clients.end(); ++it) {
        const ProviderInfo *p = providerInfo(m_config.accounts.value(it.key()).provider);
        if (p && p->servesImage(image))
            client = it.value();
    }
    return client;
}

QString Accounts::providerOf(const QString &repository) const
{
    for (const WatchConfig &w : std::as_const(m_config.watch)) {
        if (w.covers(repository))
            return m_config.accounts.value(w.account).provider;
    }
    return AccountConfig().provider;
}

QString Accounts::whyNotReady(const QString &account) const
{
    if (!m_config.accounts.contains(account))
        return QStringLiteral("no account named \"%1\"").arg(account);
    return m_errors.value(account, QStringLiteral("account \"%1\" is not ready").arg(account));
}

QStringList Accounts::budgetWarnings(qint64 pollIntervalMs)
{
    QStringList warnings;
    const QDateTime now = Clock::now();
    for (auto it = m_clients.begin(); it != m_clients.end(); ++it) {
        const QString text = it.value()->budgetWarning(pollIntervalMs);
        QDateTime &last = m_budgetWarned[it.key()];
        if (text.isEmpty() || (last.isValid() && last.secsTo(now) < 3600))
            continue;
        last = now; // at most once an hour
        warnings.append(text);
    }
    return warnings;
}

int Accounts::requestsSent() const
{
    int n = 0;
    for (const RequestQueue *q : m_queues)
        n += q->requestsSent();
    return n;
}

bool Accounts::isRateLimited(const QDateTime &now) const
{
    for (const RequestQueue *q : m_queues) {
        if (q->limiter().pausedUntil().isValid() && q->limiter().pausedUntil() > now)
            return true;
    }
    return false;
}

void Accounts::abortAll()
{
    for (RequestQueue *q : std::as_const(m_queues))
        q->abortAll();
}

void Accounts::authorize(const QString &account, ProviderClient::AuthorizeCallback done)
{
    if (const ProviderClientPtr client = m_clients.value(account))
        return client->authorize(std::move(done));
    done({}, whyNotReady(account));
}

void Accounts::runTrigger(const TriggerConfig &trigger, qint64 rerunOf,
                          std::function<void(const ProviderClient::ActionResult &)> done)
{
    if (const ProviderClientPtr client = m_clients.value(trigger.account))
        return client->runTrigger(trigger, rerunOf, std::move(done));
    done({ false, 0, whyNotReady(trigger.account) });
}

void Accounts::pushes(const QString &repository, ProviderClient::PushesCallback done)
{
    if (const ProviderClientPtr client = clientFor(repository))
        return client->pushes(repository, std::move(done));
    done({}, {});
}

} // namespace hubhook
