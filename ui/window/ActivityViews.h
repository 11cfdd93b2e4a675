#pragma once

#include <QWidget>

class QTableWidget;
class QPushButton;
class QLabel;

namespace hubhook {

class Engine;

// The Deliveries tab: the webhook outbox (state, attempts, last result, next try) with
// Redeliver for the selected or all failed deliveries.
class DeliveriesView : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveriesView(Engine *engine, QWidget *parent = nullptr);
    void refresh();
    QTableWidget *table() const { return m_table; }

private:
    void redeliver(bool allFailed);
    Engine *m_engine;
    QTableWidget *m_table;
    QLabel *m_empty;
};

// The Triggers tab: each rebuild trigger's schedule, next fire and last result, with Fire now.
class TriggersView : public QWidget
{
    Q_OBJECT
public:
    explicit TriggersView(Engine *engine, QWidget *parent = nullptr);
    void refresh();
    QTableWidget *table() const { return m_table; }

private:
    Engine *m_engine;
    QTableWidget *m_table;
    QPushButton *m_fire;
};

} // namespace hubhook
