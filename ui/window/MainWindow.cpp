#include "ui/window/MainWindow.h"

#include "core/ProviderInfo.h"
#include "engine/Engine.h"
#include "engine/RowRebuild.h"
#include "models/BuildTableModel.h"
#include "ui/window/ActivityViews.h"
#include "ui/window/StatusDecorations.h"

#include <algorithm>
#include <functional>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDesktopServices>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace hubhook {

MainWindow::MainWindow(Engine *engine, QWidget *parent)
    : QMainWindow(parent),
      m_engine(engine),
      m_model(new BuildTableModel(this)),
      m_proxy(BuildTableModel::createProxy(m_model, this)),
      m_view(new QTableView),
      m_filter(new QLineEdit),
      m_note(new QLabel)
{
    setWindowTitle(QStringLiteral("Hubhook"));
    setObjectName(QStringLiteral("mainWindow"));
    resize(980, 560);
    m_model->attach(engine);
    setUpTable();
    setUpToolBar();
    connect(engine, &Engine::configApplied, this, &MainWindow::updateActions);
    connect(engine, &Engine::sweepFinished, this, [this] {
        statusBar()->showMessage(m_engine->summary());
        updateActions();
    });
    setCentralWidget(makeTabs());
    statusBar()->showMessage(engine->summary());
    updateActions();
}

void MainWindow::setUpTable()
{
    auto *decorated = new StatusDecorations(this);
    decorated->setSourceModel(m_proxy);
    m_view->setModel(decorated);
    m_view->setObjectName(QStringLiteral("buildTable"));
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(BuildTableModel::StatusColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(BuildTableModel::RepositoryColumn, 260);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_filter->setPlaceholderText(tr("Filter by repository, tag, status…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_note->setWordWrap(true);
    m_note->setObjectName(QStringLiteral("note"));
    m_note->hide();
    connect(m_view, &QTableView::customContextMenuRequested, this, &MainWindow::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::updateActions);
}

void MainWindow::setUpToolBar()
{
    QToolBar *bar = addToolBar(tr("Actions"));
    bar->setObjectName(QStringLiteral("toolbar"));
    bar->setMovable(false);
    QAction *refresh = bar->addAction(tr("Refresh"), m_engine, &Engine::sweepNow);
    refresh->setShortcut(QKeySequence::Refresh);
    bar->addSeparator();
    m_rebuild = bar->addAction(tr("Rebuild"));
    m_rebuild->setObjectName(QStringLiteral("rebuildAction"));
    // Their words follow the selected row's provider (updateActions).
    m_open = bar->addAction(QString());
    m_open->setObjectName(QStringLiteral("openAction"));
    m_copy = bar->addAction(QString());
    m_copy->setObjectName(QStringLiteral("copyAction"));
    m_mute = bar->addAction(tr("Mute repository"));
    m_mute->setObjectName(QStringLiteral("muteAction"));
    bar->addSeparator();
    bar->addAction(tr("Settings…"), this, &MainWindow::settingsRequested);
    // Each acts on the selected row's build.
    const auto onBuild = [this](QAction *action, std::function<void(const Build &)> act) {
        connect(action, &QAction::triggered, this, [this, act] {
            Build b;
            if (currentBuild(&b))
                act(b);
        });
    };
    onBuild(m_rebuild, [this](const Build &b) {
        if (m_engine->rebuild(b.repository, b.tag))
            statusBar()->showMessage(tr("Rebuild of %1 requested").arg(b.label()), 10000);
    });
    onBuild(m_open, [](const Build &b) {
        if (!b.url.isEmpty())
            QDesktopServices::openUrl(QUrl(b.url));
    });
    onBuild(m_copy, [](const Build &b) {
        QApplication::clipboard()->setText(b.image ? b.digest : b.buildCode);
    });
    onBuild(m_mute, [this](const Build &b) { Q_EMIT muteRequested(b.repository); });
    connect(m_view, &QTableView::doubleClicked, m_open, &QAction::trigger);
}

QWidget *MainWindow::makeTabs()
{
    auto *builds = new QWidget;
    auto *layout = new QVBoxLayout(builds);
    layout->addWidget(m_note);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
    m_deliveries = new DeliveriesView(m_engine);
    m_triggers = new TriggersView(m_engine);
    auto *tabs = new QTabWidget;
    tabs->setObjectName(QStringLiteral("tabs"));
    tabs->addTab(builds, tr("Builds"));
    tabs->addTab(m_deliveries, tr("Deliveries"));
    tabs->addTab(m_triggers, tr("Triggers"));
    connect(tabs, &QTabWidget::currentChanged, this, [this](int i) {
        if (i == 1)
            m_deliveries->refresh();
        else if (i == 2)
            m_triggers->refresh();
    });
    return tabs;
}

void MainWindow::setNote(const QString &note)
{
    m_note->setText(note);
    m_note->setVisible(!note.isEmpty());
}

void MainWindow::showTab(int index)
{
    static_cast<QTabWidget *>(centralWidget())->setCurrentIndex(index);
}

bool MainWindow::currentBuild(Build *build) const
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid() || !m_view->selectionModel()->isSelected(index))
        return false;
    *build = index.data(BuildTableModel::BuildRole).value<Build>();
    return !build->repository.isEmpty();
}

QString MainWindow::rebuildToolTip(const Build &b, const QString &trigger) const
{
    if (trigger.isEmpty())
        return b.image ? tr("No trigger rebuilds %1: add one in Settings › Triggers whose "
                            "\"expect build\" names this image")
                                 .arg(b.repository)
                       : tr("No trigger rebuilds %1: add one in Settings › Triggers whose "
                            "\"expect build\" names this repository")
                                 .arg(b.repository);
    const Config &config = m_engine->config();
    const bool configured
            = std::any_of(config.triggers.cbegin(), config.triggers.cend(),
                          [&trigger](const TriggerConfig &t) { return t.name == trigger; });
    const auto own = configured ? std::nullopt : rowRebuild(config, b);
    if (!own)
        return tr("Fire trigger \"%1\"").arg(trigger);
    if (own->rerunOf != 0)
        return tr("Re-run the failed jobs of run %1")
                .arg(b.buildCode.isEmpty() ? QString::number(b.id) : b.buildCode);
    return tr("Run workflow %1 on branch %2")
            .arg(b.workflowName.isEmpty() ? b.workflow : b.workflowName, b.branch);
}

void MainWindow::updateActions()
{
    Build b;
    const bool selected = currentBuild(&b);
    // The row's provider's words ("Open on %1", "Copy %1"); the default provider's before a
    // row is selected.
    const ProviderInfo *p = providerInfo(selected ? b.provider : defaultProviderId());
    if (!p)
        p = providerInfo(defaultProviderId());
    const QString trigger = selected ? m_engine->rebuildTrigger(b.repository, b.tag) : QString();
    m_rebuild->setEnabled(!trigger.isEmpty());
    m_rebuild->setToolTip(selected ? rebuildToolTip(b, trigger)
                                   : tr("Select a build to rebuild it"));
    const bool image = selected && b.image;
    m_open->setText(tr("Open on %1").arg(p ? p->siteName() : QString()));
    m_open->setToolTip(image ? tr("Open the image's page")
                             : tr("Open the %1's page").arg(p ? p->buildName() : tr("build")));
    m_open->setEnabled(selected && !b.url.isEmpty());
    m_copy->setText(image ? tr("Copy digest")
                          : tr("Copy %1").arg(p ? p->buildNumberName() : tr("build code")));
    m_copy->setEnabled(selected && !(image ? b.digest : b.buildCode).isEmpty());
    m_mute->setText(image ? tr("Mute image") : tr("Mute repository"));
    m_mute->setEnabled(selected);
}

void MainWindow::showContextMenu(const QPoint &pos)
{
    if (!m_view->indexAt(pos).isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_rebuild);
    menu.addAction(m_open);
    menu.addAction(m_copy);
    menu.addAction(m_mute);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace hubhook
