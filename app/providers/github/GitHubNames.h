#pragma once

#include <QString>

namespace hubhook {

// GitHub's names, as its API and GHCR take them: an owner (a user or organisation: letters,
// digits and single hyphens, at most 39), an "owner/name" repository, a workflow (a file name
// ending .yml/.yaml, or a numeric id), and a GHCR image "ghcr.io/owner/name[/more]" (the owner's
// rules, lower-case package path segments).
bool isGitHubOwner(const QString &text);
bool isGitHubRepository(const QString &text);
bool isGitHubWorkflow(const QString &text);
bool isGhcrImage(const QString &text);

} // namespace hubhook
