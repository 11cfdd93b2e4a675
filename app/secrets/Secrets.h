#pragma once

#include "support/AppInfo.h"

#include <functional>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

namespace hubhook {

enum class SecretError {
    None,
    NotFound, // also what a locked or absent keyring answers to a read on Linux
    Unavailable, // no keychain service could be reached
    Other,
};

struct SecretResult
{
    SecretError error = SecretError::None;
    QString value;
    QString message; // for humans; never contains the secret
    bool ok() const { return error == SecretError::None; }
};

using SecretCallback = std::function<void(const SecretResult &)>;

// Asynchronous secret storage. Callbacks run on the event loop, never inside the call.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual void read(const QString &name, SecretCallback done) = 0;
    virtual void write(const QString &name, const QString &value, SecretCallback done) = 0;
    virtual void remove(const QString &name, SecretCallback done) = 0;
};

// The OS keychain through QtKeychain (libsecret / KWallet / macOS Keychain / Windows).
// Never falls back to plain text.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    explicit KeychainSecretStore(QObject *parent = nullptr, const QString &service = kAppId);
    void read(const QString &name, SecretCallback done) override;
    void write(const QString &name, const QString &value, SecretCallback done) override;
    void remove(const QString &name, SecretCallback done) override;

private:
    QString m_service;
};

// For tests and the demo.
class MemorySecretStore : public SecretStore
{
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    void read(const QString &name, SecretCallback done) override;
    void write(const QString &name, const QString &value, SecretCallback done) override;
    void remove(const QString &name, SecretCallback done) override;
    QHash<QString, QString> values;
};

// HUBHOOK_SECRET_<NAME>: upper case, '-' and '.' as '_'.
QString secretEnvironmentName(const QString &name);

struct ResolvedSecrets
{
    QHash<QString, QString> values;
    QStringList errors; // one per missing secret, naming it and how to provide it
    QHash<QString, QString> errorOf; // the same, by secret name
};

// Looks each name up in the environment first, then in the store. A keychain read that
// fails for another reason than "not found" is retried once after a short delay: at login
// the keyring daemon may not be up yet. Every value found is registered with the Redactor.
void resolveSecrets(SecretStore *store, const QStringList &names,
                    std::function<void(const ResolvedSecrets &)> done);

} // namespace hubhook
