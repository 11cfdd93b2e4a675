#include "providers/Providers.h"

#include "providers/dockerhub/DockerHubProvider.h"
#include "providers/github/GitHubProvider.h"

#include <QUrlQuery>

namespace hubhook {

// The providers this build knows, in the order the settings dialog offers them; the first is
// the default (an account without "provider"). A new provider is one line here.
void registerBuiltinProviders()
{
    registerProvider(&dockerHubProvider());
    registerProvider(&gitHubProvider());
}

const ProviderPlugin *providerPlugin(const QString &id)
{
    return dynamic_cast<const ProviderPlugin *>(providerInfo(id));
}

ProviderClientPtr createProviderClient(const AccountConfig &account, const QString &token,
                                       RequestQueue *queue)
{
    const ProviderPlugin *p = providerPlugin(account.provider);
    return p ? p->createClient(account, token, queue) : nullptr;
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
    const ProviderPlugin *p = providerPlugin(provider);
    return p && p->triggerUrlRebuilds(url, repository);
}

} // namespace hubhook
