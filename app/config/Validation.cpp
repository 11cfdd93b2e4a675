#include "config/Validation.h"

#include <QRegularExpression>

namespace hubhook {

namespace {
const QString kName = QStringLiteral("[a-z0-9]+(?:[._-][a-z0-9]+)*");
}

bool isNamespaceName(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^%1$").arg(kName));
    return re.match(text).hasMatch();
}

bool isRepositoryName(const QString &text, bool allowTag)
{
    static const QRegularExpression re(
            QStringLiteral("^%1/%1(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$").arg(kName));
    return re.match(text).hasMatch() && (allowTag || !text.contains(QLatin1Char(':')));
}

bool isHeaderName(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$"));
    return re.match(text).hasMatch();
}

bool isHttpUrl(const QUrl &url)
{
    return url.isValid() && !url.host().isEmpty()
            && (url.scheme() == QLatin1String("https") || url.scheme() == QLatin1String("http"));
}

} // namespace hubhook
