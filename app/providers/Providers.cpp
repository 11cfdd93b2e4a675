#include "providers/Providers.h"

#include "providers/dockerhub/DockerHubClient.h"
#include "providers/github/GitHubClient.h"

#include <QUrlQuery>

namespace hubhook {

ProviderClientPtr createProviderClient(const AccountConfig &account, const QString &token,
                                       RequestQueue *queue)
{
    if (account.provider == QLatin1String("dockerhub"))
        return std::make_shared<DockerHubClient>(account, token, queue);
    if (account.isGitHub())
        return std::make_shared<GitHubClient>(account, token, queue);
    return nullptr;
}

QUrl providerApiUrl(const QUrl &base, const QString &path,
                    const QList<QPair<QString, QString>> &query)
{
    QUrl url = base;
    QString root = url.path();
    if (root.endsWith(QLatin1Char('/')))
        root.chop(1);
    url.setPath(root + path);
    if (!query.isEmpty()) {
        QUrlQuery q;
        q.setQueryItems(query);
        url.setQuery(q);
    }
    return url;
}

bool triggerUrlRebuilds(const QString &provider, const QUrl &url, const QString &repository)
{
    if (provider == QLatin1String("dockerhub"))
        return DockerHubClient::isTriggerUrlOf(url, repository);
    return false;
}

} // namespace hubhook
