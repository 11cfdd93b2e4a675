#pragma once

#include "config/Config.h"
#include "config/ProviderDescriptor.h"
#include "core/Build.h"

#include <functional>
#include <memory>
#include <optional>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace hubhook {

// What the engine needs from a build service (Docker Hub today, GitHub Actions next), for one
// account, in the engine's own words. A sweep asks each watch's client which repositories may
// have new builds, then reads the builds of those that can have changed; the rebuild policy asks
// for pushes and authorisation. Every callback is called exactly once, with a value or an error
// that names what failed and never contains a secret or a URL with one.
//
// A client is always owned through a shared pointer and keeps itself alive while one of its
// requests is in flight: the engine may replace its clients (a config applied mid-sweep).
//
// To add a provider: a folder providers/<name>/ with its API parsing (pure, tested with recorded
// answers), a client implementing this interface and a ProviderPlugin (below) that describes it,
// registered with one line in providers/Providers.cpp (docs/ARCHITECTURE.md, "Adding a
// provider"). Builds carry the provider's id (Build::provider), so detection, deduplication and
// muting work unchanged.
class ProviderClient
{
public:
    virtual ~ProviderClient() = default;

    // One repository that may have new builds, and when the provider last saw it change
    // (compared with the value of the last read; invalid when the provider cannot say).
    struct Candidate
    {
        QString repository; // "owner/name"
        QDateTime lastUpdated;
        // Read at every sweep, whatever lastUpdated says (an image watch: staleness is a
        // matter of time, and a tag's push does not show in a listing).
        bool alwaysRead = false;
    };
    struct Candidates
    {
        QList<Candidate> items;
        QString error; // empty on success; then the whole watch failed
        int pages = 0; // listing pages read (so far)
        // More pages follow and the callback comes again: a long listing is handed over page by
        // page, so the histories of the first page are read while the next one loads.
        bool more = false;
    };
    // The repositories under a watch: a whole namespace (or owner), or the one it names.
    virtual void candidates(const WatchConfig &watch, std::function<void(const Candidates &)> done)
            = 0;

    struct Builds
    {
        QList<Build> builds; // the recent builds, newest first, normalised
        QString error;
        bool notBuiltHere = false; // the provider builds nothing for it (not an error)
    };
    // The watch says which builds make rows (GitHub: workflows, branches, events).
    virtual void builds(const WatchConfig &watch, const QString &repository,
                        std::function<void(const Builds &)> done)
            = 0;

    // When each tag was last pushed: whether a rebuild really produced an image, wherever it
    // was built.
    using PushesCallback = std::function<void(const QHash<QString, QDateTime> &lastPushed,
                                              const QString &error)>;
    virtual void pushes(const QString &repository, PushesCallback done) = 0;

    // The Authorization header value for this account's rebuild requests (empty: anonymous).
    using AuthorizeCallback = std::function<void(const QByteArray &header, const QString &error)>;
    virtual void authorize(AuthorizeCallback done) = 0;

    // A rebuild done by the provider's API rather than a URL (GitHub: dispatch the trigger's
    // workflow on its ref, or re-run the failed jobs of run `rerunOf`).
    struct ActionResult
    {
        bool ok = false;
        int status = 0; // HTTP status, 0 when none came
        QString result; // "HTTP 204", or what went wrong (names the permission it lacks)
        qint64 runId = 0; // the run it started, when the provider says
        qint64 durationMs = 0;
    };
    virtual void runTrigger(const TriggerConfig &trigger, qint64 rerunOf,
                            std::function<void(const ActionResult &)> done)
    {
        Q_UNUSED(trigger)
        Q_UNUSED(rerunOf)
        done({ false, 0, QStringLiteral("this provider has no rebuild API; use a trigger URL") });
    }

    // What the client remembers between runs (GitHub: ETags and what they stood for), as JSON;
    // restored before the first sweep. Empty when it keeps nothing.
    virtual QJsonObject saveCache() const { return {}; }
    virtual void restoreCache(const QJsonObject &cache) { Q_UNUSED(cache) }
    // After a sweep: a warning when the account cannot keep up with its rate limit at this
    // poll interval (GitHub without a token), else empty.
    virtual QString budgetWarning(qint64 pollIntervalMs)
    {
        Q_UNUSED(pollIntervalMs)
        return {};
    }

    virtual void beginSweep() { } // e.g. forget a failed login, so that a sweep tries again
    // Requests that got any answer (an error one too): none in a sweep means offline.
    virtual int answeredRequests() const = 0;
};

using ProviderClientPtr = std::shared_ptr<ProviderClient>;

class RequestQueue;

// The window's Rebuild (and the notification's) for a row that has no configured trigger but
// whose provider rebuilds through its API (a re-run of the failed run, or a new run of the
// row's workflow on its branch). The engine fires it like any trigger.
struct RowRebuild
{
    TriggerConfig trigger; // named "Rebuild <row>", expecting a run of the row within 30 min
    qint64 rerunOf = 0; // the run to re-run; 0: a new run
};

// A provider, whole: its descriptor (words, config keys and rules: config/ProviderDescriptor)
// and what needs the network. One instance per provider, registered by Providers.cpp.
class ProviderPlugin : public ProviderDescriptor
{
public:
    // The client of one account; `queue` is shared by the accounts of the same API origin.
    virtual ProviderClientPtr createClient(const AccountConfig &account, const QString &token,
                                           RequestQueue *queue) const = 0;
    // Whether a plain trigger URL (a trigger without expect_build) rebuilds `repository`: what
    // the window's Rebuild falls back to.
    virtual bool triggerUrlRebuilds(const QUrl &url, const QString &repository) const
    {
        Q_UNUSED(url)
        Q_UNUSED(repository)
        return false;
    }
    // What Rebuild does for `row` through the provider's API, when it can.
    virtual std::optional<RowRebuild> rowRebuild(const Config &config, const Build &row) const
    {
        Q_UNUSED(config)
        Q_UNUSED(row)
        return std::nullopt;
    }
};

// The plugin of a provider id; null when this build does not know it.
const ProviderPlugin *providerPlugin(const QString &id);

} // namespace hubhook
