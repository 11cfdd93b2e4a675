#include "ui/window/ActivityViews.h"

#include "core/Schedule.h"
#include "engine/Engine.h"
#include "state/Outbox.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hubhook {

namespace {

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->horizontalHeader()->setStretchLastSection(true);
    t->setSortingEnabled(true);
    return t;
}

QString local(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                       : QStringLiteral("-");
}

void setRow(QTableWidget *t, int row, const QStringList &cells, const QString &key)
{
    for (int c = 0; c < cells.size(); ++c) {
        auto *item = new QTableWidgetItem(cells[c]);
        item->setData(Qt::UserRole, key);
        t->setItem(row, c, item);
    }
}

} // namespace

DeliveriesView::DeliveriesView(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_table(makeTable({ tr("Event"), tr("Target"), tr("State"), tr("Attempts"), tr("Last result"),
                          tr("Next try"), tr("Id") },
                        this)),
      m_empty(new QLabel(tr("No webhook deliveries yet."), this))
{
    m_table->setObjectName(QStringLiteral("deliveriesTable"));
    auto *redeliver = new QPushButton(tr("Redeliver"), this);
    redeliver->setObjectName(QStringLiteral("redeliverButton"));
    auto *redeliverFailed = new QPushButton(tr("Redeliver all failed"), this);
    connect(redeliver, &QPushButton::clicked, this, [this] { this->redeliver(false); });
    connect(redeliverFailed, &QPushButton::clicked, this, [this] { this->redeliver(true); });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_empty);
    buttons->addStretch();
    buttons->addWidget(redeliver);
    buttons->addWidget(redeliverFailed);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    connect(engine, &Engine::deliveryFinished, this, &DeliveriesView::refresh);
    connect(engine, &Engine::eventRaised, this, &DeliveriesView::refresh);
    refresh();
}

void DeliveriesView::refresh()
{
    const QList<Delivery> all = m_engine->deliveries();
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(all.size()));
    for (int i = 0; i < all.size(); ++i) {
        const Delivery &d = all[i];
        const QString last = d.attempts == 0     ? QStringLiteral("-")
                : d.state == Delivery::Delivered ? QStringLiteral("HTTP %1").arg(d.lastStatus)
                                                 : d.lastError;
        setRow(m_table, i,
               { d.summary, d.target, d.stateName(), QString::number(d.attempts), last,
                 d.state == Delivery::Pending ? local(d.nextAttempt) : QStringLiteral("-"), d.id },
               d.key());
    }
    m_table->setSortingEnabled(true);
    m_empty->setVisible(all.isEmpty());
}

void DeliveriesView::redeliver(bool allFailed)
{
    QSet<QString> keys;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        keys.insert(i.data(Qt::UserRole).toString());
    QList<Delivery> chosen;
    for (const Delivery &d : m_engine->deliveries()) {
        if (allFailed ? d.state == Delivery::Failed : keys.contains(d.key()))
            chosen.append(d);
    }
    m_engine->redeliver(chosen);
    refresh();
}

TriggersView::TriggersView(Engine *engine, QWidget *parent)
    : QWidget(parent),
      m_engine(engine),
      m_table(makeTable(
              { tr("Trigger"), tr("When"), tr("Next fire"), tr("Last fire"), tr("Last result") },
              this)),
      m_fire(new QPushButton(tr("Fire now"), this))
{
    m_table->setObjectName(QStringLiteral("triggersTable"));
    m_fire->setObjectName(QStringLiteral("fireButton"));
    connect(m_fire, &QPushButton::clicked, this, [this] {
        for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
            m_engine->fireTrigger(i.data(Qt::UserRole).toString());
        refresh();
    });
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_fire);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addLayout(buttons);
    connect(engine, &Engine::configApplied, this, &TriggersView::refresh);
    connect(engine, &Engine::triggerFired, this, &TriggersView::refresh);
    refresh();
}

void TriggersView::refresh()
{
    const QList<TriggerConfig> triggers = m_engine->config().triggers;
    m_table->setSortingEnabled(false);
    m_table->setRowCount(int(triggers.size()));
    for (int i = 0; i < triggers.size(); ++i) {
        const TriggerConfig &t = triggers[i];
        const TriggerRun run = m_engine->triggerRun(t.name);
        const QString when = !t.schedule.isEmpty() ? t.schedule
                : !t.afterSuccessOf.isEmpty()      ? tr("after %1").arg(t.afterSuccessOf)
                : !t.afterPushOf.isEmpty()         ? tr("after a push of %1").arg(t.afterPushOf)
                                                   : tr("manual");
        const QString status = m_engine->isTriggerRunning(t.name) ? tr("running…")
                : run.lastRun.isValid()                           ? run.lastResult
                                                                  : tr("never fired");
        setRow(m_table, i, { t.name, when, local(run.nextRun), local(run.lastRun), status },
               t.name);
    }
    m_table->setSortingEnabled(true);
    m_fire->setEnabled(!triggers.isEmpty());
}

} // namespace hubhook
