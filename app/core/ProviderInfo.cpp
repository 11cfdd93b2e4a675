#include "core/ProviderInfo.h"

#include <mutex>

namespace hubhook {

namespace {

QList<const ProviderInfo *> &registry()
{
    static QList<const ProviderInfo *> providers;
    return providers;
}

const QList<const ProviderInfo *> &filledRegistry()
{
    static std::once_flag once;
    std::call_once(once, [] { registerBuiltinProviders(); });
    return registry();
}

} // namespace

void registerProvider(const ProviderInfo *provider) { registry().append(provider); }

QList<const ProviderInfo *> providerInfos() { return filledRegistry(); }

const ProviderInfo *providerInfo(const QString &id)
{
    for (const ProviderInfo *p : filledRegistry()) {
        if (p->id() == id)
            return p;
    }
    return nullptr;
}

QString defaultProviderId()
{
    const auto &providers = filledRegistry();
    return providers.isEmpty() ? QString() : providers.first()->id();
}

QStringList providerIds()
{
    QStringList ids;
    for (const ProviderInfo *p : filledRegistry())
        ids.append(p->id());
    return ids;
}

QString providerDisplayName(const QString &id)
{
    const ProviderInfo *p = providerInfo(id);
    return p ? p->displayName() : id;
}

} // namespace hubhook
