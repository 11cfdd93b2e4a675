#include "engine/CctrayServer.h"

#include "support/Logging.h"

#include <QCryptographicHash>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

namespace hubhook {

namespace {
constexpr qint64 kMaxHead = 8 * 1024;
constexpr int kHeadTimeoutMs = 5000;
constexpr int kMaxConnections = 32;

// The value of header `name` in a request head, or empty.
QByteArray headerValue(const QByteArray &head, const QByteArray &name)
{
    for (const QByteArray &line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// Compares secrets without stopping at the first difference.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    const QByteArray ha = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray hb = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    int diff = 0;
    for (qsizetype i = 0; i < ha.size(); ++i)
        diff |= ha[i] ^ hb[i];
    return diff == 0;
}
} // namespace

CctrayServer::CctrayServer(Feed feed, QObject *parent)
    : QObject(parent), m_feed(std::move(feed)), m_server(new QTcpServer(this))
{
    m_server->setMaxPendingConnections(kMaxConnections);
    connect(m_server, &QTcpServer::newConnection, this, &CctrayServer::accept);
}

CctrayServer::~CctrayServer() = default;

bool CctrayServer::listen(const QHostAddress &address, quint16 port, const QString &token,
                          QString *error)
{
    close();
    m_token = token.toUtf8();
    if (m_server->listen(address, port))
        return true;
    *error = QStringLiteral("cctray: cannot listen on %1:%2 (%3)")
                     .arg(address.toString())
                     .arg(port)
                     .arg(m_server->serverError() == QAbstractSocket::AddressInUseError
                                  ? QStringLiteral("the port is in use")
                                  : QStringLiteral("not allowed or no such address"));
    return false;
}

void CctrayServer::close() { m_server->close(); }

quint16 CctrayServer::port() const { return m_server->serverPort(); }

bool CctrayServer::isListening() const { return m_server->isListening(); }

void CctrayServer::accept()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        if (m_open >= kMaxConnections) { // busy: this one is turned away, the others go on
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_open;
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        m_heads.insert(socket, {});
        connect(socket, &QObject::destroyed, this, [this, socket] {
            --m_open;
            m_heads.remove(socket);
        });
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { read(socket); });
        QTimer::singleShot(kHeadTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void CctrayServer::read(QTcpSocket *socket)
{
    const auto it = m_heads.find(socket);
    if (it == m_heads.end()) { // answered: whatever else the peer sends is ignored
        socket->readAll();
        return;
    }
    it->append(socket->read(kMaxHead + 1 - it->size()));
    const qsizetype end = it->indexOf("\r\n\r\n");
    if (end < 0 && it->size() <= kMaxHead)
        return; // more to come (or the head timeout)
    const QByteArray head = it->left(end);
    m_heads.erase(it);
    if (end < 0)
        return reply(socket, "431 Request Header Fields Too Large", {}, {}, true);
    answer(socket, head);
}

void CctrayServer::answer(QTcpSocket *socket, const QByteArray &head)
{
    const QList<QByteArray> request = head.left(head.indexOf('\r')).split(' ');
    const QByteArray method = request.value(0);
    const QByteArray path = request.value(1).split('?').value(0);
    if (path != "/cc.xml")
        return reply(socket, "404 Not Found", "not found: the feed is at /cc.xml\n", "text/plain",
                     true);
    if (method != "GET" && method != "HEAD")
        return reply(socket, "405 Method Not Allowed", {}, {}, true);
    if (!m_token.isEmpty()
        && !sameSecret(headerValue(head, "Authorization"), QByteArray("Bearer ") + m_token))
        return reply(socket, "401 Unauthorized", "a bearer token is needed\n", "text/plain", true);
    reply(socket, "200 OK", m_feed(), "application/xml; charset=utf-8", method == "GET");
}

void CctrayServer::reply(QTcpSocket *socket, const QByteArray &status, const QByteArray &body,
                         const QByteArray &contentType, bool withBody)
{
    QByteArray out = "HTTP/1.1 " + status + "\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\nConnection: close\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    if (status.startsWith("401"))
        out += "WWW-Authenticate: Bearer\r\n";
    out += "\r\n";
    if (withBody)
        out += body;
    socket->write(out);
    socket->disconnectFromHost(); // after the bytes are written
}

} // namespace hubhook
