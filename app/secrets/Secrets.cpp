#include "secrets/Secrets.h"

#include "support/Redactor.h"

#include <memory>
#include <QTimer>
#include <qt6keychain/keychain.h>

namespace hubhook {

namespace {

SecretResult fromJob(QKeychain::Job *job, const QString &name)
{
    SecretResult r;
    switch (job->error()) {
    case QKeychain::NoError:
        return r;
    case QKeychain::EntryNotFound:
        r.error = SecretError::NotFound;
        r.message = QStringLiteral("secret \"%1\" is not in the keychain (or the keyring is "
                                   "locked or absent)")
                            .arg(name);
        return r;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        r.error = SecretError::Unavailable;
        r.message = QStringLiteral("no keychain service is available (is a secret service such as "
                                   "gnome-keyring or KWallet running?)");
        return r;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        r.error = SecretError::Other;
        r.message = QStringLiteral("access to the keychain was denied");
        return r;
    default:
        r.error = SecretError::Other;
        r.message = QStringLiteral("the keychain refused the request (%1); it may be locked")
                            .arg(Redactor::instance().redact(job->errorString()));
        return r;
    }
}

template<typename JobType>
JobType *makeJob(const QString &service, const QString &name)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(name);
    return job;
}

void later(QObject *context, std::function<void()> f)
{
    QTimer::singleShot(0, context, std::move(f));
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QObject *parent, const QString &service)
    : SecretStore(parent), m_service(service)
{
}

void KeychainSecretStore::read(const QString &name, SecretCallback done)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, name);
    connect(job, &QKeychain::Job::finished, this, [name, done](QKeychain::Job *j) {
        SecretResult r = fromJob(j, name);
        if (r.ok())
            r.value = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
        done(r);
    });
    job->start();
}

void KeychainSecretStore::write(const QString &name, const QString &value, SecretCallback done)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, name);
    job->setTextData(value);
    connect(job, &QKeychain::Job::finished, this,
            [name, done](QKeychain::Job *j) { done(fromJob(j, name)); });
    job->start();
}

void KeychainSecretStore::remove(const QString &name, SecretCallback done)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, name);
    connect(job, &QKeychain::Job::finished, this,
            [name, done](QKeychain::Job *j) { done(fromJob(j, name)); });
    job->start();
}

void MemorySecretStore::read(const QString &name, SecretCallback done)
{
    SecretResult r;
    if (values.contains(name)) {
        r.value = values.value(name);
    } else {
        r.error = SecretError::NotFound;
        r.message = QStringLiteral("secret \"%1\" is not stored").arg(name);
    }
    later(this, [done, r] { done(r); });
}

void MemorySecretStore::write(const QString &name, const QString &value, SecretCallback done)
{
    values.insert(name, value);
    later(this, [done] { done(SecretResult()); });
}

void MemorySecretStore::remove(const QString &name, SecretCallback done)
{
    SecretResult r;
    if (!values.remove(name)) {
        r.error = SecretError::NotFound;
        r.message = QStringLiteral("secret \"%1\" is not stored").arg(name);
    }
    later(this, [done, r] { done(r); });
}

QString secretEnvironmentName(const QString &name)
{
    QString n = name.toUpper();
    n.replace(QLatin1Char('-'), QLatin1Char('_'));
    n.replace(QLatin1Char('.'), QLatin1Char('_'));
    return QStringLiteral("HUBHOOK_SECRET_") + n;
}

void resolveSecrets(SecretStore *store, const QStringList &names,
                    std::function<void(const ResolvedSecrets &)> done)
{
    struct Pending
    {
        ResolvedSecrets result;
        int left = 0;
        std::function<void(const ResolvedSecrets &)> done;
    };
    auto pending = std::make_shared<Pending>();
    pending->done = std::move(done);
    pending->left = int(names.size());
    auto finishOne = [pending] {
        if (--pending->left == 0)
            pending->done(pending->result);
    };
    if (names.isEmpty()) {
        later(store, [pending] { pending->done(pending->result); });
        return;
    }
    for (const QString &name : names) {
        const QString env = qEnvironmentVariable(secretEnvironmentName(name).toUtf8().constData());
        if (!env.isEmpty()) {
            Redactor::instance().add(env);
            pending->result.values.insert(name, env);
            later(store, finishOne);
            continue;
        }
        auto handle = [pending, name, finishOne](const SecretResult &r) {
            if (r.ok()) {
                Redactor::instance().add(r.value);
                pending->result.values.insert(name, r.value);
            } else {
                const QString error
                        = QStringLiteral("%1; store it with `hubhook secret set %2` or set %3")
                                  .arg(r.message, name, secretEnvironmentName(name));
                pending->result.errors.append(error);
                pending->result.errorOf.insert(name, error);
            }
            finishOne();
        };
        store->read(name, [store, name, handle](const SecretResult &r) {
            if (r.error == SecretError::Other || r.error == SecretError::Unavailable) {
                QTimer::singleShot(1000, store,
                                   [store, name, handle] { store->read(name, handle); });
                return;
            }
            handle(r);
        });
    }
}

} // namespace hubhook
