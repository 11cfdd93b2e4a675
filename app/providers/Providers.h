#pragma once

#include "providers/Provider.h"

namespace hubhook {

// The client for an account, by its provider; null for an unknown provider.
ProviderClientPtr createProviderClient(const AccountConfig &account, const QString &token,
                                       RequestQueue *queue);

// `path` (and `query`) under an account's API root: "https://host/api/v3" + "/repos/a/b".
QUrl providerApiUrl(const QUrl &base, const QString &path,
                    const QList<QPair<QString, QString>> &query = {});

// Whether a plain trigger URL rebuilds `repository` on `provider` (ProviderPlugin).
bool triggerUrlRebuilds(const QString &provider, const QUrl &url, const QString &repository);

} // namespace hubhook
