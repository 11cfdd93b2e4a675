#include "SimAuth.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace {

constexpr auto base64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

QByteArray randomBytes(int count)
{
    QByteArray out(count, Qt::Uninitialized);
    for (int i = 0; i < count; ++i)
        out[i] = char(QRandomGenerator::global()->bounded(256));
    return out;
}

qint64 nowSeconds() { return QDateTime::currentSecsSinceEpoch(); }

} // namespace

SimAuth::SimAuth() : m_secret(randomBytes(32)) { }

void SimAuth::addUser(const SimUser &user) { m_users.insert(user.username, user); }

const SimUser *SimAuth::user(const QString &username) const
{
    auto it = m_users.constFind(username);
    return it == m_users.constEnd() ? nullptr : &*it;
}

const SimUser *SimAuth::checkLogin(const QString &username, const QString &password) const
{
    const SimUser *found = user(username);
    if (!found || password.isEmpty())
        return nullptr;
    if (found->password == password || found->accessTokens.contains(password))
        return found;
    return nullptr;
}

const SimUser *SimAuth::checkAccessToken(const QString &identifier, const QString &secret) const
{
    const SimUser *found = user(identifier);
    if (!found || secret.isEmpty() || !found->accessTokens.contains(secret))
        return nullptr;
    return found;
}

bool SimAuth::mayRead(const QString &username, const QString &ns) const
{
    const SimUser *found = user(username);
    return found && (found->username == ns || found->namespaces.contains(ns));
}

QString SimAuth::issueJwt(const QString &username)
{
    const qint64 now = nowSeconds();
    const QString jti = QString::fromLatin1(randomBytes(12).toHex());
    const qint64 exp = now + m_lifetimeSeconds;
    const QJsonObject header { { QStringLiteral("alg"), QStringLiteral("HS256") },
                               { QStringLiteral("typ"), QStringLiteral("JWT") } };
    const QJsonObject payload { { QStringLiteral("sub"), username },
                                { QStringLiteral("username"), username },
                                { QStringLiteral("iat"), now },
                                { QStringLiteral("exp"), exp },
                                { QStringLiteral("jti"), jti },
                                { QStringLiteral("iss"), QStringLiteral("hubhook-simulator") } };
    const QByteArray signingInput
            = QJsonDocument(header).toJson(QJsonDocument::Compact).toBase64(base64Url) + '.'
            + QJsonDocument(payload).toJson(QJsonDocument::Compact).toBase64(base64Url);
    m_expiry.insert(jti, exp);
    return QString::fromLatin1(signingInput + '.' + sign(signingInput).toBase64(base64Url));
}

SimAuth::TokenState SimAuth::verifyJwt(const QString &jwt, QString *username) const
{
    const QByteArray raw = jwt.toLatin1();
    const QList<QByteArray> parts = raw.split('.');
    if (parts.size() != 3)
        return TokenState::Unknown;
    const QByteArray signingInput = parts[0] + '.' + parts[1];
    if (sign(signingInput).toBase64(base64Url) != parts[2])
        return TokenState::Unknown;
    const auto decoded = QByteArray::fromBase64Encoding(parts[1], base64Url);
    if (!decoded)
        return TokenState::Unknown;
    const QJsonObject payload = QJsonDocument::fromJson(*decoded).object();
    const QString jti = payload.value(QStringLiteral("jti")).toString();
    auto it = m_expiry.constFind(jti);
    if (it == m_expiry.constEnd())
        return TokenState::Unknown;
    if (nowSeconds() >= *it)
        return TokenState::Expired;
    const QString sub = payload.value(QStringLiteral("sub")).toString();
    if (!m_users.contains(sub))
        return TokenState::Unknown;
    if (username)
        *username = sub;
    return TokenState::Valid;
}

bool SimAuth::tokenFromHeader(const QString &authorization, QString *jwt)
{
    const QString value = authorization.trimmed();
    const qsizetype space = value.indexOf(QLatin1Char(' '));
    if (space <= 0)
        return false;
    const QString scheme = value.left(space);
    if (scheme.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) != 0
        && scheme.compare(QLatin1String("JWT"), Qt::CaseInsensitive) != 0)
        return false;
    *jwt = value.mid(space + 1).trimmed();
    return !jwt->isEmpty();
}

void SimAuth::expireAllTokens()
{
    for (auto it = m_expiry.begin(); it != m_expiry.end(); ++it)
        *it = 0;
}

QByteArray SimAuth::sign(const QByteArray &signingInput) const
{
    return QMessageAuthenticationCode::hash(signingInput, m_secret, QCryptographicHash::Sha256);
}
