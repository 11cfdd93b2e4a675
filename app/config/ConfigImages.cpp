// Image watches: a tag's last push on Docker Hub or GHCR, however the image was built.
#include "config/ConfigFields.h"
#include "config/Validation.h"

namespace hubhook::configfields {

QString canonicalImage(const QString &image)
{
    if (image.startsWith(QLatin1String("ghcr.io/"))
        || image.startsWith(QLatin1String("docker.io/")))
        return image;
    return QStringLiteral("docker.io/") + image;
}

void parseImageWatch(const QJsonObject &o, const QString &path, bool github, WatchConfig &w,
                     const JsonFields &f)
{
    rejectUnknownKeys(o,
                      { QStringLiteral("account"), QStringLiteral("image"), QStringLiteral("tags"),
                        QStringLiteral("max_age") },
                      path, f);
    const QString image = f.string(o, QStringLiteral("image"), path, true);
    const QString p = JsonFields::join(path, QStringLiteral("image"));
    if (github) {
        if (!isGhcrImage(image))
            f.error(p,
                    QStringLiteral("a GitHub account watches GHCR images: expected "
                                   "\"ghcr.io/owner/name\", got \"%1\"")
                            .arg(image));
    } else {
        QString name = image;
        if (name.startsWith(QLatin1String("docker.io/")))
            name = name.mid(10);
        if (name.startsWith(QLatin1String("ghcr.io/")))
            f.error(p,
                    QStringLiteral("a GHCR image needs a GitHub account (\"provider\": "
                                   "\"github\")"));
        else if (!isRepositoryName(name, false))
            f.error(p,
                    QStringLiteral("expected a Docker Hub image \"namespace/name\", got \"%1\"")
                            .arg(image));
    }
    w.image = canonicalImage(image);
    w.tags = f.stringList(o, QStringLiteral("tags"), path);
    if (!o.contains(QStringLiteral("tags")))
        w.tags = QStringList { QStringLiteral("latest") };
    if (w.tags.isEmpty())
        f.error(JsonFields::join(path, QStringLiteral("tags")),
                QStringLiteral("needs at least one tag"));
    for (int i = 0; i < w.tags.size(); ++i) {
        if (!isTagPattern(w.tags[i]))
            f.error(JsonFields::index(JsonFields::join(path, QStringLiteral("tags")), i),
                    QStringLiteral("not a tag or tag pattern: \"%1\"").arg(w.tags[i]));
    }
    if (w.tags.size() > 20)
        f.error(JsonFields::join(path, QStringLiteral("tags")),
                QStringLiteral("at most 20 tags (each may cost a request per sweep)"));
    w.maxAgeMs = durationField(o, QStringLiteral("max_age"), path, 0, 60 * 1000, f);
}

} // namespace hubhook::configfields
