#pragma once

#include "core/Build.h"
#include "core/ImageRows.h"

#include <optional>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

// Pure parsing of Docker Hub responses (shared/reference/wire-formats.md). No network here:
// every function takes the raw body and returns the value or an error naming the field.
namespace hubhook {

// Docker Hub's build-history `status` codes were never documented; this is the mapping open
// source clients agree on (see shared/reference/wire-formats.md). Kept in one place so it is
// easy to correct.
BuildState buildStateFromDockerHub(int statusCode);

} // namespace hubhook

namespace hubhook::dockerhub {

struct Repository
{
    QString ns;
    QString name;
    bool isPrivate = false;
    QDateTime lastUpdated; // invalid when never pushed
    QString fullName() const { return ns + QLatin1Char('/') + name; }
};

struct RepositoryPage
{
    int count = 0;
    QUrl next; // empty on the last page
    QList<Repository> results;
};

struct HistoryPage
{
    int count = 0;
    QList<Build> results;
};

// `ns` fills in results that omit their namespace (the legacy endpoint sometimes does).
std::optional<RepositoryPage> parseRepositoryPage(const QByteArray &body, const QString &ns,
                                                  QString *error);
std::optional<Repository> parseRepository(const QByteArray &body, const QString &ns,
                                          QString *error);
// `webBase` is where build pages live (https://hub.docker.com for the real Hub); empty: builds
// get no url (the caller links the ones it keeps).
std::optional<HistoryPage> parseBuildHistory(const QByteArray &body, const QString &repository,
                                             const QUrl &webBase, QString *error);

// A tags page (`results`), or one tag (`/tags/{tag}`): name, digest (the top-level `digest`,
// or for old tags that lack it the first image's) and last push.
std::optional<QList<ImageTag>> parseTagPage(const QByteArray &body, QString *error);
std::optional<ImageTag> parseTag(const QByteArray &body, QString *error);

// The tags page: tag name -> when it was last pushed (`tag_last_pushed`, else `last_updated`).
std::optional<QHash<QString, QDateTime>> parseTags(const QByteArray &body, QString *error);

struct LoginResult
{
    QString token; // the JWT, empty on failure
    bool needsSecondFactor = false;
};
// Accepts {"token": ...} (users/login) and {"access_token": ...} (auth/token).
std::optional<LoginResult> parseLogin(const QByteArray &body, QString *error);

// The human-readable `detail` of an error body, limited in length; empty if there is none.
// Never returns raw HTML.
QString errorDetail(const QByteArray &body);

// Build page for humans.
QString buildPageUrl(const QUrl &webBase, const QString &repository, const QString &buildCode);

// The `exp` claim of a JWT, invalid if absent or unreadable. Used only to refresh before expiry.
QDateTime jwtExpiry(const QString &jwt);

} // namespace hubhook::dockerhub
