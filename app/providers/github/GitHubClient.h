#pragma once

#include "config/Config.h"
#include "net/RequestQueue.h"
#include "providers/Provider.h"
#include "providers/github/GitHubApi.h"

#include <functional>
#include <memory>
#include <QHash>
#include <QJsonValue>
#include <QSet>

namespace hubhook {

namespace github {
// Whether the watch's runs include those of `event`: its `events`, else all but pull requests.
bool admitsEvent(const WatchConfig &watch, const QString &event);
} // namespace github

// One GitHub account (github.com or GitHub Enterprise Server): the repositories of an owner
// or one repository, their workflow runs, and re-runs and dispatches.
//
// Every GET is conditional: the client keeps each URL's ETag with what its answer meant (the
// runs already reduced to rows), so a 304, which GitHub does not count against the rate limit,
// is answered from memory, and the cache survives a restart (saveCache/restoreCache). Pages
// are followed through the Link header as given.
class GitHubClient : public ProviderClient, public std::enable_shared_from_this<GitHubClient>
{
public:
    GitHubClient(const AccountConfig &account, const QString &token, RequestQueue *queue);
    Q_DISABLE_COPY(GitHubClient)

    void candidates(const WatchConfig &watch,
                    std::function<void(const Candidates &)> done) override;
    void builds(const WatchConfig &watch, const QString &repository,
                std::function<void(const Builds &)> done) override;
    // GitHub has no tags of its own here (image freshness reads registries): none, no error.
    void pushes(const QString &repository, PushesCallback done) override;
    void authorize(AuthorizeCallback done) override;
    void runTrigger(const TriggerConfig &trigger, qint64 rerunOf,
                    std::function<void(const ActionResult &)> done) override;
    QJsonObject saveCache() const override;
    void restoreCache(const QJsonObject &cache) override;
    QString budgetWarning(qint64 pollIntervalMs) override; // call once after each sweep
    void beginSweep() override;
    int answeredRequests() const override { return m_answered; }

    // Answers this client got since it was made: 304s cost no rate-limit point, the others one.
    int notModifiedAnswers() const { return m_notModified; }
    int pointsUsed() const { return m_points; }

private:
    struct Fetched
    {
        QJsonValue value; // what the answer meant (fresh, or remembered for a 304)
        QUrl next; // the Link header's next page
        QString error; // empty on success
        int status = 0;
    };
    // Turns a 200's body into the value kept for its ETag; an error names what is wrong.
    using Reduce = std::function<QJsonValue(const QByteArray &body, QString *error)>;
    void fetch(const QUrl &url, const QString &what, Reduce reduce,
               std::function<void(const Fetched &)> done);
    HttpRequest request(const QUrl &url) const;
    QUrl apiUrl(const QString &path, const QList<QPair<QString, QString>> &query = {}) const;
    QString describe(const HttpResult &reply, const QString &what) const;
    void countAnswer(const HttpResult &reply);
    void listOwner(const WatchConfig &watch, const QUrl &url, bool asUser,
                   std::shared_ptr<Candidates> acc, std::function<void(const Candidates &)> done);
    void imageBuilds(const WatchConfig &watch, std::function<void(const Builds &)> done);
    void readRuns(const WatchConfig &watch, const QString &repository, const QString &workflow,
                  const QString &branch, std::function<void(const Fetched &)> done);
    // GHCR: an image's versions, newest first, page by page until every pattern has a match.
    struct Versions
    {
        QList<ImageTag> tags;
        QString error;
    };
    void readVersions(const QString &image, const QStringList &patterns, const QUrl &pageUrl,
                      bool asUser, int pages, std::shared_ptr<Versions> acc,
                      std::function<void(const Versions &)> done);
    QUrl versionsUrl(const QString &image, bool asUser) const; // the first page
    void dispatch(const TriggerConfig &t, bool withRunDetails,
                  std::function<void(const ActionResult &)> done);
    ActionResult actionResult(const HttpResult &reply, const QString &repository) const;

    struct CacheEntry
    {
        QByteArray etag;
        QJsonValue value;
        QUrl next;
        QDateTime used;
    };
    AccountConfig m_account;
    QString m_token;
    RequestQueue *m_queue;
    QHash<QString, CacheEntry> m_cache; // by URL (GitHub URLs carry no secret)
    QHash<QString, QString> m_defaultBranch; // repository -> its default branch
    QSet<QString> m_userOwners; // owners that are users, not organisations
    bool m_noRunDetails = false; // the server refused "return_run_details" (GHES)
    int m_answered = 0;
    int m_notModified = 0;
    int m_points = 0;
    int m_pointsBefore = 0; // m_points at the last budgetWarning()
    int m_rateLimit = -1; // X-RateLimit-Limit, -1 when the server sends none
};

} // namespace hubhook
