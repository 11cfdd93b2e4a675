#pragma once

#include "providers/Provider.h"

namespace hubhook {

class RequestQueue;

// The client for an account, by its provider ("dockerhub"); null for an unknown provider.
ProviderClientPtr createProviderClient(const AccountConfig &account, const QString &token,
                                       RequestQueue *queue);

// Whether a plain trigger URL (a trigger without expect_build) rebuilds `repository` on the
// account's provider: what the window's Rebuild button falls back to.
bool triggerUrlRebuilds(const QString &provider, const QUrl &url, const QString &repository);

} // namespace hubhook
