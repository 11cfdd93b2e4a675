// Image watches: a tag's last push on the account's registry, however the image was built.
#include "config/ConfigFields.h"
#include "config/ProviderDescriptor.h"
#include "config/Validation.h"

namespace hubhook::configfields {

void parseImageWatch(const QJsonObject &o, const QString &path, const ProviderDescriptor &p,
                     WatchConfig &w, const JsonFields &f)
{
    QStringList keys { QStringLiteral("account") };
    for (const ProviderField &field : imageWatchFields()) // the keys the dialog draws too
        keys.append(field.key);
    rejectUnknownKeys(o, keys, path, f);
    const QString image = f.string(o, QStringLiteral("image"), path, true);
    if (const QString problem = imageWatchProblem(p, image); !image.isEmpty() && !problem.isEmpty())
        f.error(JsonFields::join(path, QStringLiteral("image")),
                QStringLiteral("%1, got \"%2\"").arg(problem, image));
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
