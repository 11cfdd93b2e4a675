// What every simulated service shares (the Docker Hub of SimulatedHub, the GitHub of
// SimulatedGitHub, the next provider's): an HTTP/1.1 server on 127.0.0.1 (HTTPS on request), the
// request log, fault injection and latency, and the way one request travels through it:
// recorded, possibly faulted, answered by the service, and written back as raw bytes, now or
// after a delay, so that faults and delays are exact.
#pragma once

#include "HttpWire.h"
#include "SimFaults.h"
#include "SimTypes.h"

#include <QAbstractHttpServer>
#include <QList>
#include <QPointer>
#include <QSslCertificate>
#include <QUrl>

#include <memory>
#include <optional>

class QTcpSocket;

class SimServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    explicit SimServer(QObject *parent = nullptr);
    ~SimServer() override;

    quint16 listen(quint16 port = 0); // 127.0.0.1 only; returns port, 0 on failure
    void stop(); // stops listening and drops every open connection (the destructor does too)
    quint16 port() const { return m_port; } // 0 when not listening
    // http://127.0.0.1:PORT, or https://127.0.0.1:PORT with TLS; a service may add a path.
    virtual QUrl baseUrl() const;
    // Before listen(): serve HTTPS with a freshly generated self-signed certificate for
    // 127.0.0.1 and localhost (needs the openssl command). False with *error if impossible.
    bool enableTls(QString *error = nullptr);
    bool isTlsEnabled() const { return m_tls; }
    QSslCertificate certificate() const { return m_certificate; } // null without TLS

    // faults and latency; a fault applies before everything the service does
    void addFault(const SimFault &fault);
    void clearFaults();
    void setRandomSeed(quint32 seed); // the draws for SimFault::probability (default seed 1)
    void setLatency(int ms); // added to every response

    // observation
    int requestCount(const QString &pathContains = {}) const; // received, faulted ones too
    QList<SimRequest> requests() const;

Q_SIGNALS:
    void requestServed(const SimRequest &request, int status); // status 0: hang or reset

protected:
    // One request as the service handles it. exchange() makes one for each request, before the
    // fault is drawn; then the pipeline asks it for an answer unless a fault replaces it, and
    // hands it every answer before it is written back (a hang's or reset's has status 0).
    class Exchange
    {
    public:
        explicit Exchange(const SimRequest &request) : request(request) { }
        virtual ~Exchange() = default;
        // The service's answer: its authentication and routes (and, on GitHub, its limits).
        // A truncated-JSON fault truncates this answer.
        virtual SimHttpResponse respond() = 0;
        // The answer when no fault replaced it; a service may put a limit in front of respond().
        virtual SimHttpResponse answer() { return respond(); }
        // Last headers, records and counts; called for every request, hangs included.
        virtual void finish(SimHttpResponse &response) { Q_UNUSED(response) }

        const SimRequest request;
    };
    virtual std::unique_ptr<Exchange> exchange(const SimRequest &request) = 0;

    // How the service words what a fault makes it answer.
    virtual SimHttpResponse tooManyRequests(int retryAfterSeconds) const = 0; // 429, Retry-After
    virtual SimHttpResponse limitExhausted(qint64 resetUnix) const = 0; // the budget until then
    virtual SimHttpResponse errorAnswer(int status, const QString &message) const = 0;
    virtual SimHttpResponse htmlErrorPage(int status) const = 0;
    virtual SimHttpResponse malformedJson() const = 0;
    virtual SimHttpResponse notFoundAnswer() const = 0;

    void clearRequests(); // for a service's resetCounts()

private:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) final;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) final;
    SimHttpResponse faultResponse(const SimFault &fault, Exchange &exchange) const;
    void deliver(QPointer<QTcpSocket> socket, const SimRequest &request, SimHttpResponse response,
                 int delayMs, bool keepAlive, std::optional<SimFaultKind> fault);
    void closeConnections(bool discardServers);

    SimFaultList m_faults;
    QList<SimRequest> m_requests;
    QSslCertificate m_certificate;
    bool m_tls = false;
    quint16 m_port = 0;
    int m_latencyMs = 0;
};
