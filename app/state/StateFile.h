#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace hubhook {

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
bool writeStateFile(const QString &path, const QJsonObject &root, QString *error,
                    QJsonDocument::JsonFormat format = QJsonDocument::Compact);
// The same for a document already serialised (large files written without a QJsonObject tree).
bool writeStateFile(const QString &path, const QByteArray &json, QString *error);

} // namespace hubhook
