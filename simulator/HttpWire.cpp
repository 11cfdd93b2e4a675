#include "HttpWire.h"

#include <QJsonObject>
#include <QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

void SimHttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0) {
            pair.second = value;
            return;
        }
    }
    headers.append({ name, value });
}

QByteArray SimHttpResponse::header(const QByteArray &name) const
{
    for (const auto &pair : headers) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    }
    return {};
}

QByteArray SimHttpWire::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        break;
    }
    if (status >= 200 && status < 300)
        return "Success";
    if (status >= 400 && status < 500)
        return "Client Error";
    if (status >= 500)
        return "Server Error";
    return "Unknown";
}

SimHttpResponse SimHttpWire::json(int status, const QJsonDocument &document)
{
    SimHttpResponse response;
    response.status = status;
    response.body = document.toJson(QJsonDocument::Compact);
    return response;
}

SimHttpResponse SimHttpWire::detail(int status, const QString &detail)
{
    return json(status, QJsonDocument(QJsonObject { { QStringLiteral("detail"), detail } }));
}

QByteArray SimHttpWire::head(const SimHttpResponse &response, bool keepAlive)
{
    QByteArray out;
    out.reserve(256);
    out += "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status)
            + "\r\n";
    if (!response.contentType.isEmpty())
        out += "Content-Type: " + response.contentType + "\r\n";
    if (response.status != 204) // a 204 has neither a body nor a Content-Length
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    out += "Server: hubhook-simulator\r\n";
    for (const auto &pair : response.headers)
        out += pair.first + ": " + pair.second + "\r\n";
    out += "\r\n";
    return out;
}

void SimHttpWire::write(QTcpSocket *socket, const SimHttpResponse &response, bool keepAlive,
                        bool headOnly)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    const bool noBody = headOnly || response.status == 204;
    socket->write(noBody ? head(response, keepAlive) : head(response, keepAlive) + response.body);
    if (!keepAlive)
        socket->disconnectFromHost();
}

void SimHttpWire::writeTruncated(QTcpSocket *socket, const SimHttpResponse &response)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->write(head(response, true) + response.body.left(response.body.size() / 2));
    socket->disconnectFromHost();
}

void SimHttpWire::reset(QTcpSocket *socket)
{
    if (!socket)
        return;
#ifdef Q_OS_UNIX
    const qintptr fd = socket->socketDescriptor();
    if (fd >= 0) {
        // A zero linger time makes close() send RST instead of FIN.
        struct linger lingerOption = { 1, 0 };
        ::setsockopt(int(fd), SOL_SOCKET, SO_LINGER, &lingerOption, sizeof(lingerOption));
    }
#endif
    socket->abort();
}
