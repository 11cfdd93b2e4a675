#include "config/ProviderDescriptor.h"

#include "config/Validation.h"

namespace hubhook {

QString ProviderDescriptor::imageProblem(const QString &image) const
{
    Q_UNUSED(image)
    return QStringLiteral("%1 has no image registry").arg(displayName());
}

const ProviderDescriptor *providerDescriptor(const QString &id)
{
    return dynamic_cast<const ProviderDescriptor *>(providerInfo(id));
}

QList<const ProviderDescriptor *> providerDescriptors()
{
    QList<const ProviderDescriptor *> out;
    for (const ProviderInfo *info : providerInfos()) {
        if (const auto *p = dynamic_cast<const ProviderDescriptor *>(info))
            out.append(p);
    }
    return out;
}

const ProviderDescriptor *accountDescriptor(const Config &config, const QString &account)
{
    const auto it = config.accounts.constFind(account);
    const ProviderDescriptor *p
            = providerDescriptor(it == config.accounts.constEnd() ? QString() : it->provider);
    return p ? p : providerDescriptor(defaultProviderId());
}

const ProviderDescriptor *imageDescriptor(const QString &image)
{
    for (const ProviderDescriptor *p : providerDescriptors()) {
        if (p->servesImage(image))
            return p;
    }
    return nullptr;
}

QString imageWatchProblem(const ProviderDescriptor &p, const QString &image)
{
    const QString canonical = canonicalImage(image);
    const ProviderDescriptor *owner = imageDescriptor(canonical);
    if (owner && owner != &p && canonical == image) // it names another provider's registry
        return QStringLiteral("a %1 image needs a %2 account (\"provider\": \"%3\")")
                .arg(owner->registryName(), owner->siteName(), owner->id());
    return p.imageProblem(image);
}

QList<ProviderField> imageWatchFields()
{
    return {
        { QStringLiteral("image"),
          QStringLiteral("Image"),
          ProviderField::Text,
          {},
          QStringLiteral("An image on the account's registry") },
        { QStringLiteral("tags"), QStringLiteral("Tags"), ProviderField::List,
          QStringLiteral("latest; globs: v1.*"),
          QStringLiteral("The tags whose last push counts (globs allowed: the newest match)") },
        { QStringLiteral("max_age"), QStringLiteral("Max age"), ProviderField::Text,
          QStringLiteral("no limit"),
          QStringLiteral("An image tag not pushed for longer (26h, 8d) is stale; empty: no "
                         "limit") },
    };
}

} // namespace hubhook
