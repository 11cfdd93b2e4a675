#include "SimTls.h"

#include <QFile>
#include <QProcess>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTemporaryDir>

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

bool SimTls::generateSelfSigned(QSslCertificate *certificate, QSslKey *key, QString *error)
{
    if (!QSslSocket::supportsSsl())
        return fail(error,
                    QStringLiteral("TLS is not available: Qt found no usable OpenSSL library (%1)")
                            .arg(QSslSocket::sslLibraryBuildVersionString()));
    const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
    if (openssl.isEmpty())
        return fail(error,
                    QStringLiteral("cannot generate a TLS certificate: the openssl command is not "
                                   "in PATH (Debian package \"openssl\")"));
    QTemporaryDir dir;
    if (!dir.isValid())
        return fail(
                error,
                QStringLiteral("cannot create a temporary directory: %1").arg(dir.errorString()));
    const QString keyPath = dir.filePath(QStringLiteral("key.pem"));
    const QString certPath = dir.filePath(QStringLiteral("cert.pem"));
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(dir.path());
    process.start(openssl,
                  { QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"),
                    QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                    QStringLiteral("-addext"),
                    QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"),
                    QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), certPath });
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished(1000);
        return fail(
                error,
                QStringLiteral("%1 req did not finish: %2").arg(openssl, process.errorString()));
    }
    const QString output = QString::fromLocal8Bit(process.readAll()).trimmed();
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return fail(error,
                    QStringLiteral("%1 req failed (exit code %2): %3")
                            .arg(openssl)
                            .arg(process.exitCode())
                            .arg(output));
    const QList<QSslCertificate> certificates
            = QSslCertificate::fromData(readFile(certPath), QSsl::Pem);
    const QSslKey privateKey(readFile(keyPath), QSsl::Rsa, QSsl::Pem);
    if (certificates.isEmpty() || certificates.first().isNull() || privateKey.isNull())
        return fail(error,
                    QStringLiteral("%1 req wrote no usable certificate or key: %2")
                            .arg(openssl, output));
    *certificate = certificates.first();
    *key = privateKey;
    return true;
}
