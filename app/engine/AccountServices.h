#pragma once

#include "config/Config.h"
#include "providers/Provider.h"

namespace hubhook {

// What the trigger runner and the rebuild policy need from the configured accounts, and
// nothing else: the engine's Accounts implements it for every front end (the tray, --headless,
// `hubhook trigger fire`); tests implement it to count calls.
class AccountServices
{
public:
    virtual ~AccountServices() = default;

    // The Authorization header of `account`'s rebuild requests (a URL trigger with "account").
    virtual void authorize(const QString &account, ProviderClient::AuthorizeCallback done) = 0;
    // A rebuild through the trigger account's API (a workflow dispatch, or a re-run of the
    // failed run `rerunOf`); fails naming the account when it is unknown or not ready.
    virtual void runTrigger(const TriggerConfig &trigger, qint64 rerunOf,
                            std::function<void(const ProviderClient::ActionResult &)> done)
            = 0;
    // When each tag of `repository` was last pushed, asked of the account that watches it (or
    // one whose registry serves it); an empty answer when no account can say.
    virtual void pushes(const QString &repository, ProviderClient::PushesCallback done) = 0;
};

} // namespace hubhook
