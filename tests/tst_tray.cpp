#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "ui/tray/TrayIcon.h"

#include <QAction>
#include <QMenu>
#include <QTest>

using namespace hubhook;

class TestTray : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyStateHasAnIcon();
    void unconfiguredTray();
    void staleImagesCountAndRead();
};

void TestTray::everyStateHasAnIcon()
{
    QSet<QString> paths;
    for (auto s : { OverallStatus::NotConfigured, OverallStatus::Starting, OverallStatus::Ok,
                    OverallStatus::Building, OverallStatus::Queued, OverallStatus::Failing,
                    OverallStatus::Offline, OverallStatus::RateLimited, OverallStatus::Paused }) {
        const QString path = trayIconPath(s);
        QVERIFY2(QFile::exists(path), qPrintable(path));
        const QIcon icon(path);
        QVERIFY(!icon.isNull());
        // Must render at tray sizes.
        QVERIFY(!icon.pixmap(16, 16).isNull());
        QVERIFY(!icon.pixmap(24, 24).isNull());
        paths.insert(path);
    }
    // Good, failing, building, queued, offline, paused and unconfigured look different.
    QCOMPARE(paths.size(), 7);
}

void TestTray::unconfiguredTray()
{
    MemorySecretStore secrets;
    Engine engine(&secrets);
    TrayIcon tray(&engine);
    tray.setProblem("not configured: no config at /x/config.json (see the README)");
    QVERIFY(tray.toolTip().contains("not configured"));
    QCOMPARE(tray.icon()->icon().cacheKey() != 0, true);
    QStringList actions;
    for (QAction *a : tray.menu()->actions())
        if (!a->isSeparator())
            actions << a->text();
    QVERIFY(actions.contains("Refresh now"));
    QVERIFY(actions.contains("Pause polling"));
    QVERIFY(actions.contains("Quit"));
    // Nothing to refresh without a config.
    for (QAction *a : tray.menu()->actions())
        if (a->text() == "Refresh now")
            QVERIFY(!a->isEnabled());
}

// A stale image counts on the icon beside the failing builds, sorts right after them and reads
// "image:tag — stale, pushed 1d ago".
void TestTray::staleImagesCountAndRead()
{
    Engine::BuildCounts counts;
    counts.failing = 1;
    counts.stale = 2;
    counts.total = 5;
    QCOMPARE(TrayIcon::badgeCount(counts), 3);
    counts.failing = 0;
    QCOMPARE(TrayIcon::badgeCount(counts), 2);

    const QDateTime now(QDate(2024, 5, 1), QTime(12, 0), Qt::UTC);
    Build image;
    image.image = true;
    image.repository = "docker.io/acme/base";
    image.tag = "latest";
    image.state = BuildState::Stale;
    image.updated = now.addSecs(-30 * 3600);
    QCOMPARE(TrayIcon::attentionText(image, now),
             QStringLiteral("docker.io/acme/base:latest — stale, pushed 1d ago"));
    Build failed;
    failed.repository = "acme/web";
    failed.tag = "latest";
    failed.state = BuildState::Failed;
    failed.updated = now;
    QCOMPARE(TrayIcon::attentionText(failed, now), QStringLiteral("acme/web:latest — failed"));
    QVERIFY(TrayIcon::attentionRank(BuildState::Failed)
            < TrayIcon::attentionRank(BuildState::Stale));
    QVERIFY(TrayIcon::attentionRank(BuildState::Stale)
            < TrayIcon::attentionRank(BuildState::NeedsAttention));
    QVERIFY(TrayIcon::attentionRank(BuildState::NeedsAttention)
            < TrayIcon::attentionRank(BuildState::Queued));
}

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
