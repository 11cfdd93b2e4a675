#include "core/CctrayFeed.h"
#include "engine/CctrayServer.h"
#include "engine/Engine.h"
#include "secrets/Secrets.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace hubhook;

// The cctray feed: the rows in cctray's words, served at /cc.xml by a real HTTP responder on
// loopback (port chosen by the system), read here with Qt's own HTTP client.
class TestCctray : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void feedSaysEachRow();
    void serverAnswersAndRefuses();
    void slowPeerHoldsNothingUp();
    void engineServesTheFeed();

private:
    struct Answer
    {
        int status = 0;
        QByteArray body;
    };
    static Answer get(quint16 port, const QByteArray &path, const QByteArray &authorization = {},
                      const QByteArray &verb = "GET");
};

namespace {

const QDateTime t0(QDate(2026, 12, 8), QTime(14, 5, 0), Qt::UTC);

Build row(const QString &repository, const QString &tag, BuildState state)
{
    Build b;
    b.repository = repository;
    b.tag = tag;
    b.state = state;
    b.id = 42;
    b.buildCode = QStringLiteral("b42");
    b.updated = t0;
    b.url = QStringLiteral("https://hub.docker.com/r/%1 & more").arg(repository);
    return b;
}

QList<QXmlStreamAttributes> projectsOf(const QByteArray &xml)
{
    QList<QXmlStreamAttributes> out;
    QXmlStreamReader r(xml);
    while (!r.atEnd()) {
        r.readNext();
        if (r.isStartElement() && r.name() == QLatin1String("Project"))
            out.append(r.attributes());
    }
    return r.hasError() ? QList<QXmlStreamAttributes>() : out;
}

} // namespace

TestCctray::Answer TestCctray::get(quint16 port, const QByteArray &path,
                                   const QByteArray &authorization, const QByteArray &verb)
{
    QNetworkAccessManager nam;
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port).arg(path)));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    QNetworkReply *reply = nam.sendCustomRequest(request, verb);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(10000))
        return {};
    Answer a { reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(),
               reply->readAll() };
    reply->deleteLater();
    return a;
}

void TestCctray::feedSaysEachRow()
{
    Build run
            = row(QStringLiteral("acme/api"), QStringLiteral("ci.yml@main"), BuildState::Building);
    run.workflow = QStringLiteral("ci.yml");
    run.workflowName = QStringLiteral("CI");
    run.branch = QStringLiteral("main");
    const QList<Build> rows {
        row(QStringLiteral("acme/web"), QStringLiteral("latest"), BuildState::Failed),
        row(QStringLiteral("acme/web"), QStringLiteral("latest"),
            BuildState::Success), // the same row seen by a second account
        row(QStringLiteral("acme/db"), QStringLiteral("9"), BuildState::Queued),
        row(QStringLiteral("docker.io/acme/base"), QStringLiteral("latest"), BuildState::Stale), run
    };
    const QList<QXmlStreamAttributes> p = projectsOf(cctrayXml(rows));
    QCOMPARE(p.size(), 5);
    QCOMPARE(p[0].value("name"), QStringLiteral("acme/web latest"));
    QCOMPARE(p[0].value("lastBuildStatus"), QStringLiteral("Failure"));
    QCOMPARE(p[0].value("activity"), QStringLiteral("Sleeping"));
    QCOMPARE(p[0].value("lastBuildLabel"), QStringLiteral("b42"));
    QCOMPARE(p[0].value("lastBuildTime"), QStringLiteral("2026-12-08T14:05:00.000+00:00"));
    QCOMPARE(p[0].value("webUrl"), QStringLiteral("https://hub.docker.com/r/acme/web & more"));
    QCOMPARE(p[1].value("name"), QStringLiteral("acme/web latest #2")); // names are unique
    QCOMPARE(p[1].value("lastBuildStatus"), QStringLiteral("Success"));
    QCOMPARE(p[2].value("activity"), QStringLiteral("CheckingModifications"));
    QCOMPARE(p[3].value("lastBuildStatus"), QStringLiteral("Failure")); // a stale image
    QCOMPARE(p[4].value("name"), QStringLiteral("acme/api CI (main)"));
    QCOMPARE(p[4].value("activity"), QStringLiteral("Building"));
    QCOMPARE(p[4].value("lastBuildStatus"), QStringLiteral("Unknown"));
}

void TestCctray::serverAnswersAndRefuses()
{
    CctrayServer server(
            [] { return cctrayXml({ row("acme/web", "latest", BuildState::Failed) }); });
    QString error;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0, QStringLiteral("s3cret"), &error),
             qPrintable(error));
    QVERIFY(server.port() > 0);
    QCOMPARE(get(server.port(), "/cc.xml").status, 401);
    QCOMPARE(get(server.port(), "/cc.xml", "Bearer wrong").status, 401);
    const Answer ok = get(server.port(), "/cc.xml", "Bearer s3cret");
    QCOMPARE(ok.status, 200);
    QCOMPARE(projectsOf(ok.body).size(), 1);
    QCOMPARE(get(server.port(), "/cc.xml?x=1", "Bearer s3cret").status, 200);
    QCOMPARE(get(server.port(), "/other", "Bearer s3cret").status, 404);
    QCOMPARE(get(server.port(), "/cc.xml", "Bearer s3cret", "POST").status, 405);
    const Answer head = get(server.port(), "/cc.xml", "Bearer s3cret", "HEAD");
    QCOMPARE(head.status, 200);
    QVERIFY(head.body.isEmpty());
    server.close();
    QVERIFY(!server.isListening());
}

// A peer that connects and sends half a request, and one that sends a head over the bound, hold
// nobody up: a whole request meanwhile gets its answer.
void TestCctray::slowPeerHoldsNothingUp()
{
    CctrayServer server([] { return cctrayXml({}); });
    QString error;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, {}, &error));
    QTcpSocket slow;
    slow.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(slow.waitForConnected(5000));
    slow.write("GET /cc.xml HTTP/1.1\r\nHost: x\r\n"); // and then nothing
    QVERIFY(slow.waitForBytesWritten(5000));
    QTcpSocket big;
    big.connectToHost(QHostAddress::LocalHost, server.port());
    QVERIFY(big.waitForConnected(5000));
    big.write("GET /cc.xml HTTP/1.1\r\nX: " + QByteArray(10000, 'a') + "\r\n\r\n");
    QCOMPARE(get(server.port(), "/cc.xml").status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(big.bytesAvailable() > 0 || big.state() != QTcpSocket::ConnectedState,
                             5000);
    QVERIFY(big.readAll().startsWith("HTTP/1.1 431"));
    // The silent one is dropped at the head's deadline (5 s).
    QTRY_VERIFY_WITH_TIMEOUT(slow.state() == QTcpSocket::UnconnectedState, 10000);
}

void TestCctray::engineServesTheFeed()
{
    QTemporaryDir dir;
    MemorySecretStore secrets;
    Engine engine(&secrets);
    engine.setStateDir(dir.path());
    const ConfigResult r = parseConfig(R"({"version": 1, "cctray": {"listen": "127.0.0.1:0"}})");
    QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
    QSignalSpy applied(&engine, &Engine::configApplied);
    engine.applyConfig(r.config);
    QVERIFY(applied.wait(5000) || !applied.isEmpty());
    QVERIFY(engine.cctrayPort() > 0);
    const Answer a = get(engine.cctrayPort(), "/cc.xml");
    QCOMPARE(a.status, 200);
    QVERIFY2(a.body.contains("<Projects"), a.body.constData());
    engine.applyConfig(Config()); // no cctray: no longer served
    QTRY_COMPARE_WITH_TIMEOUT(engine.cctrayPort(), quint16(0), 5000);
}

QTEST_GUILESS_MAIN(TestCctray)
#include "tst_cctray.moc"
