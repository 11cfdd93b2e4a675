#pragma once

#include "config/Config.h"
#include "net/RequestQueue.h"
#include "providers/Provider.h"
#include "providers/dockerhub/DockerHubApi.h"

#include <functional>
#include <memory>

namespace hubhook {

// One Docker Hub account: authentication (personal access token or password, refreshed on
// expiry and on 401) and the three reads a sweep needs. Callbacks get either a value or an
// error that names what failed and never contains a token or a URL with one.
//
// Always owned through a shared pointer: every request in flight holds one, so a client that
// the engine replaces (a config applied mid-sweep) lives until its last answer is handled.
class DockerHubClient : public ProviderClient, public std::enable_shared_from_this<DockerHubClient>
{
public:
    DockerHubClient(const AccountConfig &account, const QString &token, RequestQueue *queue);
    Q_DISABLE_COPY(DockerHubClient)

    // One call per page: `repositories` of that page, `pages` read so far, `more` until the
    // last call (the last page, or an error).
    struct ListResult
    {
        QList<dockerhub::Repository> repositories;
        QString error; // empty on success
        int pages = 0;
        bool more = false;
    };
    struct RepositoryResult
    {
        dockerhub::Repository repository;
        QString error;
    };
    struct HistoryResult
    {
        QList<Build> builds; // the newest of each tag
        QString error;
        bool notAutomated = false; // 404: no automated builds (not an error)
    };

    void listNamespace(const QString &ns, std::function<void(const ListResult &)> done);
    void fetchRepository(const QString &fullName,
                         std::function<void(const RepositoryResult &)> done);
    void fetchHistory(const QString &fullName, int pageSize,
                      std::function<void(const HistoryResult &)> done);
    struct TagsResult
    {
        QHash<QString, QDateTime> lastPushed; // tag -> tag_last_pushed (or last_updated)
        QString error;
    };
    // The 100 most recent tags: whether a rebuild really pushed an image.
    void fetchTags(const QString &fullName, std::function<void(const TagsResult &)> done);

    // ProviderClient, in Docker Hub's terms: a namespace listing or one repository; the build
    // history (10 builds; a 404 means no automated builds); the tags API.
    void candidates(const WatchConfig &watch,
                    std::function<void(const Candidates &)> done) override;
    void builds(const WatchConfig &watch, const QString &repository,
                std::function<void(const Builds &)> done) override;
    void pushes(const QString &repository, PushesCallback done) override;
    void beginSweep() override { resetLoginFailure(); }

    // Whether `url` is a trigger URL of `repository` (/u/{ns}/{repo}/trigger/{token}/).
    static bool isTriggerUrlOf(const QUrl &url, const QString &repository);

    // The Authorization header value for this account ("Bearer <jwt>"; empty when anonymous),
    // logging in first if needed: for the authenticated trigger-build endpoint.
    void authorize(AuthorizeCallback done) override;

    // Forget a failed login so that the next sweep tries again.
    void resetLoginFailure() { m_loginError.clear(); }
    const AccountConfig &account() const { return m_account; }
    // Requests that got an HTTP answer (even an error one): zero means the host was unreachable.
    int answeredRequests() const override { return m_answered; }

private:
    // An image watch: its tags' digests and last pushes (one request per tag, or one page
    // newest first when a pattern is a glob).
    void imageBuilds(const WatchConfig &watch, std::function<void(const Builds &)> done);
    struct ImageAnswers;
    void imageTagPage(const QString &base, std::shared_ptr<ImageAnswers> answers); // a glob
    void imageTag(const QString &base, const QString &tag, std::shared_ptr<ImageAnswers> answers);
    // Why an image's tag request failed (empty when it did not); `tag` is empty for the page.
    QString imageError(const HttpResult &reply, const QString &image, const QString &tag) const;
    using Continue = std::function<void(const QString &error)>;
    void withToken(Continue next);
    void login();
    void onLoginReply(const HttpResult &reply);
    QString takeLoginReply(const HttpResult &reply); // keeps the JWT; the error, or empty
    void get(const QUrl &url, std::function<void(const HttpResult &)> done, bool retried = false);
    QUrl apiUrl(const QString &path, const QList<QPair<QString, QString>> &query = {}) const;
    QString describe(const HttpResult &reply, const QString &what) const;
    void listPage(const QString &ns, const QUrl &url, bool legacy, int pagesRead,
                  std::function<void(const ListResult &)> done);

    AccountConfig m_account;
    QString m_token; // the personal access token or password
    QString m_jwt;
    QDateTime m_jwtExpiry;
    QDateTime m_refreshAt; // log in again from then on
    QString m_loginError;
    bool m_loggingIn = false;
    QList<Continue> m_waitingForLogin;
    RequestQueue *m_queue;
    int m_answered = 0;
};

using DockerHubClientPtr = std::shared_ptr<DockerHubClient>;

} // namespace hubhook
