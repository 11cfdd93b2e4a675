#include "providers/dockerhub/DockerHubClient.h"
#include "providers/Providers.h"
#include "support/Clock.h"

#include "support/Logging.h"
#include "support/Redactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

namespace hubhook {

namespace {
constexpr int kHistoryPageSize = 10; // enough for the newest build of each active tag
constexpr int kMaxPages = 500; // 50,000 repositories: a broken `next` chain must not loop forever
// Refresh a JWT this long before it expires (auth/token JWTs live 10 minutes), or a
// quarter of its lifetime when that is shorter.
constexpr qint64 kExpiryMarginMs = 60 * 1000;
} // namespace

DockerHubClient::DockerHubClient(const AccountConfig &account, const QString &token,
                                 RequestQueue *queue)
    : m_account(account), m_token(token), m_queue(queue)
{
    Redactor::instance().add(token);
}

QUrl DockerHubClient::apiUrl(const QString &path, const QList<QPair<QString, QString>> &query) const
{
    return providerApiUrl(m_account.baseUrl, path, query);
}

QString DockerHubClient::describe(const HttpResult &reply, const QString &what) const
{
    QString text = what + QStringLiteral(": ") + reply.error;
    const QString detail = dockerhub::errorDetail(reply.body);
    if (!detail.isEmpty() && reply.status != 0)
        text += QStringLiteral(" - ") + detail;
    return Redactor::instance().redact(text);
}

void DockerHubClient::withToken(Continue next)
{
    if (m_token.isEmpty() || m_account.username.isEmpty())
        return next({}); // anonymous: public repositories only
    if (!m_loginError.isEmpty())
        return next(m_loginError);
    const QDateTime now = Clock::now();
    if (!m_jwt.isEmpty() && (!m_jwtExpiry.isValid() || now < m_refreshAt))
        return next({});
    m_waitingForLogin.append(std::move(next));
    if (!m_loggingIn)
        login();
}

void DockerHubClient::login()
{
    m_loggingIn = true;
    m_jwt.clear();
    // Personal and organisation access tokens use the documented token endpoint; a password
    // (or a PAT given as one, which Docker Hub accepts too) uses the login endpoint.
    const bool accessToken = m_token.startsWith(QLatin1String("dckr_pat_"))
            || m_token.startsWith(QLatin1String("dckr_oat_"));
    QJsonObject body;
    QUrl url;
    if (accessToken) {
        url = apiUrl(QStringLiteral("/v2/auth/token"));
        body = { { QStringLiteral("identifier"), m_account.username },
                 { QStringLiteral("secret"), m_token } };
    } else {
        url = apiUrl(QStringLiteral("/v2/users/login"));
        body = { { QStringLiteral("username"), m_account.username },
                 { QStringLiteral("password"), m_token } };
    }
    HttpRequest request;
    request.url = url;
    request.verb = "POST";
    request.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    m_queue->submit(request, [this, self = shared_from_this()](const HttpResult &reply) {
        if (reply.status != 0)
            ++m_answered;
        onLoginReply(reply);
    });
}

QString DockerHubClient::takeLoginReply(const HttpResult &reply)
{
    if (!reply.ok()) {
        const QString detail = dockerhub::errorDetail(reply.body);
        return detail.isEmpty() ? reply.error : reply.error + QStringLiteral(" - ") + detail;
    }
    QString parseError;
    const auto r = dockerhub::parseLogin(reply.body, &parseError);
    if (!r)
        return parseError;
    if (r->token.isEmpty())
        return QStringLiteral("the account uses two-factor authentication; use a personal "
                              "access token instead of the password");
    m_jwt = r->token;
    Redactor::instance().add(m_jwt);
    m_jwtExpiry = dockerhub::jwtExpiry(m_jwt);
    const qint64 lifetime = Clock::now().msecsTo(m_jwtExpiry);
    m_refreshAt = m_jwtExpiry.addMSecs(-std::min(kExpiryMarginMs, lifetime / 4));
    return {};
}

void DockerHubClient::onLoginReply(const HttpResult &reply)
{
    const QString error = takeLoginReply(reply);
    if (!error.isEmpty()) {
        m_loginError = Redactor::instance().redact(
                QStringLiteral("account \"%1\": login as \"%2\" at %3 failed: %4")
                        .arg(m_account.name, m_account.username, safeOrigin(m_account.baseUrl),
                             error));
        qCWarning(lcAuth).noquote() << m_loginError;
    } else {
        qCInfo(lcAuth).noquote() << QStringLiteral("account \"%1\": logged in at %2")
                                            .arg(m_account.name, safeOrigin(m_account.baseUrl));
    }
    m_loggingIn = false;
    const auto waiting = std::exchange(m_waitingForLogin, {});
    for (const auto &next : waiting)
        next(m_loginError);
}

void DockerHubClient::get(const QUrl &url, std::function<void(const HttpResult &)> done,
                          bool retried)
{
    withToken([this, url, done, retried](const QString &authError) {
        if (!authError.isEmpty()) {
            HttpResult r;
            r.error = authError;
            r.status = -1; // marks "not sent"
            return done(r);
        }
        HttpRequest request;
        request.url = url;
        const bool authenticated = !m_jwt.isEmpty();
        if (authenticated)
            request.headers.append({ "Authorization", "Bearer " + m_jwt.toUtf8() });
        m_queue->submit(
                request,
                [this, self = shared_from_this(), url, done, retried,
                 authenticated](const HttpResult &reply) {
                    if (reply.status > 0)
                        ++m_answered;
                    if (reply.status == 401 && authenticated && !retried) {
                        // The JWT expired or was revoked: log in again once and retry.
                        qCInfo(lcAuth).noquote()
                                << QStringLiteral("account \"%1\": token refused, logging in again")
                                           .arg(m_account.name);
                        m_jwt.clear();
                        return get(url, done, true);
                    }
                    done(reply);
                });
    });
}

void DockerHubClient::authorize(AuthorizeCallback done)
{
    withToken([this, done](const QString &error) {
        if (!error.isEmpty())
            return done({}, error);
        done(m_jwt.isEmpty() ? QByteArray() : "Bearer " + m_jwt.toUtf8(), {});
    });
}

void DockerHubClient::listNamespace(const QString &ns, std::function<void(const ListResult &)> done)
{
    const QUrl first = apiUrl(QStringLiteral("/v2/namespaces/%1/repositories").arg(ns),
                              { { QStringLiteral("page"), QStringLiteral("1") },
                                { QStringLiteral("page_size"), QStringLiteral("100") } });
    listPage(ns, first, false, 0, std::move(done));
}

void DockerHubClient::listPage(const QString &ns, const QUrl &url, bool legacy, int pagesRead,
                               std::function<void(const ListResult &)> done)
{
    get(url, [this, ns, url, legacy, pagesRead, done](const HttpResult &reply) {
        auto acc = std::make_shared<ListResult>(); // this page's
        acc->pages = pagesRead;
        const QString what = QStringLiteral("namespace %1, page %2").arg(ns).arg(acc->pages + 1);
        if (reply.status == 404 && acc->pages == 0 && !legacy) {
            // Older Hub deployments only have the legacy listing.
            const QUrl old = apiUrl(QStringLiteral("/v2/repositories/%1/").arg(ns),
                                    { { QStringLiteral("page"), QStringLiteral("1") },
                                      { QStringLiteral("page_size"), QStringLiteral("100") } });
            return listPage(ns, old, true, 0, done);
        }
        if (reply.status == 404 && acc->pages == 0) {
            acc->error = QStringLiteral("namespace %1: not found (or private and not readable by "
                                        "account \"%2\")")
                                 .arg(ns, m_account.name);
            return done(*acc);
        }
        if (!reply.ok()) {
            acc->error = describe(reply, what);
            return done(*acc);
        }
        QString parseError;
        const auto page = dockerhub::parseRepositoryPage(reply.body, ns, &parseError);
        if (!page) {
            acc->error = what + QStringLiteral(": ") + parseError;
            return done(*acc);
        }
        ++acc->pages;
        acc->repositories = page->results;
        if (page->next.isEmpty() || page->results.isEmpty())
            return done(*acc);
        const QUrl next = url.resolved(page->next);
        if (next.scheme() != url.scheme() || next.host() != url.host()
            || next.port() != url.port()) {
            acc->error = what
                    + QStringLiteral(": the next page points to another host (%1); not followed")
                              .arg(safeOrigin(next));
            return done(*acc);
        }
        if (acc->pages >= kMaxPages) {
            acc->error = what + QStringLiteral(": more than %1 pages; stopped").arg(kMaxPages);
            return done(*acc);
        }
        acc->more = true;
        done(*acc);
        listPage(ns, next, legacy, acc->pages, done);
    });
}

void DockerHubClient::fetchRepository(const QString &fullName,
                                      std::function<void(const RepositoryResult &)> done)
{
    const QString ns = fullName.section(QLatin1Char('/'), 0, 0);
    const QString name = fullName.section(QLatin1Char('/'), 1);
    get(apiUrl(QStringLiteral("/v2/namespaces/%1/repositories/%2").arg(ns, name)),
        [this, fullName, ns, done](const HttpResult &reply) {
            RepositoryResult r;
            if (reply.status == 404) {
                r.error = QStringLiteral("repository %1: not found (or private and not readable by "
                                         "account \"%2\")")
                                  .arg(fullName, m_account.name);
            } else if (!reply.ok()) {
                r.error = describe(reply, QStringLiteral("repository %1").arg(fullName));
            } else {
                QString parseError;
                const auto repo = dockerhub::parseRepository(reply.body, ns, &parseError);
                if (repo)
                    r.repository = *repo;
                else
                    r.error = QStringLiteral("repository %1: %2").arg(fullName, parseError);
            }
            done(r);
        });
}

void DockerHubClient::fetchTags(const QString &fullName,
                                std::function<void(const TagsResult &)> done)
{
    const QString ns = fullName.section(QLatin1Char('/'), 0, 0);
    const QString name = fullName.section(QLatin1Char('/'), 1);
    const QUrl url = apiUrl(QStringLiteral("/v2/namespaces/%1/repositories/%2/tags").arg(ns, name),
                            { { QStringLiteral("page_size"), QStringLiteral("100") } });
    get(url, [this, fullName, done](const HttpResult &reply) {
        TagsResult r;
        if (!reply.ok()) {
            r.error = describe(reply, QStringLiteral("%1 tags").arg(fullName));
            return done(r);
        }
        QString error;
        const auto tags = dockerhub::parseTags(reply.body, &error);
        if (tags)
            r.lastPushed = *tags;
        else
            r.error = QStringLiteral("%1 tags: %2").arg(fullName, error);
        done(r);
    });
}

void DockerHubClient::fetchHistory(const QString &fullName, int pageSize,
                                   std::function<void(const HistoryResult &)> done)
{
    const QUrl url = apiUrl(QStringLiteral("/v2/repositories/%1/buildhistory/").arg(fullName),
                            { { QStringLiteral("page"), QStringLiteral("1") },
                              { QStringLiteral("page_size"), QString::number(pageSize) } });
    get(url, [this, fullName, done](const HttpResult &reply) {
        HistoryResult r;
        const QString what = QStringLiteral("%1 build history").arg(fullName);
        if (reply.status == 404) {
            // Docker Hub's answer for a repository without automated builds (and for a private
            // one the account cannot read; the listing already showed it exists).
            r.notAutomated = true;
        } else if (!reply.ok()) {
            r.error = describe(reply, what);
        } else {
            QString parseError;
            // Only the newest build of each tag is kept (the sweep wants no more): the others
            // are neither linked nor held, which spares a sweep of 10,000 repositories 90,000
            // build records it would drop at once.
            const auto page
                    = dockerhub::parseBuildHistory(reply.body, fullName, QUrl(), &parseError);
            if (page) {
                r.builds = latestPerTag(page->results);
                for (Build &b : r.builds)
                    b.url = dockerhub::buildPageUrl(m_account.baseUrl, fullName, b.buildCode);
            } else
                r.error = what + QStringLiteral(": ") + parseError;
        }
        done(r);
    });
}

void DockerHubClient::candidates(const WatchConfig &watch,
                                 std::function<void(const Candidates &)> done)
{
    if (watch.isImage()) {
        Candidates c;
        c.items.append({ watch.image, QDateTime(), true });
        return done(c);
    }
    if (watch.isNamespace()) {
        listNamespace(watch.ns, [done](const ListResult &r) {
            Candidates c;
            c.error = r.error;
            c.pages = r.pages;
            c.more = r.more;
            for (const auto &repo : r.repositories)
                c.items.append({ repo.fullName(), repo.lastUpdated });
            done(c);
        });
        return;
    }
    fetchRepository(watch.repository, [done, name = watch.repository](const RepositoryResult &r) {
        Candidates c;
        c.error = r.error;
        if (r.error.isEmpty())
            c.items.append({ name, r.repository.lastUpdated });
        done(c);
    });
}

void DockerHubClient::builds(const WatchConfig &watch, const QString &repository,
                             std::function<void(const Builds &)> done)
{
    if (watch.isImage())
        return imageBuilds(watch, std::move(done));
    fetchHistory(repository, kHistoryPageSize, [done](const HistoryResult &r) {
        done(Builds { r.builds, r.error, r.notAutomated });
    });
}

// The answers to an image watch's tag requests, gathered until the last one is in: then the
// watch's rows are made of them.
struct DockerHubClient::ImageAnswers
{
    WatchConfig watch;
    std::function<void(const Builds &)> done;
    int outstanding = 0;
    QList<ImageTag> tags;
    QString error; // the first one

    void answered();
};

void DockerHubClient::ImageAnswers::answered()
{
    if (--outstanding > 0)
        return;
    QUrl web(QStringLiteral("https://hub.docker.com"));
    web.setPath(QStringLiteral("/r/%1/tags").arg(watch.imageRepository()));
    Builds r;
    r.error = error;
    const ImageRows rows = imageRows(QStringLiteral("dockerhub"), watch.image, watch.tags,
                                     watch.maxAgeMs, tags, Clock::now(), web.toString());
    r.builds = rows.rows;
    if (r.error.isEmpty() && !rows.missing.isEmpty())
        r.error = QStringLiteral("image %1: no tag matches %2 (check the watch's tags)")
                          .arg(watch.image, rows.missing.join(QStringLiteral(", ")));
    done(r);
}

void DockerHubClient::imageBuilds(const WatchConfig &watch,
                                  std::function<void(const Builds &)> done)
{
    const QString fullName = watch.imageRepository();
    const QString ns = fullName.section(QLatin1Char('/'), 0, 0);
    const QString name = fullName.section(QLatin1Char('/'), 1);
    const QString base = QStringLiteral("/v2/namespaces/%1/repositories/%2/tags").arg(ns, name);
    auto answers = std::make_shared<ImageAnswers>();
    answers->watch = watch;
    answers->done = std::move(done);
    if (std::any_of(watch.tags.begin(), watch.tags.end(), isTagGlob)) {
        answers->outstanding = 1;
        imageTagPage(base, answers);
        return;
    }
    answers->outstanding = int(watch.tags.size());
    for (const QString &tag : watch.tags)
        imageTag(base, tag, answers);
}

void DockerHubClient::imageTagPage(const QString &base, std::shared_ptr<ImageAnswers> answers)
{
    get(apiUrl(base,
               { { QStringLiteral("page_size"), QStringLiteral("100") },
                 { QStringLiteral("ordering"), QStringLiteral("last_updated") } }),
        [self = shared_from_this(), answers](const HttpResult &reply) {
            answers->error = self->imageError(reply, answers->watch.image, {});
            QString error;
            if (answers->error.isEmpty()) {
                if (const auto tags = dockerhub::parseTagPage(reply.body, &error))
                    answers->tags = *tags;
                else
                    answers->error = error;
            }
            answers->answered();
        });
}

void DockerHubClient::imageTag(const QString &base, const QString &tag,
                               std::shared_ptr<ImageAnswers> answers)
{
    get(apiUrl(base + QLatin1Char('/') + tag),
        [self = shared_from_this(), answers, tag](const HttpResult &reply) {
            const QString error = self->imageError(reply, answers->watch.image, tag);
            if (!error.isEmpty() && answers->error.isEmpty())
                answers->error = error;
            QString parseError;
            if (error.isEmpty()) {
                if (const auto t = dockerhub::parseTag(reply.body, &parseError))
                    answers->tags.append(*t);
                else if (answers->error.isEmpty())
                    answers->error = QStringLiteral("tag %1: %2").arg(tag, parseError);
            }
            answers->answered();
        });
}

QString DockerHubClient::imageError(const HttpResult &reply, const QString &image,
                                    const QString &tag) const
{
    if (reply.ok())
        return {};
    QString text = describe(reply, QStringLiteral("image %1").arg(image));
    if (reply.status == 404)
        text += tag.isEmpty() ? QStringLiteral(" (check the image name, or give the account a "
                                               "token that can see a private repository)")
                              : QStringLiteral(" (no tag \"%1\", or no such image; check the "
                                               "watch's image and tags)")
                                        .arg(tag);
    else if (reply.status == 401)
        text += QStringLiteral(" (a private repository needs the account's token)");
    return text;
}

void DockerHubClient::pushes(const QString &repository, PushesCallback done)
{
    const QString name
            = repository.startsWith(QLatin1String("docker.io/")) ? repository.mid(10) : repository;
    fetchTags(name, [done](const TagsResult &r) { done(r.lastPushed, r.error); });
}

bool DockerHubClient::isTriggerUrlOf(const QUrl &url, const QString &repository)
{
    return url.path().contains(QStringLiteral("/u/%1/trigger/").arg(repository));
}

} // namespace hubhook
