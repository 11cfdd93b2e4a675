#include "providers/dockerhub/DockerHubProvider.h"

#include "config/Validation.h"
#include "providers/dockerhub/DockerHubClient.h"

#include <QJsonArray>

namespace hubhook {

const DockerHubProvider &dockerHubProvider()
{
    static const DockerHubProvider provider;
    return provider;
}

bool DockerHubProvider::servesImage(const QString &image) const
{
    return image.startsWith(QLatin1String("docker.io/"));
}

QList<ProviderField> DockerHubProvider::accountFields() const
{
    return { { QStringLiteral("username"), QStringLiteral("Username"), ProviderField::Text,
               QStringLiteral("anonymous"),
               QStringLiteral("The Docker Hub user the access token belongs to") } };
}

void DockerHubProvider::checkAccount(const AccountConfig &a, const QString &path,
                                     const JsonFields &f) const
{
    if (!a.tokenSecret.isEmpty() && a.username.isEmpty())
        f.error(JsonFields::join(path, QStringLiteral("username")),
                QStringLiteral("is required when a token is set"));
}

QString DockerHubProvider::tokenHint() const
{
    return QStringLiteral("Use a personal access token (Docker Hub › Account settings › Personal "
                          "access tokens, read-only is enough): unlike a password it never needs "
                          "two-factor authentication. It is stored in the keychain, never in the "
                          "config file.");
}

QList<ProviderField> DockerHubProvider::watchFields() const
{
    return {
        { QStringLiteral("namespace"), QStringLiteral("Namespace"), ProviderField::Scope,
          QStringLiteral("acme"), QStringLiteral("A user or organisation: all its repositories") },
        { QStringLiteral("repository"),
          QStringLiteral("Repository"),
          ProviderField::Repository,
          QStringLiteral("acme/api"),
          {} },
        { QStringLiteral("tags"), QStringLiteral("Tags"), ProviderField::List,
          QStringLiteral("every tag"), QStringLiteral("Only these tags (of a repository watch)"),
          ProviderField::RepositoryWatch },
    };
}

void DockerHubProvider::parseWatch(const QJsonObject &o, const QString &path, WatchConfig &w,
                                   const JsonFields &f) const
{
    w.ns = f.string(o, QStringLiteral("namespace"), path);
    w.repository = f.string(o, QStringLiteral("repository"), path);
    w.tags = f.stringList(o, QStringLiteral("tags"), path);
    if (w.ns.isEmpty() == w.repository.isEmpty())
        f.error(path, QStringLiteral("needs exactly one of \"namespace\" or \"repository\""));
    else if (!w.ns.isEmpty() && !isNamespaceName(w.ns))
        f.error(JsonFields::join(path, QStringLiteral("namespace")),
                QStringLiteral("not a Docker Hub namespace: \"%1\"").arg(w.ns));
    else if (!w.repository.isEmpty() && !isRepositoryName(w.repository, false))
        f.error(JsonFields::join(path, QStringLiteral("repository")),
                QStringLiteral("expected \"namespace/name\", got \"%1\"").arg(w.repository));
    if (!w.ns.isEmpty() && !w.tags.isEmpty())
        f.error(JsonFields::join(path, QStringLiteral("tags")),
                QStringLiteral("only applies to a \"repository\" watch"));
}

ConfigFieldList DockerHubProvider::writeWatch(const WatchConfig &w) const
{
    ConfigFieldList out;
    if (w.isNamespace())
        out.append({ QStringLiteral("namespace"), w.ns });
    else
        out.append({ QStringLiteral("repository"), w.repository });
    if (!w.tags.isEmpty())
        out.append({ QStringLiteral("tags"), QJsonArray::fromStringList(w.tags) });
    return out;
}

bool DockerHubProvider::isRepository(const QString &text) const
{
    return isRepositoryName(text, false);
}

QString DockerHubProvider::imageProblem(const QString &image) const
{
    const QString canonical = canonicalImage(image);
    if (servesImage(canonical) && isRepositoryName(writtenImage(canonical), false))
        return {};
    return QStringLiteral("expected a Docker Hub image \"namespace/name\"");
}

ProviderClientPtr DockerHubProvider::createClient(const AccountConfig &account,
                                                  const QString &token, RequestQueue *queue) const
{
    return std::make_shared<DockerHubClient>(account, token, queue);
}

bool DockerHubProvider::triggerUrlRebuilds(const QUrl &url, const QString &repository) const
{
    return DockerHubClient::isTriggerUrlOf(url, repository);
}

} // namespace hubhook
