// Users, credentials and the JWTs the simulated hub issues.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QStringList>

struct SimUser
{
    QString username;
    QString password;
    QStringList accessTokens;
    QStringList namespaces; // namespaces the user may read privately (besides their own)
};

class SimAuth
{
public:
    enum class TokenState { Valid, Unknown, Expired };

    SimAuth();

    void addUser(const SimUser &user);
    const SimUser *user(const QString &username) const;
    // password may be the password or one of the user's access tokens
    const SimUser *checkLogin(const QString &username, const QString &password) const;
    const SimUser *checkAccessToken(const QString &identifier, const QString &secret) const;
    bool mayRead(const QString &username, const QString &ns) const;

    QString issueJwt(const QString &username);
    TokenState verifyJwt(const QString &jwt, QString *username) const;
    // Extracts the JWT from "Bearer x" or "JWT x"; false for any other scheme.
    static bool tokenFromHeader(const QString &authorization, QString *jwt);

    void setTokenLifetime(int seconds) { m_lifetimeSeconds = seconds; }
    void expireAllTokens();

private:
    QByteArray sign(const QByteArray &signingInput) const;

    QHash<QString, SimUser> m_users;
    QHash<QString, qint64> m_expiry; // jti -> exp (unix seconds)
    QByteArray m_secret;
    int m_lifetimeSeconds = 600;
};
