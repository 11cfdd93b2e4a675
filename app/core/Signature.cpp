#include "core/Signature.h"

#include <QMessageAuthenticationCode>

namespace hubhook {

QString standardWebhookSignature(const QString &secret, const QString &messageId, qint64 timestamp,
                                 const QByteArray &body, QString *error)
{
    QString encoded = secret.trimmed();
    if (encoded.startsWith(QLatin1String("whsec_")))
        encoded = encoded.mid(6);
    const auto decoded = QByteArray::fromBase64Encoding(encoded.toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        *error = QStringLiteral("the signing secret is not \"whsec_\" followed by base64");
        return {};
    }
    const QByteArray content
            = messageId.toUtf8() + '.' + QByteArray::number(timestamp) + '.' + body;
    const QByteArray mac = QMessageAuthenticationCode::hash(content, decoded.decoded,
                                                            QCryptographicHash::Sha256);
    return QStringLiteral("v1,") + QString::fromLatin1(mac.toBase64());
}

} // namespace hubhook
