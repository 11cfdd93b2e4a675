#include "state/Outbox.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;

class TestOutbox : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void addUpdateDeliver();
    void duplicatesRefused();
    void corruptRecordMovedAside();
    void findById();
    void disabledTargets();
    void keysAreFileSafe();
};

static Delivery delivery(const QString &id, const QString &target = "ops")
{
    Delivery d;
    d.id = id;
    d.target = target;
    d.eventType = "build.failed";
    d.summary = "acme/api:latest: build failed";
    d.body = R"({"x": "ü"})";
    d.created = QDateTime::currentDateTimeUtc();
    d.nextAttempt = d.created;
    return d;
}

void TestOutbox::addUpdateDeliver()
{
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QString error;
    Delivery d = delivery("msg_1");
    QVERIFY(outbox.add(d, &error));
    QCOMPARE(outbox.pending().size(), 1);
    QCOMPARE(outbox.pending().first().body, d.body);

    d.attempts = 2;
    d.lastStatus = 503;
    d.lastError = "HTTP 503";
    QVERIFY(outbox.update(d, &error));
    const Delivery back = outbox.pending().first();
    QCOMPARE(back.attempts, 2);
    QCOMPARE(back.lastStatus, 503);
    QCOMPARE(back.state, Delivery::Pending);

    QVERIFY(outbox.markDelivered(d, &error));
    QVERIFY(outbox.pending().isEmpty()); // the outbox is empty once delivered
    QCOMPARE(outbox.delivered().size(), 1);
    QCOMPARE(outbox.delivered().first().state, Delivery::Delivered);
    // Every record is a file of its own, written atomically.
    QCOMPARE(QDir(dir.filePath("outbox")).entryList({ "*.json" }).size(), 0);
    QCOMPARE(QDir(dir.filePath("delivered")).entryList({ "*.json" }).size(), 1);
}

void TestOutbox::duplicatesRefused()
{
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QString error;
    QVERIFY(outbox.add(delivery("msg_1"), &error));
    QVERIFY(!outbox.add(delivery("msg_1"), &error)); // re-detected after a crash
    QVERIFY(error.isEmpty());
    QVERIFY(outbox.add(delivery("msg_1", "chat"), &error)); // same event, other target
    QVERIFY(outbox.markDelivered(delivery("msg_1"), &error));
    QVERIFY(!outbox.add(delivery("msg_1"), &error)); // delivered already
    QCOMPARE(outbox.pending().size(), 1);
}

void TestOutbox::corruptRecordMovedAside()
{
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QString error;
    QVERIFY(outbox.add(delivery("msg_ok"), &error));
    QFile bad(dir.filePath("outbox/msg_bad--ops.json"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"id\": \"msg_bad\", \"tar");
    bad.close();
    const QList<Delivery> pending = outbox.pending();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending.first().id, QStringLiteral("msg_ok"));
    QCOMPARE(outbox.warnings().size(), 1);
    QVERIFY(outbox.warnings().first().contains("msg_bad--ops.json"));
    QVERIFY(QFile::exists(dir.filePath("outbox/corrupt/msg_bad--ops.json")));
}

void TestOutbox::findById()
{
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QString error;
    QVERIFY(outbox.add(delivery("msg_abc111"), &error));
    QVERIFY(outbox.add(delivery("msg_abc222"), &error));
    QCOMPARE(outbox.findById("msg_abc111").size(), 1);
    QCOMPARE(outbox.findById("msg_abc1").size(), 1);
    QCOMPARE(outbox.findById("msg_abc").size(), 2);
    QCOMPARE(outbox.findById("nope").size(), 0);
}

void TestOutbox::disabledTargets()
{
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QVERIFY(outbox.disabledTargets().isEmpty());
    outbox.setTargetDisabled("ops", "HTTP 410 Gone");
    QCOMPARE(Outbox(dir.path()).disabledTargets().value("ops"), QStringLiteral("HTTP 410 Gone"));
    outbox.enableTarget("ops");
    QVERIFY(outbox.disabledTargets().isEmpty());
}

void TestOutbox::keysAreFileSafe()
{
    const Delivery a = delivery("msg_1", "team/alerts channel");
    const Delivery b = delivery("msg_1", "team_alerts_channel");
    QVERIFY(!a.key().contains('/') && !a.key().contains(' '));
    QVERIFY(a.key() != b.key());
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QLockFile lock(outbox.lockFilePath(a));
    QVERIFY(lock.tryLock(0));
    QLockFile other(outbox.lockFilePath(a));
    QVERIFY(!other.tryLock(0));
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
