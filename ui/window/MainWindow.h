#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace hubhook {

class BuildTableModel;
class DeliveriesView;
class Engine;
class TriggersView;
struct Build;

// The window: the build table (sortable, filterable) with its row actions, and the
// Deliveries and Triggers views. Everything comes from the engine.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Engine *engine, QWidget *parent = nullptr);

    BuildTableModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QAction *rebuildAction() const { return m_rebuild; }
    QAction *openAction() const { return m_open; } // "Open on <the row's provider's site>"
    QAction *copyAction() const { return m_copy; } // build code, run number or an image's digest
    QAction *muteAction() const { return m_mute; }
    QLineEdit *filter() const { return m_filter; }
    void setNote(const QString &note); // a line above the table, e.g. "no system tray"
    void showTab(int index);

Q_SIGNALS:
    void settingsRequested();
    void muteRequested(const QString &repository);

private:
    void setUpTable();
    void setUpToolBar();
    QWidget *makeTabs();
    void updateActions();
    QString rebuildToolTip(const Build &build, const QString &trigger) const;
    void showContextMenu(const QPoint &pos);
    bool currentBuild(Build *build) const;

    Engine *m_engine;
    BuildTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_note;
    DeliveriesView *m_deliveries;
    TriggersView *m_triggers;
    QAction *m_rebuild;
    QAction *m_open;
    QAction *m_copy;
    QAction *m_mute;
};

} // namespace hubhook
