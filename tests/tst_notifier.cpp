#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "ui/tray/Notifier.h"

#include <QDBusAbstractAdaptor>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDBusMessage>
#include <QSignalSpy>
#include <QTest>

using namespace hubhook;

namespace {

// A notification daemon on the test's private session bus, on its own connection: it records
// each Notify call and answers with increasing ids; the test decides when to emit signals.
class FakeDaemon : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    explicit FakeDaemon(QStringList capabilities) : m_capabilities(std::move(capabilities)) { }

    bool start()
    {
        m_bus = std::make_unique<QDBusConnection>(
                QDBusConnection::connectToBus(QDBusConnection::SessionBus, "fake-daemon"));
        return m_bus->isConnected()
                && m_bus->registerObject("/org/freedesktop/Notifications", this,
                                         QDBusConnection::ExportAllSlots)
                && m_bus->registerService("org.freedesktop.Notifications");
    }
    ~FakeDaemon() override
    {
        if (m_bus) {
            m_bus->unregisterService("org.freedesktop.Notifications");
            m_bus->unregisterObject("/org/freedesktop/Notifications");
            QDBusConnection::disconnectFromBus("fake-daemon");
        }
    }
    void emitSignal(const QString &name, const QVariantList &args)
    {
        QDBusMessage m = QDBusMessage::createSignal("/org/freedesktop/Notifications",
                                                    "org.freedesktop.Notifications", name);
        m.setArguments(args);
        m_bus->send(m);
    }

    QStringList titles;
    QStringList bodies;
    QList<QVariantMap> hints;

public Q_SLOTS:
    QStringList GetCapabilities() { return m_capabilities; }
    uint Notify(const QString &, uint, const QString &, const QString &summary, const QString &body,
                const QStringList &, const QVariantMap &hintsOf, int)
    {
        hints << hintsOf;
        titles << summary;
        bodies << body;
        return uint(titles.size());
    }

private:
    QStringList m_capabilities;
    std::unique_ptr<QDBusConnection> m_bus;
};

Event failure(const QString &repository)
{
    Event e;
    e.id = "msg_" + repository;
    e.type = EventType::BuildFailed;
    e.occurredAt = QDateTime::currentDateTimeUtc();
    e.build.repository = repository;
    e.build.tag = "latest";
    e.build.statusCode = -1;
    e.build.state = BuildState::Failed;
    e.build.created = e.occurredAt.addSecs(-600);
    e.build.updated = e.occurredAt.addSecs(-120);
    e.build.cause = "TRIGGERED_VIA_API";
    e.build.url = "https://hub.docker.com/r/" + repository + "/builds";
    return e;
}

Event noBuild(const QString &trigger)
{
    Event e;
    e.id = "msg_" + trigger + QString::number(QDateTime::currentMSecsSinceEpoch());
    e.type = EventType::TriggerNoBuild;
    e.occurredAt = QDateTime::currentDateTimeUtc();
    e.trigger = trigger;
    e.build.repository = "acme/base";
    e.build.tag = "latest";
    e.detail = "no new build or push within 2m";
    return e;
}

} // namespace

// The desktop notifier against a notification daemon on a private session bus.
class TestNotifier : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void neverWaitsForTheDaemon();
    void actionsAndClosedNotifications();
    void repeatedTriggerAlertsNotifyOnce();
    void noDaemonFallsBack();
    void textsAreSentences();
    void soundHintOnFailures();

private:
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Engine> m_engine;
};

void TestNotifier::init()
{
    QVERIFY2(QDBusConnection::sessionBus().isConnected(), "needs with-session.sh session");
    m_secrets = std::make_unique<MemorySecretStore>();
    m_engine = std::make_unique<Engine>(m_secrets.get());
}

void TestNotifier::cleanup() { m_engine.reset(); }

void TestNotifier::neverWaitsForTheDaemon()
{
    FakeDaemon daemon({ "actions", "body" });
    QVERIFY(daemon.start());
    Notifier notifier(m_engine.get(), nullptr);
    // The daemon answers from this very thread: a blocking call could not return before the
    // event loop runs again (it would time out after 25 s). notify() returns at once.
    QVERIFY(notifier.notify("first", "one"));
    QVERIFY(notifier.notify("second", "two"));
    QCOMPARE(daemon.titles.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(daemon.titles, QStringList({ "first", "second" }), 5000);
    QVERIFY(notifier.usesDBus());
}

void TestNotifier::actionsAndClosedNotifications()
{
    FakeDaemon daemon({ "actions" });
    QVERIFY(daemon.start());
    Notifier notifier(m_engine.get(), nullptr);
    QSignalSpy rebuild(&notifier, &Notifier::rebuildRequested);
    QSignalSpy open(&notifier, &Notifier::openRequested);
    Q_EMIT m_engine->eventRaised(failure("acme/api"));
    Q_EMIT m_engine->eventRaised(failure("acme/web"));
    QTRY_COMPARE_WITH_TIMEOUT(notifier.tracked(), 2, 5000);
    daemon.emitSignal("ActionInvoked", { uint(2), QString("rebuild") });
    QVERIFY(rebuild.wait(5000));
    QCOMPARE(rebuild.first(), QVariantList({ "acme/web", "latest" }));
    daemon.emitSignal("ActionInvoked", { uint(1), QString("default") });
    QVERIFY(open.wait(5000));
    QCOMPARE(open.first().first().toString(),
             QStringLiteral("https://hub.docker.com/r/acme/api/builds"));
    // Closed notifications are forgotten: the map does not grow for ever.
    daemon.emitSignal("NotificationClosed", { uint(1), uint(2) });
    daemon.emitSignal("NotificationClosed", { uint(2), uint(1) });
    QTRY_COMPARE_WITH_TIMEOUT(notifier.tracked(), 0, 5000);
    daemon.emitSignal("ActionInvoked", { uint(2), QString("rebuild") });
    QTest::qWait(200); // nothing may come: the notification is gone
    QCOMPARE(rebuild.size(), 1);
    // A daemon that never says "closed": the map is capped.
    for (int i = 0; i < 150; ++i)
        Q_EMIT m_engine->eventRaised(failure(QStringLiteral("acme/r%1").arg(i)));
    QTRY_COMPARE_WITH_TIMEOUT(daemon.titles.size(), 152, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(notifier.tracked(), 100, 30000);
}

void TestNotifier::repeatedTriggerAlertsNotifyOnce()
{
    FakeDaemon daemon({ "actions" });
    QVERIFY(daemon.start());
    Notifier notifier(m_engine.get(), nullptr);
    for (int i = 0; i < 5; ++i)
        Q_EMIT m_engine->eventRaised(noBuild("nightly"));
    Q_EMIT m_engine->eventRaised(noBuild("weekly")); // another trigger is news
    QTRY_COMPARE_WITH_TIMEOUT(daemon.titles.size(), 2, 5000);
    QCOMPARE(daemon.titles.at(0), QStringLiteral("No rebuild after trigger: nightly"));
    QCOMPARE(daemon.titles.at(1), QStringLiteral("No rebuild after trigger: weekly"));
    // Each build failure is news, even for the same repository.
    Event again = failure("acme/api");
    Q_EMIT m_engine->eventRaised(again);
    again.build.id = 99;
    Q_EMIT m_engine->eventRaised(again);
    QTRY_COMPARE_WITH_TIMEOUT(daemon.titles.size(), 4, 5000);
}

void TestNotifier::noDaemonFallsBack()
{
    QVERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(
            "org.freedesktop.Notifications"));
    Notifier notifier(m_engine.get(), nullptr);
    QVERIFY(notifier.notify("t", "b")); // held until the bus says there is no daemon
    // The bus may first try to start an activatable daemon (dunst, which cannot start without a
    // display): D-Bus's own call timeout (25 s) bounds the wait.
    QTRY_VERIFY_WITH_TIMEOUT(notifier.probed(), 30000);
    QVERIFY(!notifier.usesDBus());
    QVERIFY(notifier.notify("t", "b"));
    QCOMPARE(notifier.shown(), 2);
}

void TestNotifier::textsAreSentences()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    Event f = failure("demo/worker");
    f.build.updated = now.addSecs(-180);
    const NotificationText t = notificationText(f, now);
    QCOMPARE(t.title, QStringLiteral("Build failed: demo/worker:latest"));
    QVERIFY2(t.body.startsWith("The build of demo/worker:latest failed at "), qPrintable(t.body));
    QVERIFY2(t.body.contains("(3 minutes ago)"), qPrintable(t.body));
    QVERIFY(t.body.contains("Cause: a trigger URL or the API."));
    QVERIFY(t.body.endsWith("https://hub.docker.com/r/demo/worker/builds"));
    QVERIFY(!t.body.contains("status") && !t.body.contains("-1") && !t.body.contains("TRIGGERED"));

    Event stuck = f;
    stuck.type = EventType::BuildStuck;
    stuck.build.created = now.addSecs(-3 * 3600);
    stuck.occurredAt = now;
    const NotificationText s = notificationText(stuck, now);
    QCOMPARE(s.title, QStringLiteral("Build stuck in the queue: demo/worker:latest"));
    QVERIFY2(s.body.contains("has waited in Docker Hub's queue since")
                     && s.body.contains("(3 hours)"),
             qPrintable(s.body));
    QCOMPARE(describeCause("SOME_NEW_CAUSE"), QStringLiteral("some new cause"));
}

// notifications.sound: the failure asks the server for its "dialog-warning" sound (a hint of the
// freedesktop notification spec); without it, and for other events, no sound is asked for.
void TestNotifier::soundHintOnFailures()
{
    FakeDaemon daemon({ "actions", "sound" });
    QVERIFY(daemon.start());
    Notifier notifier(m_engine.get(), nullptr);
    Q_EMIT m_engine->eventRaised(failure("acme/quiet"));
    QTRY_COMPARE_WITH_TIMEOUT(daemon.hints.size(), 1, 5000);
    QVERIFY(!daemon.hints.first().contains("sound-name"));
    NotificationConfig config;
    config.sound = true;
    notifier.setConfig(config);
    Q_EMIT m_engine->eventRaised(failure("acme/loud"));
    QTRY_COMPARE_WITH_TIMEOUT(daemon.hints.size(), 2, 5000);
    QCOMPARE(daemon.hints.last().value("sound-name").toString(), QStringLiteral("dialog-warning"));
    Event recovered = failure("acme/loud");
    recovered.id += "-recovered";
    recovered.type = EventType::BuildRecovered;
    recovered.build.state = BuildState::Success;
    Q_EMIT m_engine->eventRaised(recovered);
    QTRY_COMPARE_WITH_TIMEOUT(daemon.hints.size(), 3, 5000);
    QVERIFY(!daemon.hints.last().contains("sound-name"));
}

QTEST_MAIN(TestNotifier)
#include "tst_notifier.moc"
