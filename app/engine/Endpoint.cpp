#include "engine/Endpoint.h"

#include "config/Config.h"
#include "support/Logging.h"
#include "support/Redactor.h"

namespace hubhook {

QString resolveSecret(const QString &what, const QString &name,
                      const QHash<QString, QString> &secrets, QString *error)
{
    if (!secrets.contains(name) && error->isEmpty())
        *error = QStringLiteral("%1: secret \"%2\" unavailable").arg(what, name);
    return secrets.value(name);
}

Endpoint resolveEndpoint(const QString &what, const QString &url, const QString &urlSecret,
                         const QList<QPair<QString, QString>> &headers,
                         const QHash<QString, QString> &secrets)
{
    Endpoint e;
    QUrl u(urlSecret.isEmpty() ? url : resolveSecret(what, urlSecret, secrets, &e.error));
    Redactor::instance().add(u.toString());
    if (!u.userInfo().isEmpty()) {
        const QByteArray basic = (u.userName(QUrl::FullyDecoded) + QLatin1Char(':')
                                  + u.password(QUrl::FullyDecoded))
                                         .toUtf8()
                                         .toBase64();
        e.headers.append({ "Authorization", "Basic " + basic });
        Redactor::instance().add(u.password(QUrl::FullyDecoded));
        u.setUserInfo(QString());
    }
    if (e.error.isEmpty() && (!u.isValid() || u.host().isEmpty()))
        e.error = QStringLiteral("%1: the URL is not valid").arg(what);
    e.url = u;
    if (e.error.isEmpty() && isCleartextToRemoteHost(u))
        qCWarning(lcConfig).noquote()
                << QStringLiteral("%1: plain http:// to a host that is not this "
                                  "machine: the payload and any credentials "
                                  "travel unencrypted (use https://)")
                           .arg(what);
    for (const auto &[name, value] : headers) {
        const QString ref = secretReference(value);
        e.headers.append(
                { name.toLatin1(),
                  (ref.isEmpty() ? value : resolveSecret(what, ref, secrets, &e.error)).toUtf8() });
    }
    return e;
}

} // namespace hubhook
