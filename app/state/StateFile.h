#pragma once

#include <QDateTime>
#include <QFileDevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace hubhook {

class JsonFields;

// The JSON files of the state directory (state.json, detector.json, triggers.json) share one
// way of being read and written: atomically (QSaveFile), with a "version", and a corrupt file
// is moved aside, never deleted, so nothing a user might want to look at is lost.
struct StateFileRead
{
    enum Status { Missing, Ok, Unreadable, Corrupt } status = Missing;
    QJsonObject root;
    QString why; // Corrupt: "line 1, column 8: unterminated string", "version: unsupported"
};

StateFileRead readStateFile(const QString &path, int version);
// Renames a corrupt file to "<path>.corrupt-<UTC time>" and returns that name.
QString moveStateFileAside(const QString &path);
// "<path> is corrupt (<why>); moved it to <aside>. <consequence>": moves the file aside.
QString corruptStateFileWarning(const QString &path, const QString &why,
                                const QString &consequence);
// State files hold what the user's accounts see: files are 0600 and the directory they are in
// 0700, whatever the umask (a directory is made so when created, and an existing one owned by
// the user is tightened).
constexpr QFileDevice::Permissions kStateFilePermissions
        = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
// Creates the directory of `path` (0700) or tightens it: false when it cannot be created.
bool prepareStateDir(const QString &path);
// Sets an existing state file to kStateFilePermissions.
void makeStateFilePrivate(const QString &path);

bool writeStateFile(const QString &path, const QJsonObject &root, QString *error,
                    QJsonDocument::JsonFormat format = QJsonDocument::Compact);
// The same for a document already serialised (large files written without a QJsonObject tree).
bool writeStateFile(const QString &path, const QByteArray &json, QString *error);

// Values of a state file that parse as JSON but are not what Hubhook wrote (an unknown build
// status, an unreadable time, a number out of range): each is an error in `errors` naming its
// JSON path; the loader ignores the value (or the record it is in) and keeps the rest.
// "<path>: <first error> (and 2 more); <consequence>"; empty when `errors` is.
QString stateValuesWarning(const QString &path, const QStringList &errors,
                           const QString &consequence);
// A time in a state file: null or missing is an invalid time; anything but a string in the form
// formatApiTime writes is an error (and an invalid time).
QDateTime stateTime(const JsonFields &f, const QJsonObject &o, const QString &key,
                    const QString &path);
// The checks Build::fromJson does not make, on one build as Build::toJson writes it: an object,
// strings where strings go, a known status, readable times, numbers in range. False (with the
// errors) when the build should be ignored.
bool checkBuildJson(const JsonFields &f, const QJsonValue &value, const QString &path);

} // namespace hubhook
