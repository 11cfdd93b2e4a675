// A throw-away self-signed certificate for the simulator's HTTPS mode.
#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace SimTls {

// Generates an RSA 2048 key and a self-signed certificate for CN=localhost with the subject
// alternative names IP:127.0.0.1 and DNS:localhost, valid for two days, by running the openssl
// command line tool (Debian package "openssl") in a temporary directory. On failure returns
// false and says why in *error.
bool generateSelfSigned(QSslCertificate *certificate, QSslKey *key, QString *error);

} // namespace SimTls
