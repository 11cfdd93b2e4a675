// A bare HTTP/1.1 receiver on loopback for the tests and the soak driver, for what the simulated
// hub does not do: answer one byte every few seconds (a "dripping" receiver), or stream a huge
// body (with a Content-Length or chunked) as fast as the client reads it, never holding more
// than a few chunks itself.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <functional>

// No Q_OBJECT (it is header-only, included by tests without moc for it): callbacks, not signals.
class RawReceiver : public QTcpServer
{
public:
    enum Mode { Drip, Huge, HugeChunked };

    explicit RawReceiver(Mode mode, QObject *parent = nullptr) : QTcpServer(parent), m_mode(mode)
    {
        connect(this, &QTcpServer::newConnection, this, &RawReceiver::accept);
    }
    ~RawReceiver() override { stop(); }

    void setDripIntervalMs(int ms) { m_dripMs = ms; }
    void setHugeBytes(qint64 bytes) { m_hugeBytes = bytes; }
    void setStatus(int status) { m_status = status; }
    bool start() { return listen(QHostAddress::LocalHost, 0); }
    void stop()
    {
        close();
        for (const QPointer<QTcpSocket> &s : std::as_const(m_sockets)) {
            if (s)
                s->abort();
        }
        m_sockets.clear();
    }
    QUrl url(const QString &path = QStringLiteral("/hook")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(serverPort()).arg(path));
    }
    int requests() const { return m_requests; } // complete requests received
    qint64 bytesSent() const { return m_sent; }
    QList<QByteArray> webhookIds() const { return m_ids; }

    std::function<void(const QByteArray &webhookId)> onRequest;

    // This process's resident memory, for tests that check a huge answer was not kept.
    static qint64 rssKiB()
    {
        QFile f(QStringLiteral("/proc/self/status"));
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.startsWith("VmRSS:"))
                return line.mid(6).trimmed().split(' ').first().toLongLong();
        }
        return -1;
    }

private:
    struct Conn
    {
        QByteArray in;
        bool answered = false;
        qint64 left = 0; // body bytes still to send (Huge)
        QByteArray response; // bytes still to drip (Drip)
    };

    void accept()
    {
        while (QTcpSocket *s = nextPendingConnection()) {
            m_sockets.append(s);
            auto *c = new Conn;
            // Freed with its socket, whatever goes first (the receiver may die before it).
            connect(s, &QObject::destroyed, [c] { delete c; }); // no context: always runs
            connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            connect(s, &QTcpSocket::readyRead, this, [this, s, c] { read(s, c); });
            connect(s, &QTcpSocket::bytesWritten, this, [this, s, c] { pump(s, c); });
        }
    }

    void read(QTcpSocket *s, Conn *c)
    {
        c->in += s->readAll();
        if (c->answered)
            return;
        const qsizetype end = c->in.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qint64 length = 0;
        QByteArray id;
        for (const QByteArray &line : c->in.left(end).split('\n')) {
            const QByteArray l = line.trimmed();
            const qsizetype colon = l.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = l.left(colon).trimmed().toLower();
            if (name == "content-length")
                length = l.mid(colon + 1).trimmed().toLongLong();
            else if (name == "webhook-id")
                id = l.mid(colon + 1).trimmed();
        }
        if (c->in.size() < end + 4 + length)
            return;
        c->answered = true;
        ++m_requests;
        m_ids.append(id);
        if (onRequest)
            onRequest(id);
        const QByteArray status = QByteArray::number(m_status) + " Status";
        if (m_mode == Drip) {
            // The head at once, then the body a byte at a time: every byte resets the
            // client's inactivity timeout.
            const QByteArray body(64, '.');
            s->write("HTTP/1.1 " + status + "\r\nContent-Length: " + QByteArray::number(body.size())
                     + "\r\n\r\n");
            c->response = body;
            auto *timer = new QTimer(s);
            connect(timer, &QTimer::timeout, s, [s, c, timer] {
                if (c->response.isEmpty()) {
                    timer->stop();
                    return;
                }
                s->write(c->response.left(1));
                c->response.remove(0, 1);
            });
            timer->start(m_dripMs);
            return;
        }
        c->left = m_hugeBytes;
        s->write("HTTP/1.1 " + status + "\r\nContent-Type: application/octet-stream\r\n"
                 + (m_mode == Huge ? "Content-Length: " + QByteArray::number(m_hugeBytes)
                                   : QByteArray("Transfer-Encoding: chunked"))
                 + "\r\n\r\n");
        pump(s, c);
    }

    // Keeps at most a few chunks in the socket's buffer: the body is made as it is read.
    void pump(QTcpSocket *s, Conn *c)
    {
        static const QByteArray chunk(64 * 1024, 'x');
        while (c->answered && m_mode != Drip && c->left > 0 && s->bytesToWrite() < 256 * 1024
               && s->state() == QAbstractSocket::ConnectedState) {
            const qint64 n = std::min<qint64>(chunk.size(), c->left);
            if (m_mode == Huge)
                s->write(chunk.constData(), n);
            else
                s->write(QByteArray::number(n, 16) + "\r\n" + chunk.left(n) + "\r\n");
            c->left -= n;
            m_sent += n;
            if (c->left == 0 && m_mode == HugeChunked)
                s->write("0\r\n\r\n");
        }
    }

    Mode m_mode;
    int m_dripMs = 5000;
    int m_status = 200;
    qint64 m_hugeBytes = 1024LL * 1024 * 1024;
    qint64 m_sent = 0;
    int m_requests = 0;
    QList<QByteArray> m_ids;
    QList<QPointer<QTcpSocket>> m_sockets;
};
