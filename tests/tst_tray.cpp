#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "ui/TrayIcon.h"

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

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
