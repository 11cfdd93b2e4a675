#pragma once

#include "core/Build.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace hubhook {

// One tag as a registry tells it: a tags API or a package version.
struct ImageTag
{
    QString name;
    QString digest; // "sha256:..."
    QDateTime pushed; // the tag's last push
};

struct ImageRows
{
    QList<Build> rows; // one per pattern that matched a tag
    QStringList missing; // patterns no tag matched
};

// The rows of an image watch: for each of `patterns` (a tag, or a glob such as "v1.*": the
// newest matching tag counts) the tag's digest and last push, stale when older than
// `maxAgeMs` (0: never). Pure: `now` is passed in. `url` is the page for humans.
ImageRows imageRows(const QString &provider, const QString &image, const QStringList &patterns,
                    qint64 maxAgeMs, const QList<ImageTag> &tags, const QDateTime &now,
                    const QString &url);

// A digest as a positive 52-bit number (a row's `id`, so that events follow the digest).
qint64 digestId(const QString &digest);
// "sha256:0123456789ab" -> "0123456789ab" (12 hex digits).
QString shortDigest(const QString &digest);
bool isTagGlob(const QString &pattern);
// Whether `tag` is `pattern`, or matches it as a glob.
bool tagMatches(const QString &pattern, const QString &tag);

} // namespace hubhook
