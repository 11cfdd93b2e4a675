#include "engine/Sweep.h"
#include "support/Clock.h"

#include "core/SweepPolicy.h"
#include "support/Logging.h"

#include <QTimer>

namespace hubhook {

Sweep::Sweep(const Config &config, const QHash<QString, ProviderClientPtr> &clients,
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
    for (const ProviderClientPtr &c : std::as_const(m_clients))
        m_report.answered -= c->answeredRequests(); // clients outlive sweeps: count only ours
    begin(); // held until every watch has been started, so `finished` cannot fire early
    for (const WatchConfig &watch : std::as_const(m_config.watch)) {
        ProviderClient *client = m_clients.value(watch.account).get();
        if (!client) {
            failWatch(watch,
                      m_accountErrors.value(
                              watch.account,
                              QStringLiteral("account \"%1\" is not ready").arg(watch.account)));
            continue;
        }
        client->beginSweep();
        sweepWatch(watch, client);
    }
    // Deferred so that a sweep with nothing to do still finishes asynchronously.
    QTimer::singleShot(0, this, [this] { end(); });
}

void Sweep::end()
{
    if (--m_outstanding > 0)
        return;
    m_report.finished = Clock::now();
    for (const ProviderClientPtr &c : std::as_const(m_clients))
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
    const QString label = watch.label();
    for (const RepoState &s : m_state->repositories()) {
        if (s.account == watch.account && s.watch == label) {
            const QString key = s.key();
            m_state->find(key)->error = error;
            m_report.repositories.insert(key);
            any = true;
        }
    }
    if (any)
        return;
    if (watch.isNamespace()) {
        m_report.watchErrors.append({ watch.label(), error });
    } else {
        RepoState &s
                = m_state->upsert(watch.account, watch.isImage() ? watch.image : watch.repository);
        s.watch = watch.label();
        s.error = error;
        m_report.repositories.insert(s.key());
    }
}

void Sweep::sweepWatch(const WatchConfig &watch, ProviderClient *client)
{
    begin();
    // One copy of the label and the filters, shared by every RepoState of the watch.
    const WatchStrings strings { watch.label(), watch.filterKey() };
    auto listed = std::make_shared<QSet<QString>>();
    client->candidates(
            watch, [this, watch, client, strings, listed](const ProviderClient::Candidates &r) {
                if (!r.more)
                    m_report.listingPages += r.pages;
                if (!r.error.isEmpty()) {
                    failWatch(watch, r.error);
                    if (!watch.isNamespace())
                        ++m_state->upsert(watch.account,
                                          watch.isImage() ? watch.image : watch.repository)
                                  .failures;
                    return end();
                }
                for (const ProviderClient::Candidate &c : r.items) {
                    listed->insert(watch.account + QLatin1Char('|') + c.repository);
                    considerHistory(watch, strings, client, c.repository, c.lastUpdated,
                                    c.alwaysRead);
                }
                if (r.more) // the histories of this page are on their way while the next one loads
                    return;
                if (watch.isNamespace())
                    forgetUnlisted(watch, *listed);
                end();
            });
}

// Repositories that disappeared from a namespace (deleted, renamed) are forgotten.
void Sweep::forgetUnlisted(const WatchConfig &watch, const QSet<QString> &listed)
{
    const QString label = watch.label();
    QStringList gone;
    for (const RepoState &s : m_state->repositories()) {
        if (s.account == watch.account && s.watch == label && !listed.contains(s.key()))
            gone.append(s.key());
    }
    for (const QString &key : std::as_const(gone))
        m_state->remove(key);
}

void Sweep::considerHistory(const WatchConfig &watch, const WatchStrings &strings,
                            ProviderClient *client, const QString &repository,
                            const QDateTime &lastUpdated, bool alwaysRead)
{
    const QDateTime now = Clock::now();
    const QString key = watch.account + QLatin1Char('|') + repository;
    FetchReason reason
            = historyFetchReason(m_state->find(key), lastUpdated, now, m_config.historyRefreshMs);
    if (reason == FetchReason::None && (m_force.contains(repository) || alwaysRead))
        reason = FetchReason::Active;
    RepoState &s = m_state->upsert(watch.account, repository);
    if (reason == FetchReason::None && s.readWith != strings.filterKey)
        reason = FetchReason::Changed; // the watch's filters changed
    s.readWith = strings.filterKey;
    s.watch = strings.label;
    s.listedUpdated = lastUpdated;
    m_report.repositories.insert(key);
    if (!shouldFetch(reason))
        return;
    qCDebug(lcPoll).noquote() << repository << "history:" << fetchReasonName(reason);
    begin();
    client->builds(watch, repository,
                   [this, key, lastUpdated, tags = watch.tags](const ProviderClient::Builds &r) {
                       onBuilds(key, lastUpdated, tags, r);
                       end();
                   });
}

namespace {

// The newest build of each tag (of `tags`, when given) and the changes against what was known;
// tags that dropped out of the recent history keep their last known build.
QList<Build> mergeBuilds(const QList<Build> &known, const QList<Build> &read,
                         const QStringList &tags, QList<BuildChange> *changes)
{
    QList<Build> history;
    for (const Build &b : read) {
        if (tags.isEmpty() || tags.contains(b.tag))
            history.append(b);
    }
    const QList<Build> latest = latestPerTag(history);
    for (const Build &after : latest) {
        Build before;
        for (const Build &old : known) {
            if (old.tag == after.tag)
                before = old;
        }
        if (before != after)
            changes->append(BuildChange { before, after });
    }
    QList<Build> merged = latest;
    for (Build &b : merged)
        b.poolStrings();
    for (const Build &old : known) {
        const bool present = std::any_of(latest.begin(), latest.end(),
                                         [&](const Build &b) { return b.tag == old.tag; });
        if (!present && (tags.isEmpty() || tags.contains(old.tag)))
            merged.append(old);
    }
    return merged;
}

} // namespace

void Sweep::onBuilds(const QString &key, const QDateTime &lastUpdated, const QStringList &tags,
                     const ProviderClient::Builds &r)
{
    RepoState *s = m_state->find(key);
    if (!s)
        return;
    const QDateTime now = Clock::now();
    if (!r.error.isEmpty()) {
        ++m_report.historiesFailed;
        m_report.errors.append(r.error);
        qCWarning(lcPoll).noquote() << r.error;
        s->error = r.error;
        ++s->failures;
        s->nextAttempt = now.addMSecs(backoffDelayMs(s->failures));
        return;
    }
    ++m_report.historiesFetched;
    if (r.notBuiltHere && !s->noAutomatedBuilds)
        qCInfo(lcPoll).noquote()
                << QStringLiteral("%1 has no automated builds; checking again every few hours")
                           .arg(s->repository);
    s->noAutomatedBuilds = r.notBuiltHere;
    if (!r.notBuiltHere)
        s->builds = mergeBuilds(s->builds, r.builds, tags, &m_report.changes);
    s->historyUpdated = lastUpdated;
    s->historyFetchedAt = now;
    s->error.clear();
    s->failures = 0;
    s->nextAttempt = QDateTime();
}

} // namespace hubhook
