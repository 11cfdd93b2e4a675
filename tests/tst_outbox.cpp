#include "state/Outbox.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QSysInfo>

#include <sys/stat.h>
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
    void privateWhateverTheUmask();
    void unknownStateIsNotPending();
    void unreadableDisabledListIsReported();
    void truncatedRecordIsListedAsDamaged();
    void staleLocksRemovedOnOpen();
    void deliveredButStillInOutboxIsNotPending();
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

static int mode(const QString &path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

// The outbox holds payloads and receiver names: 0700 directories and 0600 files, even under a
// umask of 022 (the systemd unit sets UMask=0077 too).
void TestOutbox::privateWhateverTheUmask()
{
    const mode_t old = ::umask(022);
    QTemporaryDir dir;
    {
        Outbox outbox(dir.path());
        QString error;
        Delivery d = delivery("msg_1");
        QVERIFY(outbox.add(d, &error));
        QVERIFY(outbox.add(delivery("msg_2"), &error));
        d.attempts = 1;
        QVERIFY(outbox.update(d, &error));
        auto lock = outbox.tryLock(d);
        QVERIFY(lock);
        QCOMPARE(mode(outbox.lockFilePath(d)), 0600);
        lock->unlock();
        QVERIFY(outbox.markDelivered(d, &error));
        outbox.setTargetDisabled("ops", "HTTP 410 Gone");
        QFile bad(dir.filePath("outbox/msg_bad--ops.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{");
        bad.close();
        outbox.pending(); // moves it aside
    }
    ::umask(old);
    QCOMPARE(mode(dir.filePath("outbox")), 0700);
    QCOMPARE(mode(dir.filePath("delivered")), 0700);
    QCOMPARE(mode(dir.filePath("outbox/corrupt")), 0700);
    int files = 0;
    for (const QString &sub : { "outbox", "delivered" }) {
        QDirIterator it(dir.filePath(sub), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.contains("/corrupt/"))
                continue; // written by the test, not by the outbox (tightened on open below)
            QVERIFY2(mode(path) == 0600, qPrintable(path));
            ++files;
        }
    }
    QCOMPARE(files, 3); // msg_2 pending, msg_1 delivered, disabled-targets
    // What an older version left readable is tightened when the outbox opens.
    QVERIFY(QFile::setPermissions(dir.filePath("outbox/corrupt/msg_bad--ops.json"),
                                  QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
    Outbox reopened(dir.path());
    QCOMPARE(mode(dir.filePath("outbox/corrupt/msg_bad--ops.json")), 0600);
}

void TestOutbox::unknownStateIsNotPending()
{
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QString error;
    Delivery d = delivery("msg_odd");
    QVERIFY(outbox.add(d, &error));
    const QString path = dir.filePath("outbox/" + d.key() + ".json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray json = f.readAll();
    f.close();
    json.replace("\"state\":\"pending\"", "\"state\":\"bogus\"");
    QVERIFY(json.contains("bogus"));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(json);
    f.close();
    QVERIFY(outbox.pending().isEmpty());
    QVERIFY(!outbox.load(d.key()));
    QCOMPARE(outbox.warnings().size(), 1);
    QVERIFY2(outbox.warnings().first().contains(path), qPrintable(outbox.warnings().first()));
    QVERIFY(outbox.warnings().first().contains("bogus"));
    const QList<Delivery> damaged = outbox.damaged();
    QCOMPARE(damaged.size(), 1);
    QCOMPARE(damaged.first().id, QStringLiteral("msg_odd"));
    QCOMPARE(damaged.first().target, QStringLiteral("ops"));
    QCOMPARE(damaged.first().stateName(), QStringLiteral("damaged"));
}

void TestOutbox::unreadableDisabledListIsReported()
{
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QVERIFY(outbox.setTargetDisabled("ops", "HTTP 410 Gone"));
    QFile f(outbox.disabledTargetsPath());
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write("garbage, not JSON");
    f.close();
    bool unreadable = false;
    outbox.disabledTargets(&unreadable);
    QVERIFY(unreadable);
    QVERIFY(outbox.warnings().join('\n').contains(outbox.disabledTargetsPath()));
    // Not rewritten behind a person's back: that would re-enable "ops".
    QVERIFY(!outbox.enableTarget("other"));
    QVERIFY(!outbox.setTargetDisabled("other", "HTTP 410 Gone"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(f.readAll().contains("garbage"));
}

void TestOutbox::truncatedRecordIsListedAsDamaged()
{
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QString error;
    const Delivery d = delivery("msg_cut", "team chat");
    QVERIFY(outbox.add(d, &error));
    const QString path = dir.filePath("outbox/" + d.key() + ".json");
    QVERIFY(QFile::resize(path, 20));
    QVERIFY(outbox.pending().isEmpty());
    QVERIFY(QFile::exists(dir.filePath("outbox/corrupt/" + d.key() + ".json")));
    const QList<Delivery> damaged = outbox.damaged();
    QCOMPARE(damaged.size(), 1);
    QCOMPARE(damaged.first().id, QStringLiteral("msg_cut"));
    QVERIFY(damaged.first().target.startsWith("team_chat")); // from the file name
    QVERIFY(damaged.first().lastError.contains("corrupt"));
}

void TestOutbox::staleLocksRemovedOnOpen()
{
    QProcess gone;
    gone.start("true");
    QVERIFY(gone.waitForStarted());
    const qint64 deadPid = gone.processId();
    QVERIFY(gone.waitForFinished());
    QTemporaryDir dir;
    const Delivery stale = delivery("msg_stale");
    const Delivery held = delivery("msg_held");
    {
        Outbox outbox(dir.path());
        QFile lock(outbox.lockFilePath(stale));
        QVERIFY(lock.open(QIODevice::WriteOnly));
        lock.write(QByteArray::number(deadPid) + "\ntst_outbox\n"
                   + QSysInfo::machineHostName().toUtf8() + "\n");
    }
    // Empty: its owner was killed between creating and filling it (taken once a few s old).
    const Delivery empty = delivery("msg_empty");
    QFile emptyLock(dir.filePath("outbox/" + empty.key() + ".lock"));
    QVERIFY(emptyLock.open(QIODevice::WriteOnly));
    emptyLock.close();
    QVERIFY(emptyLock.open(QIODevice::ReadWrite));
    QVERIFY(emptyLock.setFileTime(QDateTime::currentDateTime().addSecs(-10),
                                  QFileDevice::FileModificationTime));
    emptyLock.close();
    Outbox first(dir.path());
    QVERIFY(!emptyLock.exists());
    auto live = first.tryLock(held); // a live owner's lock stays
    QVERIFY(live);
    Outbox outbox(dir.path());
    QVERIFY(!QFile::exists(outbox.lockFilePath(stale)));
    QVERIFY(QFile::exists(outbox.lockFilePath(held)));
    QVERIFY(!outbox.tryLock(held));
}

// A kill between writing delivered/ and removing the outbox record: not pending, not sent again.
void TestOutbox::deliveredButStillInOutboxIsNotPending()
{
    QTemporaryDir dir;
    Outbox outbox(dir.path());
    QString error;
    const Delivery d = delivery("msg_twice");
    QVERIFY(outbox.add(d, &error));
    const QString pendingPath = dir.filePath("outbox/" + d.key() + ".json");
    QVERIFY(QFile::copy(pendingPath, pendingPath + ".keep"));
    QVERIFY(outbox.markDelivered(d, &error));
    QVERIFY(QFile::rename(pendingPath + ".keep", pendingPath));
    QVERIFY(!outbox.load(d.key()));
    QVERIFY(outbox.pending().isEmpty());
    QVERIFY(!QFile::exists(pendingPath));
}

QTEST_GUILESS_MAIN(TestOutbox)
#include "tst_outbox.moc"
