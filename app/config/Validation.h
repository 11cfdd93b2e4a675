#pragma once

#include <QString>
#include <QUrl>

namespace hubhook {

// The rules a config value must follow, shared by the config parser and the settings dialog
// (which checks fields as they are typed): one definition, so the two never disagree.

// A Docker Hub namespace or repository name: lower-case letters and digits, separated by single
// '.', '_' or '-'.
bool isNamespaceName(const QString &text);
// "namespace/name", with ":tag" when `allowTag`.
bool isRepositoryName(const QString &text, bool allowTag);
// An HTTP header name (an RFC 9110 token).
bool isHeaderName(const QString &text);
// A valid http or https URL with a host.
bool isHttpUrl(const QUrl &url);

} // namespace hubhook
