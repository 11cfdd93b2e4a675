#include "state/StateFile.h"

#include "core/Build.h"
#include "support/Clock.h"
#include "support/JsonFields.h"
#include "support/TimeText.h"

#include <limits>

#include <unistd.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
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
    else if (const QJsonValue v = doc.object().value(QStringLiteral("version"));
             !v.isDouble() || v.toDouble() != double(version))
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

bool prepareStateDir(const QString &path)
{
    const QString dir = QFileInfo(path).absolutePath();
    constexpr QFileDevice::Permissions kDirPermissions
            = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
    QFileInfo info(dir);
    if (!info.exists()) {
        if (!QDir().mkpath(dir))
            return false;
        return QFile::setPermissions(dir, kDirPermissions);
    }
    // A directory made by an older Hubhook under umask 022: tightened, if it is the user's own
    // (never a shared one such as /tmp).
    constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
            | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther
            | QFileDevice::ExeOther;
    if (info.isDir() && (info.permissions() & kOthers) && info.ownerId() == ::getuid())
        QFile::setPermissions(dir, (info.permissions() & ~kOthers) | kDirPermissions);
    return info.isDir();
}

void makeStateFilePrivate(const QString &path)
{
    QFileInfo info(path);
    if (info.exists()
        && (info.permissions() & ~(QFileDevice::ReadUser | QFileDevice::WriteUser))
                != kStateFilePermissions)
        QFile::setPermissions(path, kStateFilePermissions);
}

bool writeStateFile(const QString &path, const QByteArray &json, QString *error)
{
    prepareStateDir(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write").arg(path);
        return false;
    }
    // The temporary file, before any content is in it: the rename keeps its mode.
    file.setPermissions(kStateFilePermissions);
    // On disk before the rename, or not at all: QSaveFile ignores a failed sync, and a full disk
    // that refuses the blocks only then would leave an empty file in place of the old one.
    if (file.write(json) != json.size() || !file.flush() || ::fsync(file.handle()) != 0) {
        file.cancelWriting();
        *error = QStringLiteral("%1: cannot write (disk full?)").arg(path);
        return false;
    }
    if (!file.commit()) { // renamed over the old file
        *error = QStringLiteral("%1: cannot write (disk full?)").arg(path);
        return false;
    }
    makeStateFilePrivate(path);
    return true;
}

QString stateValuesWarning(const QString &path, const QStringList &errors,
                           const QString &consequence)
{
    if (errors.isEmpty())
        return {};
    QString text = path + QStringLiteral(": ") + errors.first();
    if (errors.size() > 1)
        text += QStringLiteral(" (and %1 more)").arg(errors.size() - 1);
    return text + QStringLiteral("; ") + consequence;
}

QDateTime stateTime(const JsonFields &f, const QJsonObject &o, const QString &key,
                    const QString &path)
{
    const QJsonValue v = o.value(key);
    if (v.isNull() || v.isUndefined())
        return {};
    if (!v.isString()) {
        f.error(JsonFields::join(path, key),
                QStringLiteral("expected a time, got %1").arg(JsonFields::typeName(v)));
        return {};
    }
    const QDateTime t = parseApiTime(v.toString());
    if (!t.isValid())
        f.error(JsonFields::join(path, key),
                QStringLiteral("unreadable time \"%1\"").arg(v.toString().left(64)));
    return t;
}

bool checkBuildJson(const JsonFields &f, const QJsonValue &value, const QString &path)
{
    const int before = f.errorCount();
    if (!value.isObject()) {
        f.error(path,
                QStringLiteral("expected an object, got %1").arg(JsonFields::typeName(value)));
        return false;
    }
    const QJsonObject o = value.toObject();
    for (const char *key : { "provider", "repository", "tag", "status" })
        f.string(o, QLatin1String(key), path, true);
    for (const char *key : { "build_code", "cause", "url", "workflow", "workflow_name", "branch",
                             "commit", "actor", "event" })
        f.nullableString(o, QLatin1String(key), path);
    const QJsonValue status = o.value(QStringLiteral("status"));
    if (status.isString() && buildStateFromName(status.toString()) == BuildState::Unknown
        && status.toString() != buildStateName(BuildState::Unknown))
        f.error(JsonFields::join(path, QStringLiteral("status")),
                QStringLiteral("unknown build status \"%1\"").arg(status.toString().left(64)));
    f.integerIn(o, QStringLiteral("status_code"), path, std::numeric_limits<int>::min(),
                std::numeric_limits<int>::max());
    f.integer(o, QStringLiteral("build_id"), path);
    f.integerIn(o, QStringLiteral("attempt"), path, 0, 1000000);
    stateTime(f, o, QStringLiteral("created"), path);
    stateTime(f, o, QStringLiteral("updated"), path);
    if (o.contains(QStringLiteral("raw")))
        f.object(o, QStringLiteral("raw"), path);
    return f.errorCount() == before;
}

} // namespace hubhook
