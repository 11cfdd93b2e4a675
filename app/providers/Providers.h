#pragma once

#include "providers/Provider.h"

namespace hubhook {

class RequestQueue;

// The client for an account, by its provider ("dockerhub"); null for an unknown provider.
ProviderClientPtr createProviderClient(const AccountConfig &account, const QString &token,
                                       RequestQueue *queue);

// Whether a plain trigger URL (a trigger without expect_build) rebuilds `repository` on the
// account's provider: what the window's Rebuild button falls back to.
// `path` (and `query`) under an account's API root: "https://host/api/v3" + "/repos/a/b".
QUrl providerApiUrl(const QUrl &base, const QString &path,
                    const QList<QPair<QString, QString>> &query = {});

bool triggerUrlRebuilds(const QString &provider, const QUrl &url, const QString &repository);

} // namespace hubhook
