// Raw HTTP/1.1 response writing for the simulated Docker Hub. Writing the bytes ourselves keeps
// faults (truncated bodies, resets, delayed replies) fully under the simulator's control.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QList>
#include <QPair>
#include <QString>

class QTcpSocket;

struct SimHttpResponse
{
    int status = 200;
    QByteArray contentType = QByteArrayLiteral("application/json");
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(const QByteArray &name) const;
};

class SimHttpWire
{
public:
    static QByteArray reasonPhrase(int status);

    static SimHttpResponse json(int status, const QJsonDocument &document);
    // {"detail": "..."} with the given status.
    static SimHttpResponse detail(int status, const QString &detail);

    // Status line and headers (Content-Length announces the full body; none for a 204).
    static QByteArray head(const SimHttpResponse &response, bool keepAlive);
    // Writes the whole response (only the head for HEAD requests); closes the connection
    // afterwards unless keepAlive.
    static void write(QTcpSocket *socket, const SimHttpResponse &response, bool keepAlive,
                      bool headOnly = false);
    // Writes the head for the full body but only its first half, then closes the connection.
    static void writeTruncated(QTcpSocket *socket, const SimHttpResponse &response);
    // Closes the connection with a TCP reset where the platform allows it.
    static void reset(QTcpSocket *socket);
};
