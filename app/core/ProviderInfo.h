#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace hubhook {

struct Build;

// What a build service is, in the words every layer may use: its id and names, where its API
// is, which images its registry holds, how its rows are named. Each provider declares one in
// its own folder (app/providers/<name>/: its descriptor derives from this through
// config/ProviderDescriptor and providers/Provider), and providers/Providers.cpp registers it
// with one line. Core, config, engine, models, the command line and the UI ask the registry;
// none of them names a provider.
class ProviderInfo
{
public:
    virtual ~ProviderInfo() = default;

    virtual QString id() const = 0; // as the config names it ("provider": "<id>"), lower case
    virtual QString displayName() const = 0; // the service people know, as the UI shows it
    // The site people open for a row ("Open on %1"); the display name unless it differs.
    virtual QString siteName() const { return displayName(); }
    // The queue a build waits in, for "stuck in %1 for 2h".
    virtual QString queueName() const = 0;
    // Its container registry's name, for image rows; empty: it has none.
    virtual QString registryName() const { return {}; }
    // The API an account talks to when the config names none.
    virtual QUrl defaultBaseUrl() const = 0;
    // Whether a canonical image reference ("<registry host>/acme/base") is on
    // this provider's registry: which account reads an image that no watch names.
    virtual bool servesImage(const QString &image) const
    {
        Q_UNUSED(image)
        return false;
    }
    // Whether its builds fit the "dockerhub" webhook format (the seed's payload: a
    // build with a tag and a build code). Runs of a workflow do not.
    virtual bool fitsDockerHubPayload() const { return false; }
    // What its builds' numbers are called, for "Copy %1" and texts: "build code", "run number".
    virtual QString buildNumberName() const { return QStringLiteral("build code"); }
    // What one of its builds is called, for "Open the %1's page": "build", "workflow run".
    virtual QString buildName() const { return QStringLiteral("build"); }
};

// The registered providers, in registration order (the first is the default: an account
// without "provider"). Filled on first use by registerBuiltinProviders().
QList<const ProviderInfo *> providerInfos();
const ProviderInfo *providerInfo(const QString &id); // null when unknown
QString defaultProviderId();
QStringList providerIds();
// Its display name, or the id itself for a provider this build does not know.
QString providerDisplayName(const QString &id);

// Registers a provider; called only by registerBuiltinProviders() (providers/Providers.cpp,
// one line per provider), which the registry calls once, on first use, whichever front end
// or test asks first.
void registerProvider(const ProviderInfo *provider);
void registerBuiltinProviders();

} // namespace hubhook
