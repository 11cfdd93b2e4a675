#include "core/ImageRows.h"

#include <QRegularExpression>

namespace hubhook {

qint64 digestId(const QString &digest)
{
    const QString hex = digest.section(QLatin1Char(':'), -1);
    bool ok = false;
    const qint64 id = hex.left(13).toLongLong(&ok, 16);
    return ok && id > 0 ? id : 1;
}

QString shortDigest(const QString &digest) { return digest.section(QLatin1Char(':'), -1).left(12); }

bool isTagGlob(const QString &pattern)
{
    return pattern.contains(QLatin1Char('*')) || pattern.contains(QLatin1Char('?'));
}

bool tagMatches(const QString &pattern, const QString &tag)
{
    if (!isTagGlob(pattern))
        return pattern == tag;
    const QRegularExpression re(QRegularExpression::wildcardToRegularExpression(
            pattern, QRegularExpression::UnanchoredWildcardConversion));
    return QRegularExpression(QStringLiteral("^(?:%1)$").arg(re.pattern())).match(tag).hasMatch();
}

ImageRows imageRows(const QString &provider, const QString &image, const QStringList &patterns,
                    qint64 maxAgeMs, const QList<ImageTag> &tags, const QDateTime &now,
                    const QString &url)
{
    ImageRows out;
    for (const QString &pattern : patterns) {
        const ImageTag *newest = nullptr;
        for (const ImageTag &t : tags) {
            if (tagMatches(pattern, t.name)
                && (!newest || (t.pushed.isValid() && t.pushed > newest->pushed)))
                newest = &t;
        }
        if (!newest) {
            out.missing.append(pattern);
            continue;
        }
        Build b;
        b.provider = provider;
        b.image = true;
        b.repository = image;
        b.tag = pattern;
        b.digest = newest->digest;
        b.id = digestId(newest->digest);
        b.buildCode = shortDigest(newest->digest);
        b.created = newest->pushed;
        b.updated = newest->pushed;
        b.maxAgeMs = maxAgeMs;
        b.url = url;
        if (isTagGlob(pattern))
            b.cause = newest->name; // which tag is the newest match
        const bool stale = maxAgeMs > 0
                && (!newest->pushed.isValid() || newest->pushed.msecsTo(now) > maxAgeMs);
        b.state = stale ? BuildState::Stale : BuildState::Success;
        out.rows.append(b);
    }
    return out;
}

} // namespace hubhook
