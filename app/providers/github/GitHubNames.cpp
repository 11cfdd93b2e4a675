#include "providers/github/GitHubNames.h"

#include <QRegularExpression>

namespace hubhook {

bool isGitHubOwner(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}$"));
    return re.match(text).hasMatch();
}

bool isGitHubRepository(const QString &text)
{
    const qsizetype slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0 || !isGitHubOwner(text.left(slash)))
        return false;
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,100}$"));
    const QString name = text.mid(slash + 1);
    return re.match(name).hasMatch() && name != QLatin1String(".") && name != QLatin1String("..");
}

bool isGitHubWorkflow(const QString &text)
{
    static const QRegularExpression re(
            QStringLiteral("^(?:[0-9]{1,19}|[A-Za-z0-9._-]{1,200}\\.ya?ml)$"));
    return re.match(text).hasMatch();
}

bool isGhcrImage(const QString &text)
{
    static const QRegularExpression re(
            QStringLiteral("^ghcr\\.io/[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}"
                           "(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)+$"));
    return re.match(text).hasMatch();
}

} // namespace hubhook
