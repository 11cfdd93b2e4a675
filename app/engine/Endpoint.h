#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace hubhook {

// Where a webhook or a trigger sends, with its secrets filled in: the URL (a "secret:NAME" one
// read from the resolved secrets), user:password in it moved to a Basic Authorization header,
// and header values that are "secret:NAME". Every secret value, and the whole URL, is registered
// with the Redactor, so no log line or error message can carry them.
struct Endpoint
{
    QUrl url; // without user info
    QList<QPair<QByteArray, QByteArray>> headers; // with Authorization for user:password
    QString error; // a secret it needs is unavailable, or the URL is not valid; else empty
};

// `what` names it in the error ("webhook \"ops\"").
Endpoint resolveEndpoint(const QString &what, const QString &url, const QString &urlSecret,
                         const QList<QPair<QString, QString>> &headers,
                         const QHash<QString, QString> &secrets);

// The value of a secret, or an error naming it.
QString resolveSecret(const QString &what, const QString &name,
                      const QHash<QString, QString> &secrets, QString *error);

} // namespace hubhook
