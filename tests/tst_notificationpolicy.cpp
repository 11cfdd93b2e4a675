#include "engine/Engine.h"
#include "engine/NotificationPolicy.h"

#include <QTest>

using namespace hubhook;

// What deserves a notification, decided without a desktop, a bus or an event loop: the same
// policy the tray's Notifier shows and --headless logs. Time is passed in.
//
// That a muted repository's events still reach the webhooks is not the policy's concern, and not
// tested here: Engine::raise queues every event's deliveries before it emits eventRaised, which
// is all a front end (and so this policy) ever hears of an event.
class TestNotificationPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventFilter();
    void muteGlobs();
    void disabledMutesEverything();
    void doNotDisturbUntilATime();
    void offlineOnceAndBackOnce();
    void repeatedTriggerAlertsOnceAnHour();
    void startedBuildsWithOnStart();
    void soundOnlyOnFailures();
};

namespace {

const QDateTime t0(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC);

Event buildEvent(EventType type, const QString &repository, qint64 buildId = 1)
{
    Event e;
    e.type = type;
    e.occurredAt = t0;
    e.build.repository = repository;
    e.build.tag = QStringLiteral("latest");
    e.build.id = buildId;
    e.build.state = type == EventType::BuildFailed ? BuildState::Failed : BuildState::Success;
    e.build.created = t0.addSecs(-600);
    e.build.updated = t0.addSecs(-120);
    e.build.url = QStringLiteral("https://hub.docker.com/r/%1/builds").arg(repository);
    e.id = eventId(QStringLiteral("dockerhub"), repository, buildId, type);
    return e;
}

Event triggerEvent(const QString &trigger, const QDateTime &at)
{
    Event e;
    e.type = EventType::TriggerNoBuild;
    e.occurredAt = at;
    e.trigger = trigger;
    e.build.repository = QStringLiteral("acme/base");
    e.build.tag = QStringLiteral("latest");
    e.detail = QStringLiteral("no new build or push within 2m");
    e.id = eventId(QStringLiteral("trigger"), trigger, at.toMSecsSinceEpoch(), e.type);
    return e;
}

} // namespace

// Only the config's `events` notify; the default leaves out build.cancelled and image.pushed.
void TestNotificationPolicy::eventFilter()
{
    NotificationPolicy policy;
    const std::optional<Notification> failed
            = policy.onEvent(buildEvent(EventType::BuildFailed, "acme/api"), t0);
    QVERIFY(failed);
    QCOMPARE(failed->title, QStringLiteral("Build failed: acme/api:latest"));
    QCOMPARE(failed->body,
             notificationText(buildEvent(EventType::BuildFailed, "acme/api"), t0).body);
    QVERIFY(failed->event);
    QCOMPARE(failed->event->build.repository, QStringLiteral("acme/api"));
    QVERIFY(!policy.onEvent(buildEvent(EventType::BuildCancelled, "acme/api", 2), t0));
    QVERIFY(!policy.onEvent(buildEvent(EventType::ImagePushed, "docker.io/acme/base", 3), t0));
    QVERIFY(policy.onEvent(buildEvent(EventType::ImageStale, "docker.io/acme/base", 4), t0));

    NotificationConfig config;
    config.events = { EventType::BuildCancelled };
    policy.setConfig(config);
    QVERIFY(policy.onEvent(buildEvent(EventType::BuildCancelled, "acme/api", 5), t0));
    QVERIFY(!policy.onEvent(buildEvent(EventType::BuildFailed, "acme/api", 6), t0));
}

// `muted_repositories` globs; a Docker Hub image is also muted as the config names it.
void TestNotificationPolicy::muteGlobs()
{
    NotificationConfig config;
    config.mutedRepositories = { "acme/w*", "acme/base", "ghcr.io/acme/*" };
    NotificationPolicy policy(config);
    QVERIFY(policy.isMuted("acme/web", t0));
    QVERIFY(policy.isMuted("acme/worker", t0));
    QVERIFY(!policy.isMuted("acme/api", t0));
    QVERIFY(policy.isMuted("docker.io/acme/base", t0));
    QVERIFY(policy.isMuted("ghcr.io/acme/tool", t0));
    QVERIFY(!policy.isMuted("docker.io/acme/other", t0));
    QVERIFY(!policy.isMuted("ghcr.io/other/base", t0));
    QVERIFY(!policy.isMuted(QString(), t0)); // the network's loss belongs to no repository

    QVERIFY(!policy.onEvent(buildEvent(EventType::BuildFailed, "acme/web"), t0));
    QVERIFY(!policy.onEvent(buildEvent(EventType::ImageStale, "docker.io/acme/base", 2), t0));
    QVERIFY(policy.onEvent(buildEvent(EventType::BuildFailed, "acme/api", 3), t0));
}

void TestNotificationPolicy::disabledMutesEverything()
{
    NotificationConfig config;
    config.enabled = false;
    NotificationPolicy policy(config);
    QVERIFY(policy.isMuted("acme/api", t0));
    QVERIFY(policy.isMuted(QString(), t0));
    QVERIFY(!policy.onEvent(buildEvent(EventType::BuildFailed, "acme/api"), t0));
    QVERIFY(!policy.onStatus(OverallStatus::Offline, QString(), t0));
}

// Do not disturb until a time: nothing before it, everything again from it on.
void TestNotificationPolicy::doNotDisturbUntilATime()
{
    NotificationPolicy policy;
    const QDateTime until = t0.addSecs(3600);
    policy.setMutedUntil(until);
    QCOMPARE(policy.mutedUntil(), until);
    QVERIFY(policy.isMuted("acme/api", t0));
    QVERIFY(policy.isMuted(QString(), t0));
    QVERIFY(!policy.onEvent(buildEvent(EventType::BuildFailed, "acme/api", 1), t0));
    QVERIFY(!policy.onEvent(buildEvent(EventType::BuildFailed, "acme/api", 2), until.addSecs(-1)));
    QVERIFY(!policy.onStatus(OverallStatus::Offline, QString(), t0.addSecs(60)));
    QVERIFY(!policy.isMuted("acme/api", until));
    QVERIFY(policy.onEvent(buildEvent(EventType::BuildFailed, "acme/api", 3), until));
    // The loss was muted; its return, after the do-not-disturb, is said.
    QVERIFY(policy.onStatus(OverallStatus::Ok, QStringLiteral("Hubhook: ok"), until));
    policy.setMutedUntil(QDateTime());
    QVERIFY(!policy.isMuted("acme/api", t0));
}

// The network's loss once, however many polls fail, and its return once.
void TestNotificationPolicy::offlineOnceAndBackOnce()
{
    NotificationPolicy policy;
    QVERIFY(!policy.onStatus(OverallStatus::Starting, QString(), t0));
    QVERIFY(!policy.onStatus(OverallStatus::Ok, QString(), t0));
    const std::optional<Notification> lost = policy.onStatus(OverallStatus::Offline, QString(), t0);
    QVERIFY(lost);
    QCOMPARE(lost->title, QStringLiteral("Build services unreachable"));
    QVERIFY(!lost->event);
    for (int i = 1; i <= 3; ++i)
        QVERIFY(!policy.onStatus(OverallStatus::Offline, QString(), t0.addSecs(60 * i)));
    QVERIFY(!policy.onStatus(OverallStatus::Starting, QString(), t0.addSecs(300)));
    const std::optional<Notification> back
            = policy.onStatus(OverallStatus::Failing, QStringLiteral("Hubhook: failing"), t0);
    QVERIFY(back);
    QCOMPARE(back->title, QStringLiteral("Build services reachable again"));
    QCOMPARE(back->body, QStringLiteral("Hubhook: failing"));
    QVERIFY(!policy.onStatus(OverallStatus::Ok, QString(), t0));
    QVERIFY(!policy.onStatus(OverallStatus::Failing, QString(), t0));
    QVERIFY(policy.onStatus(OverallStatus::Offline, QString(), t0)); // a new loss is news
}

// A trigger that keeps misfiring notifies once an hour, and the next one counts the repeats;
// another trigger, and each build failure, is news.
void TestNotificationPolicy::repeatedTriggerAlertsOnceAnHour()
{
    NotificationPolicy policy;
    const std::optional<Notification> first = policy.onEvent(triggerEvent("nightly", t0), t0);
    QVERIFY(first);
    QCOMPARE(first->title, QStringLiteral("No rebuild after trigger: nightly"));
    QVERIFY(!first->body.contains("in the last hour"));
    for (int i = 1; i <= 4; ++i) {
        const QDateTime at = t0.addSecs(600 * i);
        QVERIFY(!policy.onEvent(triggerEvent("nightly", at), at));
    }
    QVERIFY(policy.onEvent(triggerEvent("weekly", t0.addSecs(60)), t0.addSecs(60)));
    QVERIFY(policy.onEvent(buildEvent(EventType::BuildFailed, "acme/api", 1), t0));
    QVERIFY(policy.onEvent(buildEvent(EventType::BuildFailed, "acme/api", 2), t0));

    const QDateTime later = t0.addSecs(3600);
    const std::optional<Notification> again = policy.onEvent(triggerEvent("nightly", later), later);
    QVERIFY(again);
    QVERIFY2(again->body.endsWith("\n(4 more times in the last hour.)"), qPrintable(again->body));
    const QDateTime soon = later.addSecs(60);
    QVERIFY(!policy.onEvent(triggerEvent("nightly", soon), soon));
    const QDateTime next = later.addSecs(3600);
    const std::optional<Notification> once = policy.onEvent(triggerEvent("nightly", next), next);
    QVERIFY(once);
    QVERIFY2(once->body.endsWith("\n(1 more time in the last hour.)"), qPrintable(once->body));
}

// notifications.on_start: one notification per build that starts building; none when it is
// off, for a build seen building before, for a tag seen for the first time, or for an image.
void TestNotificationPolicy::startedBuildsWithOnStart()
{
    Build queued = buildEvent(EventType::BuildFailed, QStringLiteral("acme/api"), 7).build;
    queued.state = BuildState::Queued;
    Build building = queued;
    building.state = BuildState::Building;
    const BuildChange starts { queued, building };
    NotificationPolicy off;
    QVERIFY(!off.onBuildChange(starts, t0));
    NotificationConfig config;
    config.onStart = true;
    NotificationPolicy policy(config);
    const auto n = policy.onBuildChange(starts, t0);
    QVERIFY(n);
    QCOMPARE(n->title, QStringLiteral("Build started: acme/api:latest"));
    QVERIFY2(n->body.startsWith(QStringLiteral("acme/api:latest is building")),
             qPrintable(n->body));
    QVERIFY(!n->sound);
    QVERIFY(!policy.onBuildChange({ building, building }, t0)); // still the same run
    QVERIFY(!policy.onBuildChange({ Build(), building }, t0)); // first sight: history
    Build next = building;
    next.id = 8; // a new build of the tag, straight to building
    QVERIFY(policy.onBuildChange({ building, next }, t0));
    Build image = next;
    image.image = true;
    QVERIFY(!policy.onBuildChange({ building, image }, t0));
    config.mutedRepositories = { QStringLiteral("acme/*") };
    policy.setConfig(config);
    QVERIFY(!policy.onBuildChange(starts, t0));
}

// notifications.sound asks for the warning sound on failures, and only on failures.
void TestNotificationPolicy::soundOnlyOnFailures()
{
    NotificationPolicy quiet;
    QVERIFY(!quiet.onEvent(buildEvent(EventType::BuildFailed, QStringLiteral("acme/a")), t0)
                     ->sound);
    NotificationConfig config;
    config.sound = true;
    NotificationPolicy policy(config);
    QVERIFY(policy.onEvent(buildEvent(EventType::BuildFailed, QStringLiteral("acme/b")), t0)
                    ->sound);
    const auto recovered = policy.onEvent(
            buildEvent(EventType::BuildRecovered, QStringLiteral("acme/b"), 2), t0);
    QVERIFY(recovered && !recovered->sound);
}

QTEST_MAIN(TestNotificationPolicy)
#include "tst_notificationpolicy.moc"
