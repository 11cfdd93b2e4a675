#include "state/StateFile.h"
#include "support/Clock.h"

#include "support/JsonFields.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace hubhook {

StateFileRead readStateFile(const QString &path, int version)
{
    StateFileRead r;
    QFile file(path);
    if (!file.exists())
        return r;
    if (!file.open(QIODevice::ReadOnly)) {
        r.status = StateFileRead::Unreadable;
        return r;
    }
    const QByteArray data = file.readAll();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    r.status = StateFileRead::Corrupt;
    if (pe.error != QJsonParseError::NoError)
        r.why = describeJsonParseError(data, pe.offset, pe.errorString());
    else if (!doc.isObject())
        r.why = QStringLiteral("the top level must be an object");
    else if (doc.object().value(QStringLiteral("version")).toInt(-1) != version)
        r.why = QStringLiteral("version: unsupported or missing");
    else
        r.status = StateFileRead::Ok;
    r.root = doc.object();
    return r;
}

QString moveStateFileAside(const QString &path)
{
    const QString aside = path + QStringLiteral(".corrupt-")
            + Clock::now().toString(QStringLiteral("yyyyMMddThhmmss"));
    QFile::rename(path, aside);
    return aside;
}

QString corruptStateFileWarning(const QString &path, const QString &why, const QString &consequence)
{
    return QStringLiteral("%1 is corrupt (%2); moved it to %3. %4")
            .arg(path, why, moveStateFileAside(path), consequence);
}

bool writeStateFile(const QString &path, const QJsonObject &root, QString *error,
                    QJsonDocument::JsonFormat format)
{
    return writeStateFile(path, QJsonDocument(root).toJson(format), error);
}

bool writeStateFile(const QString &path, const QByteArray &json, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write").arg(path);
        return false;
    }
    file.write(json);
    if (!file.commit()) { // flushed to disk, then renamed over the old file
        *error = QStringLiteral("%1: cannot write (disk full?)").arg(path);
        return false;
    }
    return true;
}

} // namespace hubhook
