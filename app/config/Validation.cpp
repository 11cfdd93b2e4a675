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

bool isTagPattern(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_*?][A-Za-z0-9_.*?-]{0,127}$"));
    return re.match(text).hasMatch();
}

bool isGitRefName(const QString &text)
{
    // git check-ref-format, in short: no control characters, spaces or ~^:?*[\, no "..", no
    // "@{", not starting or ending with '/' or '.', not ending ".lock".
    static const QRegularExpression bad(
            QStringLiteral("[\\x00-\\x20~^:?*\\[\\\\\\x7f]|\\.\\.|@\\{|//"));
    return !text.isEmpty() && text.size() <= 255 && !bad.match(text).hasMatch()
            && !text.startsWith(QLatin1Char('/')) && !text.endsWith(QLatin1Char('/'))
            && !text.startsWith(QLatin1Char('.')) && !text.endsWith(QLatin1Char('.'))
            && !text.endsWith(QLatin1String(".lock")) && text != QLatin1String("@");
}

QString canonicalImage(const QString &image)
{
    const QString first = image.section(QLatin1Char('/'), 0, 0);
    const bool host = image.contains(QLatin1Char('/'))
            && (first.contains(QLatin1Char('.')) || first.contains(QLatin1Char(':'))
                || first == QLatin1String("localhost"));
    return host || image.isEmpty() ? image : QStringLiteral("docker.io/") + image;
}

QString writtenImage(const QString &image)
{
    return image.startsWith(QLatin1String("docker.io/")) ? image.mid(10) : image;
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
