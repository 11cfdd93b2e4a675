#pragma once

#include <functional>
#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QString>

class QTcpServer;
class QTcpSocket;

namespace hubhook {

// Serves the cctray feed at /cc.xml (config `cctray.listen`), so CCMenu, BuildNotify, Nevergreen
// and other desktops read what this Hubhook sees. A plain HTTP/1.1 responder on QTcpServer (no
// HTTP server library in the app): GET or HEAD of /cc.xml answers the feed, anything else 404
// or 405; with a token, a request without "Authorization: Bearer <token>" gets 401. Each
// connection is on its own: a request's head is read up to 8 KiB within 5 s, at most 32
// connections are open at once, and one slow or silent peer never holds up the others.
class CctrayServer : public QObject
{
    Q_OBJECT
public:
    using Feed = std::function<QByteArray()>;
    CctrayServer(Feed feed, QObject *parent = nullptr);
    ~CctrayServer() override;

    // Listens at address:port (port 0: one the system picks); false and `error` when it cannot.
    bool listen(const QHostAddress &address, quint16 port, const QString &token, QString *error);
    void close();
    quint16 port() const;
    bool isListening() const;

private:
    void accept();
    void read(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const QByteArray &head);
    static void reply(QTcpSocket *socket, const QByteArray &status, const QByteArray &body,
                      const QByteArray &contentType, bool withBody);

    Feed m_feed;
    QTcpServer *m_server;
    QByteArray m_token;
    QHash<QTcpSocket *, QByteArray> m_heads; // the head read so far, until answered
    int m_open = 0;
};

} // namespace hubhook
