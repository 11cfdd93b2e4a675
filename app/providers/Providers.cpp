#include "providers/Providers.h"

#include "providers/dockerhub/DockerHubClient.h"
#include "providers/github/GitHubClient.h"

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

bool triggerUrlRebuilds(const QString &provider, const QUrl &url, const QString &repository)
{
    if (provider == QLatin1String("dockerhub"))
        return DockerHubClient::isTriggerUrlOf(url, repository);
    return false;
}

} // namespace hubhook
