#pragma once

#include <QString>
#include <QUrl>

namespace hubhook {

// The rules a config value must follow, shared by the config parser and the settings dialog
// (which checks fields as they are typed): one definition, so the two never disagree. A
// provider's own names are its own (providers/<name>/).

// A namespace or repository name as the default registry (docker.io) takes it: lower-case
// letters and digits, separated by single '.', '_' or '-'.
bool isNamespaceName(const QString &text);
// "namespace/name", with ":tag" when `allowTag`.
bool isRepositoryName(const QString &text, bool allowTag);
// A branch or tag (a git ref name, as git check-ref-format takes it).
bool isGitRefName(const QString &text);
// Image watches: a tag, or a glob of tags ("v1.*": what the OCI distribution spec allows, plus '*'
// and
// '?').
bool isTagPattern(const QString &text);

// An image reference as Hubhook keeps it, naming its registry: "acme/base" ->
// "docker.io/acme/base" (a reference without a registry host is on docker.io, as for docker
// pull); one that names its registry host as it is. writtenImage() is the inverse, as the config
// writes it.
QString canonicalImage(const QString &image);
QString writtenImage(const QString &image);

// An HTTP header name (an RFC 9110 token).
bool isHeaderName(const QString &text);
// A valid http or https URL with a host.
bool isHttpUrl(const QUrl &url);

} // namespace hubhook
