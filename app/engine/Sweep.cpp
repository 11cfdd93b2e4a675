#include "engine/Sweep.h"
#include "support/Clock.h"

#include "core/SweepPolicy.h"
#include "providers/dockerhub/DockerHubClient.h"
#include "support/Logging.h"

#include <QTimer>

namespace hubhook {

namespace {
constexpr int kHistoryPageSize = 10;
}

Sweep::Sweep(const Config &config, const QHash<QString, DockerHubClientPtr> &clients,
             const QHash<QString, QString> &accountErrors, WatchState *state, QObject *parent)
    : QObject(parent),
      m_config(config),
      m_clients(clients),
      m_accountErrors(accountErrors),
      m_state(state)
{
}

void Sweep::start()
{
    m_report.started = Clock::now();
    for (const DockerHubClientPtr &c : std::as_const(m_clients))
        m_report.answered -= c->answeredRequests(); // clients outlive sweeps: count only ours
    begin(); // held until every watch has been started, so `finished` cannot fire early
    for (const WatchConfig &watch : std::as_const(m_config.watch)) {
        DockerHubClient *client = m_clients.value(watch.account).get();
        if (!client) {
            failWatch(watch,
                      m_accountErrors.value(
                              watch.account,
                              QStringLiteral("account \"%1\" is not ready").arg(watch.account)));
            continue;
        }
        client->resetLoginFailure();
        if (watch.isNamespace())
            sweepNamespace(watch, client);
        else
            sweepRepository(watch, client);
    }
    // Deferred so that a sweep with nothing to do still finishes asynchronously.
    QTimer::singleShot(0, this, [this] { end(); });
}

void Sweep::end()
{
    if (--m_outstanding > 0)
        return;
    m_report.finished = Clock::now();
    for (const DockerHubClientPtr &c : std::as_const(m_clients))
        m_report.answered += c->answeredRequests();
    m_report.offline = !m_config.watch.isEmpty() && m_report.answered == 0;
    Q_EMIT finished(m_report);
}

void Sweep::failWatch(const WatchConfig &watch, const QString &error)
{
    m_report.errors.append(error);
    qCWarning(lcPoll).noquote() << error;
    // Keep what we knew about the watch's repositories, marked with the error.
    bool any = false;
    for (const RepoState &s : m_state->all()) {
        if (s.account == watch.account && s.watch == watch.label()) {
            m_state->find(s.key())->error = error;
            m_report.repositories.insert(s.key());
            any = true;
        }
    }
    if (any)
        return;
    if (watch.isNamespace()) {
        m_report.watchErrors.append({ watch.label(), error });
    } else {
        RepoState &s = m_state->upsert(watch.account, watch.repository);
        s.watch = watch.label();
        s.error = error;
        m_report.repositories.insert(s.key());
    }
}

void Sweep::sweepNamespace(const WatchConfig &watch, DockerHubClient *client)
{
    begin();
    client->listNamespace(watch.ns, [this, watch, client](const DockerHubClient::ListResult &r) {
        m_report.listingPages += r.pages;
        if (!r.error.isEmpty()) {
            failWatch(watch, r.error);
            return end();
        }
        QSet<QString> listed;
        for (const auto &repo : r.repositories) {
            listed.insert(watch.account + QLatin1Char('|') + repo.fullName());
            considerHistory(watch, client, repo.fullName(), repo.lastUpdated);
        }
        // Repositories that disappeared from the namespace (deleted, renamed) are forgotten.
        for (const RepoState &s : m_state->all()) {
            if (s.account == watch.account && s.watch == watch.label() && !listed.contains(s.key()))
                m_state->remove(s.key());
        }
        end();
    });
}

void Sweep::sweepRepository(const WatchConfig &watch, DockerHubClient *client)
{
    begin();
    client->fetchRepository(
            watch.repository, [this, watch, client](const DockerHubClient::RepositoryResult &r) {
                if (!r.error.isEmpty()) {
                    failWatch(watch, r.error);
                    RepoState &s = m_state->upsert(watch.account, watch.repository);
                    ++s.failures;
                    return end();
                }
                considerHistory(watch, client, watch.repository, r.repository.lastUpdated);
                end();
            });
}

void Sweep::considerHistory(const WatchConfig &watch, DockerHubClient *client,
                            const QString &repository, const QDateTime &lastUpdated)
{
    const QDateTime now = Clock::now();
    const QString key = watch.account + QLatin1Char('|') + repository;
    FetchReason reason
            = historyFetchReason(m_state->find(key), lastUpdated, now, m_config.historyRefreshMs);
    if (reason == FetchReason::None && m_force.contains(repository))
        reason = FetchReason::Active;
    RepoState &s = m_state->upsert(watch.account, repository);
    s.watch = watch.label();
    s.listedUpdated = lastUpdated;
    m_report.repositories.insert(key);
    if (!shouldFetch(reason))
        return;
    qCDebug(lcPoll).noquote() << repository << "history:" << fetchReasonName(reason);
    begin();
    client->fetchHistory(
            repository, kHistoryPageSize,
            [this, key, lastUpdated, tags = watch.tags](const DockerHubClient::HistoryResult &r) {
                RepoState *s = m_state->find(key);
                if (!s)
                    return end();
                const QDateTime now = Clock::now();
                if (!r.error.isEmpty()) {
                    ++m_report.historiesFailed;
                    m_report.errors.append(r.error);
                    qCWarning(lcPoll).noquote() << r.error;
                    s->error = r.error;
                    ++s->failures;
                    s->nextAttempt = now.addMSecs(backoffDelayMs(s->failures));
                    return end();
                }
                ++m_report.historiesFetched;
                if (r.notAutomated) {
                    if (!s->noAutomatedBuilds)
                        qCInfo(lcPoll).noquote()
                                << QStringLiteral("%1 has no automated builds; checking again "
                                                  "every few hours")
                                           .arg(s->repository);
                    s->noAutomatedBuilds = true;
                    s->historyUpdated = lastUpdated;
                    s->historyFetchedAt = now;
                    s->error.clear();
                    s->failures = 0;
                    s->nextAttempt = QDateTime();
                    return end();
                }
                s->noAutomatedBuilds = false;
                QList<Build> history;
                for (const Build &b : r.builds) {
                    if (tags.isEmpty() || tags.contains(b.tag))
                        history.append(b);
                }
                const QList<Build> latest = latestPerTag(history);
                for (const Build &after : latest) {
                    Build before;
                    for (const Build &old : std::as_const(s->builds)) {
                        if (old.tag == after.tag)
                            before = old;
                    }
                    if (before != after)
                        m_report.changes.append(BuildChange { before, after });
                }
                // Tags that dropped out of the recent history keep their last known build.
                QList<Build> merged = latest;
                for (const Build &old : std::as_const(s->builds)) {
                    const bool present
                            = std::any_of(latest.begin(), latest.end(),
                                          [&](const Build &b) { return b.tag == old.tag; });
                    if (!present && (tags.isEmpty() || tags.contains(old.tag)))
                        merged.append(old);
                }
                s->builds = merged;
                s->historyUpdated = lastUpdated;
                s->historyFetchedAt = now;
                s->error.clear();
                s->failures = 0;
                s->nextAttempt = QDateTime();
                end();
            });
}

} // namespace hubhook
