#include "providers/dockerhub/DockerHubApi.h"

#include "support/JsonFields.h"
#include "support/TimeText.h"

#include <QJsonDocument>

#include <limits>

namespace hubhook {

BuildState buildStateFromDockerHub(int statusCode)
{
    switch (statusCode) {
    case 10:
        return BuildState::Success;
    case 0:
    case 1:
    case 11:
        return BuildState::Queued;
    case 2:
    case 3:
        return BuildState::Building;
    case -1:
    case -2:
        return BuildState::Failed;
    case -4:
        return BuildState::Cancelled;
    default:
        // An unknown negative code is an error state Docker Hub added later: treat it as failed.
        return statusCode < 0 ? BuildState::Failed : BuildState::Unknown;
    }
}

} // namespace hubhook

namespace hubhook::dockerhub {

namespace {

std::optional<QJsonObject> parseObject(const QByteArray &body, QString *error)
{
    const auto doc = parseJsonAnswer(body, error);
    if (!doc)
        return std::nullopt;
    if (!doc->isObject()) {
        *error = QStringLiteral("expected a JSON object");
        return std::nullopt;
    }
    return doc->object();
}

std::optional<Repository> repositoryFrom(const QJsonObject &o, const QString &ns,
                                         const QString &path, const JsonFields &f)
{
    Repository r;
    r.name = f.string(o, QStringLiteral("name"), path, true);
    r.ns = f.nullableString(o, QStringLiteral("namespace"), path);
    if (r.ns.isEmpty())
        r.ns = ns;
    r.isPrivate = o.value(QStringLiteral("is_private")).toBool(false);
    r.lastUpdated = f.time(o, QStringLiteral("last_updated"), path);
    if (r.name.isEmpty())
        return std::nullopt;
    return r;
}

QString firstError(const QStringList &errors)
{
    return errors.isEmpty() ? QString() : errors.first();
}

} // namespace

std::optional<RepositoryPage> parseRepositoryPage(const QByteArray &body, const QString &ns,
                                                  QString *error)
{
    const auto root = parseObject(body, error);
    if (!root)
        return std::nullopt;
    QStringList errors;
    JsonFields f(&errors);
    RepositoryPage page;
    page.count = int(std::clamp<qint64>(f.integer(*root, QStringLiteral("count"), {}, false), 0,
                                        std::numeric_limits<int>::max()));
    const QString next = f.nullableString(*root, QStringLiteral("next"), {});
    if (!next.isEmpty())
        page.next = QUrl(next);
    const QJsonArray results = f.array(*root, QStringLiteral("results"), {}, true);
    for (int i = 0; i < results.size(); ++i) {
        const QString path = JsonFields::index(QStringLiteral("results"), i);
        if (!results.at(i).isObject()) {
            f.error(path, QStringLiteral("expected an object"));
            continue;
        }
        if (auto r = repositoryFrom(results.at(i).toObject(), ns, path, f))
            page.results.append(*r);
    }
    if (!errors.isEmpty()) {
        *error = firstError(errors);
        return std::nullopt;
    }
    return page;
}

std::optional<Repository> parseRepository(const QByteArray &body, const QString &ns, QString *error)
{
    const auto root = parseObject(body, error);
    if (!root)
        return std::nullopt;
    QStringList errors;
    JsonFields f(&errors);
    auto r = repositoryFrom(*root, ns, {}, f);
    if (!errors.isEmpty() || !r) {
        *error = firstError(errors);
        return std::nullopt;
    }
    return r;
}

std::optional<HistoryPage> parseBuildHistory(const QByteArray &body, const QString &repository,
                                             const QUrl &webBase, QString *error)
{
    const auto root = parseObject(body, error);
    if (!root)
        return std::nullopt;
    QStringList errors;
    JsonFields f(&errors);
    HistoryPage page;
    page.count = int(std::clamp<qint64>(f.integer(*root, QStringLiteral("count"), {}, false), 0,
                                        std::numeric_limits<int>::max()));
    const QJsonArray results = f.array(*root, QStringLiteral("results"), {}, true);
    for (int i = 0; i < results.size(); ++i) {
        const QString path = JsonFields::index(QStringLiteral("results"), i);
        if (!results.at(i).isObject()) {
            f.error(path, QStringLiteral("expected an object"));
            continue;
        }
        const QJsonObject o = results.at(i).toObject();
        Build b;
        b.repository = repository;
        b.id = f.integer(o, QStringLiteral("id"), path, true);
        const qint64 status = f.integer(o, QStringLiteral("status"), path, true);
        if (status < -1000 || status > 1000)
            f.error(JsonFields::join(path, QStringLiteral("status")),
                    QStringLiteral("out of range: %1").arg(status));
        b.statusCode = int(std::clamp<qint64>(status, -1000, 1000));
        b.state = buildStateFromDockerHub(b.statusCode);
        b.created = f.time(o, QStringLiteral("created_date"), path, &b.createdFraction);
        b.updated = f.time(o, QStringLiteral("last_updated"), path, &b.updatedFraction);
        b.buildCode = f.nullableString(o, QStringLiteral("build_code"), path);
        b.tag = f.nullableString(o, QStringLiteral("dockertag_name"), path);
        b.cause = f.nullableString(o, QStringLiteral("cause"), path);
        if (!b.updated.isValid())
            b.updated = b.created;
        if (!webBase.isEmpty()) // else the caller links only the builds it keeps
            b.url = buildPageUrl(webBase, repository, b.buildCode);
        page.results.append(b);
    }
    if (!errors.isEmpty()) {
        *error = firstError(errors);
        return std::nullopt;
    }
    return page;
}

std::optional<QHash<QString, QDateTime>> parseTags(const QByteArray &body, QString *error)
{
    const auto root = parseObject(body, error);
    if (!root)
        return std::nullopt;
    QStringList errors;
    JsonFields f(&errors);
    QHash<QString, QDateTime> tags;
    const QJsonArray results = f.array(*root, QStringLiteral("results"), {}, true);
    for (int i = 0; i < results.size(); ++i) {
        const QString path = JsonFields::index(QStringLiteral("results"), i);
        const QJsonObject o = results.at(i).toObject();
        const QString name = f.string(o, QStringLiteral("name"), path, true);
        QDateTime pushed = f.time(o, QStringLiteral("tag_last_pushed"), path);
        if (!pushed.isValid())
            pushed = f.time(o, QStringLiteral("last_updated"), path);
        if (!name.isEmpty())
            tags.insert(name, pushed);
    }
    if (!errors.isEmpty()) {
        *error = errors.first();
        return std::nullopt;
    }
    return tags;
}

namespace {

ImageTag tagFrom(const QJsonObject &o, const QString &path, const JsonFields &f)
{
    ImageTag t;
    t.name = f.string(o, QStringLiteral("name"), path, true);
    t.digest = f.nullableString(o, QStringLiteral("digest"), path);
    if (t.digest.isEmpty()) { // old tags: only their images carry one
        const QJsonArray images = o.value(QStringLiteral("images")).toArray();
        if (!images.isEmpty())
            t.digest = images.first().toObject().value(QStringLiteral("digest")).toString();
    }
    t.pushed = f.time(o, QStringLiteral("tag_last_pushed"), path);
    if (!t.pushed.isValid())
        t.pushed = f.time(o, QStringLiteral("last_updated"), path);
    return t;
}

} // namespace

std::optional<QList<ImageTag>> parseTagPage(const QByteArray &body, QString *error)
{
    const auto root = parseObject(body, error);
    if (!root)
        return std::nullopt;
    QStringList errors;
    JsonFields f(&errors);
    QList<ImageTag> tags;
    const QJsonArray results = f.array(*root, QStringLiteral("results"), {}, true);
    for (int i = 0; i < results.size(); ++i)
        tags.append(tagFrom(results.at(i).toObject(),
                            JsonFields::index(QStringLiteral("results"), i), f));
    if (!errors.isEmpty()) {
        *error = firstError(errors);
        return std::nullopt;
    }
    return tags;
}

std::optional<ImageTag> parseTag(const QByteArray &body, QString *error)
{
    const auto root = parseObject(body, error);
    if (!root)
        return std::nullopt;
    QStringList errors;
    JsonFields f(&errors);
    const ImageTag t = tagFrom(*root, QString(), f);
    if (!errors.isEmpty()) {
        *error = firstError(errors);
        return std::nullopt;
    }
    return t;
}

std::optional<LoginResult> parseLogin(const QByteArray &body, QString *error)
{
    const auto root = parseObject(body, error);
    if (!root)
        return std::nullopt;
    LoginResult r;
    r.token = root->value(QStringLiteral("token")).toString();
    if (r.token.isEmpty())
        r.token = root->value(QStringLiteral("access_token")).toString();
    r.needsSecondFactor = root->contains(QStringLiteral("login_2fa_token"));
    if (r.token.isEmpty() && !r.needsSecondFactor) {
        *error = QStringLiteral("token: missing from the login response");
        return std::nullopt;
    }
    return r;
}

QString errorDetail(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return {};
    const QJsonObject o = doc.object();
    QString detail = o.value(QStringLiteral("detail")).toString();
    if (detail.isEmpty())
        detail = o.value(QStringLiteral("message")).toString();
    return detail.left(200);
}

QString buildPageUrl(const QUrl &webBase, const QString &repository, const QString &buildCode)
{
    QUrl u = webBase;
    QString path = QStringLiteral("/repository/docker/%1/builds").arg(repository);
    if (!buildCode.isEmpty())
        path += QLatin1Char('/') + buildCode;
    u.setPath(path);
    u.setQuery(QString());
    u.setUserInfo(QString());
    return u.toString();
}

QDateTime jwtExpiry(const QString &jwt)
{
    const QStringList parts = jwt.split(QLatin1Char('.'));
    if (parts.size() != 3)
        return {};
    const QByteArray payload = QByteArray::fromBase64(
            parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject o = QJsonDocument::fromJson(payload).object();
    const QJsonValue exp = o.value(QStringLiteral("exp"));
    if (!exp.isDouble())
        return {};
    const double seconds = exp.toDouble();
    if (!(seconds > 0 && seconds <= 253402300799.0)) // years up to 9999; NaN and 1e300 too
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(seconds), Qt::UTC);
}

} // namespace hubhook::dockerhub
