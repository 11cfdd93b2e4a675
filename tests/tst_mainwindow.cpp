#include "models/BuildTableModel.h"
#include "simulator/github/SimulatedGitHub.h"
#include "tests/support/SimFixture.h"
#include "ui/settings/FirstRunDialog.h"
#include "ui/tray/Notifier.h"
#include "ui/tray/SingleInstance.h"
#include "ui/tray/TrayIcon.h"
#include "ui/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;
using namespace simfixture;

// The window, the tray menu and the notifier over a real engine and the simulated hub,
// under the offscreen platform.
class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void rebuildEnabledExactlyWhenATriggerExists();
    void filterAndSort();
    void gitHubRowsOpenOnGitHubAndRebuild();
    void trayMenuListsFailingBuildsAndCounts();
    void staleImageRowTrayAndActions();
    void networkLossIsReportedOnce();
    void muting();
    void imageEventsNotify();
    void firstRunWritesConfigAndSecrets();
    void firstRunRefusesBadAnswers();
    void secondInstanceBringsTheFirstForward();

private:
    int rowOf(const QString &repository, const QString &tagText = {}) const;
    void select(const QString &repository);
    std::unique_ptr<SimulatedHub> m_hub;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_hub = std::make_unique<SimulatedHub>();
    QVERIFY(m_hub->listen(0));
    m_hub->addRepository("acme", "api");
    m_hub->addRepository("acme", "web");
    m_hub->addRepository("acme", "db");
    SimBuild b;
    b.status = 10;
    m_hub->addBuild("acme/api", b);
    b.status = -1;
    m_hub->addBuild("acme/web", b);
    b.status = 0;
    m_hub->addBuild("acme/db", b);
    m_dir = std::make_unique<QTemporaryDir>();
    m_secrets = std::make_unique<MemorySecretStore>();
    m_engine = std::make_unique<Engine>(m_secrets.get());
    m_engine->setStateDir(m_dir->path());
    Config config = configFor(m_hub->baseUrl(), { namespaceWatch("acme") });
    TriggerConfig t;
    t.name = "api-rebuild";
    t.url = m_hub->baseUrl().toString() + "/u/acme/api/trigger/"
            + m_hub->addTriggerToken("acme/api") + "/";
    config.triggers = { t };
    m_engine->applyConfig(config);
    m_window = std::make_unique<MainWindow>(m_engine.get());
    sweep(*m_engine);
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_engine.reset();
    m_hub.reset();
}

int TestMainWindow::rowOf(const QString &repository, const QString &tagText) const
{
    QAbstractItemModel *m = m_window->view()->model();
    for (int r = 0; r < m->rowCount(); ++r)
        if (m->index(r, BuildTableModel::RepositoryColumn).data().toString() == repository
            && (tagText.isEmpty()
                || m->index(r, BuildTableModel::TagColumn).data().toString() == tagText))
            return r;
    return -1;
}

void TestMainWindow::select(const QString &repository)
{
    const int row = rowOf(repository);
    QVERIFY(row >= 0);
    m_window->view()->selectRow(row);
}

void TestMainWindow::rebuildEnabledExactlyWhenATriggerExists()
{
    QVERIFY(!m_window->rebuildAction()->isEnabled()); // nothing selected
    select("acme/api"); // its trigger URL is the repository's Docker Hub trigger
    QVERIFY(m_window->rebuildAction()->isEnabled());
    QVERIFY(m_window->rebuildAction()->toolTip().contains("api-rebuild"));
    select("acme/web");
    QVERIFY(!m_window->rebuildAction()->isEnabled());
    QVERIFY(m_window->rebuildAction()->toolTip().contains("No trigger rebuilds acme/web"));
    select("acme/api");
    m_window->rebuildAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(m_hub->triggerCount("acme/api"), 1, 5000);
}

void TestMainWindow::filterAndSort()
{
    QTableView *view = m_window->view();
    QCOMPARE(view->model()->rowCount(), 3);
    // Sorted by status: the failure first.
    QCOMPARE(view->model()->index(0, BuildTableModel::RepositoryColumn).data().toString(),
             QStringLiteral("acme/web"));
    m_window->filter()->setText("API");
    QCOMPARE(view->model()->rowCount(), 1);
    m_window->filter()->clear();
    QCOMPARE(view->model()->rowCount(), 3);
    // A sweep changes one row in place: no reset, and the sort follows.
    SimBuild ok;
    ok.status = 10;
    m_hub->addBuild("acme/web", ok);
    QSignalSpy reset(m_window->model(), &QAbstractItemModel::modelReset);
    sweep(*m_engine);
    QCOMPARE(reset.size(), 0);
    QVERIFY(view->model()->index(0, BuildTableModel::RepositoryColumn).data().toString()
            != "acme/web");
    const QVariant icon
            = view->model()->index(0, BuildTableModel::StatusColumn).data(Qt::DecorationRole);
    QVERIFY(icon.isValid());
}

// GitHub Actions rows beside the Docker Hub ones: "Open on GitHub" opens the run's page, and
// Rebuild re-runs the failed jobs of a failed run or dispatches the workflow.
void TestMainWindow::gitHubRowsOpenOnGitHubAndRebuild()
{
    SimulatedGitHub gh;
    QVERIFY(gh.listen(0) != 0);
    gh.loadDemo(); // acme-gh/api: CI success and Release failure on main
    gh.addToken("gh-write-token", { "acme-gh" }, true);
    m_secrets->values.insert("gh-token", "gh-write-token");
    Config config = m_engine->config();
    AccountConfig account;
    account.name = "gh";
    account.provider = "github";
    account.baseUrl = gh.baseUrl();
    account.tokenSecret = "gh-token";
    config.accounts.insert(account.name, account);
    WatchConfig watch;
    watch.account = "gh";
    watch.ns = "acme-gh";
    config.watch.append(watch);
    m_engine->applyConfig(config);
    // A sweep may be under way with the old config: sweep until the runs are read.
    QTRY_VERIFY_WITH_TIMEOUT(
            (sweep(*m_engine),
             rowOf("acme-gh/api", "Release · main") >= 0 && rowOf("acme-gh/api", "CI · main") >= 0),
            15000);

    QAction *open = m_window->openAction();
    QAction *rebuild = m_window->rebuildAction();
    select("acme-gh/api"); // any row of it: CI or Release
    const int release = rowOf("acme-gh/api", "Release · main");
    m_window->view()->selectRow(release);
    const Build run = m_window->view()
                              ->model()
                              ->index(release, 0)
                              .data(BuildTableModel::BuildRole)
                              .value<Build>();
    QCOMPARE(run.provider, QStringLiteral("github"));
    QVERIFY(run.url.startsWith("http"));
    QCOMPARE(open->text(), QStringLiteral("Open on GitHub"));
    QVERIFY(open->isEnabled());
    QCOMPARE(m_window->view()->model()->index(release, BuildTableModel::ProviderColumn).data(),
             QVariant("GitHub Actions"));
    QVERIFY(rebuild->isEnabled());
    QCOMPARE(rebuild->toolTip(), "Re-run the failed jobs of run " + run.buildCode);
    QVERIFY(run.buildCode.startsWith('#'));

    m_window->view()->selectRow(rowOf("acme-gh/api", "CI · main"));
    QCOMPARE(open->text(), QStringLiteral("Open on GitHub"));
    QVERIFY(rebuild->isEnabled());
    QCOMPARE(rebuild->toolTip(), QStringLiteral("Run workflow CI on branch main"));

    // The tray menu names the run by its workflow and branch, not its row key.
    {
        TrayIcon tray(m_engine.get());
        QStringList texts;
        for (QAction *a : tray.menu()->actions())
            texts << a->text();
        QVERIFY2(texts.contains("acme-gh/api Release (main) — failed"),
                 qPrintable(texts.join('|')));
        QVERIFY(texts.contains("acme/web:latest — failed"));
    }

    // A Docker Hub row again: the words follow the selection.
    select("acme/api");
    QCOMPARE(open->text(), QStringLiteral("Open on Docker Hub"));
    QVERIFY(rebuild->toolTip().contains("api-rebuild"));
    m_window->view()->clearSelection();
    QVERIFY(!open->isEnabled());
    QVERIFY(!rebuild->isEnabled());

    // Rebuild of the failed run re-runs its failed jobs.
    m_window->view()->selectRow(rowOf("acme-gh/api", "Release · main"));
    QSignalSpy rerun(&gh, &SimulatedGitHub::rerunRequested);
    rebuild->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(rerun.size(), 1, 5000);
    QCOMPARE(rerun.first().at(1).toLongLong(), run.id);
    QCOMPARE(rerun.first().at(2).toBool(), true); // failed jobs only
}

void TestMainWindow::trayMenuListsFailingBuildsAndCounts()
{
    TrayIcon tray(m_engine.get());
    QStringList texts;
    for (QAction *a : tray.menu()->actions())
        texts << a->text();
    QVERIFY2(texts.join('|').contains("acme/web:latest — failed"), qPrintable(texts.join('|')));
    QVERIFY(texts.join('|').contains("acme/db:latest — queued"));
    for (const char *entry : { "Refresh now", "Pause polling", "Mute notifications for 1 hour",
                               "Open Hubhook", "Settings…", "Quit" })
        QVERIFY2(texts.contains(entry), entry);
    QVERIFY(tray.toolTip().contains("1 of 3 builds failing"));
    QVERIFY(tray.toolTip().contains("checked"));
    // The count badge makes the failing icon differ from the plain one.
    const QImage plain = QIcon(trayIconPath(OverallStatus::Failing)).pixmap(24, 24).toImage();
    const QImage badge = TrayIcon::statusIcon(OverallStatus::Failing, 1).pixmap(24, 24).toImage();
    QVERIFY(plain != badge);
}

// An image watch whose tag is older than its max_age: a "stale" row, its own count on the tray
// icon and a line in the tray menu after the failing builds; Copy copies the digest.
void TestMainWindow::staleImageRowTrayAndActions()
{
    m_hub->addRepository("acme", "base");
    m_hub->setTag("acme/base", "latest", QDateTime::currentDateTimeUtc().addSecs(-30 * 3600));
    Config config = m_engine->config();
    WatchConfig watch;
    watch.account = "hub";
    watch.image = "docker.io/acme/base";
    watch.tags = QStringList { "latest" };
    watch.maxAgeMs = qint64(26) * 3600 * 1000;
    config.watch.append(watch);
    m_engine->applyConfig(config);
    QTRY_VERIFY_WITH_TIMEOUT((sweep(*m_engine), rowOf("docker.io/acme/base", "latest") >= 0),
                             15000);
    QAbstractItemModel *model = m_window->view()->model();
    const int row = rowOf("docker.io/acme/base", "latest");
    QCOMPARE(model->index(row, BuildTableModel::StatusColumn).data(), QVariant("stale"));
    QCOMPARE(model->index(row, BuildTableModel::ProviderColumn).data(), QVariant("Docker Hub"));
    QCOMPARE(model->index(row, BuildTableModel::UpdatedColumn).data(), QVariant("pushed 1d ago"));
    const Build image = model->index(row, 0).data(BuildTableModel::BuildRole).value<Build>();
    QVERIFY(image.image && image.digest.startsWith("sha256:"));
    QVERIFY2(model->index(row, BuildTableModel::CauseColumn)
                     .data()
                     .toString()
                     .startsWith("digest " + image.buildCode + " · max age 1d2h"),
             qPrintable(model->index(row, BuildTableModel::CauseColumn).data().toString()));

    m_window->view()->selectRow(row);
    QCOMPARE(m_window->openAction()->text(), QStringLiteral("Open on Docker Hub"));
    QCOMPARE(m_window->openAction()->isEnabled(), !image.url.isEmpty());
    QCOMPARE(m_window->copyAction()->text(), QStringLiteral("Copy digest"));
    QCOMPARE(m_window->muteAction()->text(), QStringLiteral("Mute image"));
    QVERIFY(!m_window->rebuildAction()->isEnabled()); // no trigger expects the image
    QVERIFY(m_window->rebuildAction()->toolTip().contains("names this image"));
    m_window->copyAction()->trigger();
    QCOMPARE(QApplication::clipboard()->text(), image.digest);
    select("acme/api");
    QCOMPARE(m_window->copyAction()->text(), QStringLiteral("Copy build code"));

    TrayIcon tray(m_engine.get());
    QStringList texts;
    for (QAction *a : tray.menu()->actions())
        texts << a->text();
    const qsizetype failed = texts.indexOf("acme/web:latest — failed");
    const qsizetype stale = texts.indexOf("docker.io/acme/base:latest — stale, pushed 1d ago");
    QVERIFY2(failed >= 0 && stale == failed + 1, qPrintable(texts.join('|')));
    QCOMPARE(m_engine->buildCounts().stale, 1);
    QCOMPARE(tray.badge(), 2); // acme/web failed, the image is stale
    QVERIFY2(tray.toolTip().contains("stale"), qPrintable(tray.toolTip()));
}

void TestMainWindow::networkLossIsReportedOnce()
{
    Notifier notifier(m_engine.get(), nullptr);
    const int before = notifier.shown();
    for (int i = 0; i < 3; ++i)
        Q_EMIT m_engine->statusChanged(OverallStatus::Offline);
    QCOMPARE(notifier.shown(), before + 1);
    Q_EMIT m_engine->statusChanged(OverallStatus::Ok);
    Q_EMIT m_engine->statusChanged(OverallStatus::Failing);
    QCOMPARE(notifier.shown(), before + 2);
}

void TestMainWindow::muting()
{
    Notifier notifier(m_engine.get(), nullptr);
    NotificationConfig config;
    config.mutedRepositories = { "acme/w*" };
    notifier.setConfig(config);
    QVERIFY(notifier.isMuted("acme/web"));
    QVERIFY(!notifier.isMuted("acme/api"));
    // An image by its canonical name, as the config names it, or by the registry's name.
    config.mutedRepositories = { "acme/w*", "acme/base", "ghcr.io/acme/*" };
    notifier.setConfig(config);
    QVERIFY(notifier.isMuted("docker.io/acme/base"));
    QVERIFY(notifier.isMuted("ghcr.io/acme/tool"));
    QVERIFY(!notifier.isMuted("docker.io/acme/other"));
    QVERIFY(!notifier.isMuted("ghcr.io/other/base"));
    QVERIFY(notifier.notify("t", "b"));
    notifier.muteFor(3600 * 1000);
    QVERIFY(notifier.isMuted("acme/api"));
    QVERIFY(!notifier.notify("t", "b"));
    notifier.muteFor(0);
    config.enabled = false;
    notifier.setConfig(config);
    QVERIFY(notifier.isMuted("acme/api"));
}

// image.stale and image.fresh notify by default; image.pushed only when the config lists it;
// a muted image stays quiet.
void TestMainWindow::imageEventsNotify()
{
    Notifier notifier(m_engine.get(), nullptr);
    notifier.setConfig(NotificationConfig());
    auto raise = [this](EventType type, const QString &image, qint64 id) {
        Event e;
        e.type = type;
        e.build.image = true;
        e.build.repository = image;
        e.build.tag = "latest";
        e.build.state = type == EventType::ImageStale ? BuildState::Stale : BuildState::Success;
        e.build.id = id;
        e.build.digest = "sha256:" + QString(64, 'a');
        e.build.buildCode = QString(12, 'a');
        e.build.updated = QDateTime::currentDateTimeUtc().addSecs(-30 * 3600);
        e.build.maxAgeMs = qint64(26) * 3600 * 1000;
        e.occurredAt = QDateTime::currentDateTimeUtc();
        e.id = eventId("dockerhub", image, id, type);
        Q_EMIT m_engine->eventRaised(e);
    };
    int shown = notifier.shown();
    raise(EventType::ImageStale, "docker.io/acme/base", 1);
    QCOMPARE(notifier.shown(), ++shown);
    raise(EventType::ImageFresh, "docker.io/acme/base", 2);
    QCOMPARE(notifier.shown(), ++shown);
    raise(EventType::ImagePushed, "docker.io/acme/base", 3);
    QCOMPARE(notifier.shown(), shown); // not in the default events
    NotificationConfig config;
    config.events.append(EventType::ImagePushed);
    notifier.setConfig(config);
    raise(EventType::ImagePushed, "docker.io/acme/base", 4);
    QCOMPARE(notifier.shown(), ++shown);
    config.mutedRepositories = { "acme/base" };
    notifier.setConfig(config);
    raise(EventType::ImageStale, "docker.io/acme/base", 5);
    QCOMPARE(notifier.shown(), shown);
}

void TestMainWindow::firstRunWritesConfigAndSecrets()
{
    const QString path = m_dir->filePath("first/config.json");
    MemorySecretStore store;
    FirstRunDialog dialog(path, &store);
    QSignalSpy saved(&dialog, &FirstRunDialog::configSaved);
    dialog.findChild<QLineEdit *>("firstRunUsername")->setText("alice");
    dialog.findChild<QLineEdit *>("firstRunToken")->setText("dckr_pat_first-run-canary");
    dialog.findChild<QLineEdit *>("firstRunWatch")->setText("acme");
    dialog.findChild<QLineEdit *>("firstRunUrl")
            ->setText("https://hooks.slack.com/services/T0/B0/first-run-canary");
    QVERIFY(dialog.findChild<QPushButton *>("firstRunStart")->isEnabled());
    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));
    QCOMPARE(saved.size(), 1);
    const ConfigResult r = loadConfigFile(path);
    QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
    QCOMPARE(r.config.watch.first().ns, QStringLiteral("acme"));
    QCOMPARE(r.config.accounts.value("hub").username, QStringLiteral("alice"));
    QCOMPARE(r.config.webhooks.first().format, WebhookFormat::Slack);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(!bytes.contains("first-run-canary"));
    QCOMPARE(store.values.value(r.config.accounts.value("hub").tokenSecret),
             QStringLiteral("dckr_pat_first-run-canary"));
    QVERIFY(store.values.value(r.config.webhooks.first().urlSecret).contains("hooks.slack.com"));
}

void TestMainWindow::firstRunRefusesBadAnswers()
{
    const QString path = m_dir->filePath("bad/config.json");
    MemorySecretStore store;
    FirstRunDialog dialog(path, &store);
    auto *start = dialog.findChild<QPushButton *>("firstRunStart");
    QVERIFY(!start->isEnabled()); // nothing to watch yet
    dialog.findChild<QLineEdit *>("firstRunWatch")->setText("Not A Namespace");
    QVERIFY(!start->isEnabled());
    QVERIFY2(dialog.findChild<QLabel *>("firstRunProblem")->text().contains("Watch"),
             qPrintable(dialog.findChild<QLabel *>("firstRunProblem")->text()));
    dialog.findChild<QLineEdit *>("firstRunWatch")->setText("acme/api");
    dialog.findChild<QLineEdit *>("firstRunToken")->setText("dckr_pat_no-user");
    QVERIFY(!start->isEnabled()); // a token needs its user
    dialog.findChild<QLineEdit *>("firstRunToken")->clear();
    dialog.findChild<QLineEdit *>("firstRunUrl")->setText("ftp://example.com/hook");
    QVERIFY(!start->isEnabled());
    QString error;
    QVERIFY(!dialog.save(&error));
    QVERIFY(error.contains("not an http(s) URL"));
    QVERIFY(!QFile::exists(path));
    QVERIFY(store.values.isEmpty());
}

void TestMainWindow::secondInstanceBringsTheFirstForward()
{
    const QString config = m_dir->filePath("instance.json");
    SingleInstance first(config);
    QVERIFY(first.claim());
    QSignalSpy activated(&first, &SingleInstance::activated);
    SingleInstance second(config);
    QVERIFY(!second.claim());
    QVERIFY(activated.wait(5000));
    SingleInstance other(m_dir->filePath("another.json")); // another config: its own instance
    QVERIFY(other.claim());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
