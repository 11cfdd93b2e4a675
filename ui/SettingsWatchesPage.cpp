#include "ui/SettingsWatchesPage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hubhook {

namespace {

void setNames(QComboBox *combo, const QStringList &names, bool allowNone)
{
    const QString current = combo->currentText();
    const QSignalBlocker blocker(combo);
    combo->clear();
    if (allowNone)
        combo->addItem(QString());
    combo->addItems(names);
    combo->setCurrentText(current);
}

} // namespace

SettingsWatchesPage::SettingsWatchesPage(QWidget *parent)
    : SettingsPage(parent),
      m_table(new QTableWidget(0, 5, this)),
      m_error(makeErrorLabel(QStringLiteral("watchesError"), this))
{
    setObjectName(QStringLiteral("watchesPage"));
    m_table->setObjectName(QStringLiteral("watchesTable"));
    m_table->setHorizontalHeaderLabels({ tr("Account"), tr("Namespace or repository"), tr("Tags"),
                                         tr("Retry failed with"), tr("Max attempts") });
    m_table->horizontalHeader()->setSectionResizeMode(TargetColumn, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *hint = new QLabel(tr("A namespace (acme) watches all its repositories; a repository "
                               "(acme/api) can be limited to some tags. A failed build can be "
                               "rebuilt automatically with one of your triggers."),
                            this);
    hint->setWordWrap(true);
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("watchAddButton"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("watchRemoveButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, [this] {
        WatchConfig w;
        w.account = m_accounts.value(0);
        addRow(w);
        m_table->selectRow(m_table->rowCount() - 1);
        Q_EMIT changed();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row
                = m_table->currentRow() >= 0 ? m_table->currentRow() : m_table->rowCount() - 1;
        if (row < 0)
            return;
        m_table->removeRow(row);
        Q_EMIT changed();
    });
}

void SettingsWatchesPage::addRow(const WatchConfig &w)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *account = new QComboBox;
    account->setEditable(true);
    setNames(account, m_accounts, false);
    account->setCurrentText(w.account);
    auto *target = new QLineEdit(w.isNamespace() ? w.ns : w.repository);
    target->setPlaceholderText(QStringLiteral("acme or acme/api"));
    auto *tags = new QLineEdit(joinList(w.tags));
    tags->setPlaceholderText(tr("every tag"));
    auto *retry = new QComboBox;
    retry->setEditable(true);
    setNames(retry, m_triggers, true);
    retry->setCurrentText(w.retryTrigger);
    auto *attempts = new QSpinBox;
    attempts->setRange(1, 10);
    attempts->setValue(w.retryMaxAttempts);
    m_table->setCellWidget(row, AccountColumn, account);
    m_table->setCellWidget(row, TargetColumn, target);
    m_table->setCellWidget(row, TagsColumn, tags);
    m_table->setCellWidget(row, RetryColumn, retry);
    m_table->setCellWidget(row, AttemptsColumn, attempts);
    connect(account, &QComboBox::currentTextChanged, this, &SettingsPage::changed);
    connect(target, &QLineEdit::textChanged, this, &SettingsPage::changed);
    connect(tags, &QLineEdit::textChanged, this, &SettingsPage::changed);
    connect(retry, &QComboBox::currentTextChanged, this, &SettingsPage::changed);
    connect(attempts, &QSpinBox::valueChanged, this, &SettingsPage::changed);
}

void SettingsWatchesPage::load(const Config &config)
{
    m_table->setRowCount(0);
    for (const WatchConfig &w : config.watch)
        addRow(w);
}

WatchConfig SettingsWatchesPage::rowWatch(int row) const
{
    WatchConfig w;
    w.account = static_cast<QComboBox *>(m_table->cellWidget(row, AccountColumn))
                        ->currentText()
                        .trimmed();
    const QString target
            = static_cast<QLineEdit *>(m_table->cellWidget(row, TargetColumn))->text().trimmed();
    if (target.contains(QLatin1Char('/')))
        w.repository = target;
    else
        w.ns = target;
    w.tags = splitList(static_cast<QLineEdit *>(m_table->cellWidget(row, TagsColumn))->text());
    w.retryTrigger = static_cast<QComboBox *>(m_table->cellWidget(row, RetryColumn))
                             ->currentText()
                             .trimmed();
    if (!w.retryTrigger.isEmpty())
        w.retryMaxAttempts
                = static_cast<QSpinBox *>(m_table->cellWidget(row, AttemptsColumn))->value();
    return w;
}

void SettingsWatchesPage::apply(Config *config) const
{
    config->watch.clear();
    for (int row = 0; row < m_table->rowCount(); ++row)
        config->watch.append(rowWatch(row));
}

QList<SettingsIssue> SettingsWatchesPage::issues(const Config &config) const
{
    QList<SettingsIssue> out;
    QSet<QString> seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const WatchConfig w = rowWatch(row);
        const QString item = QStringLiteral("#%1 %2").arg(row + 1).arg(w.label());
        auto add = [&](const QString &field, const QString &message) {
            out.append({ item.trimmed(), field, message, m_error, true });
        };
        if (w.account.isEmpty())
            add(tr("Account"), tr("required"));
        else if (!config.accounts.contains(w.account))
            add(tr("Account"), tr("no account named \"%1\"").arg(w.account));
        if (w.ns.isEmpty() && w.repository.isEmpty())
            add(tr("Namespace or repository"), tr("required"));
        else if (!w.ns.isEmpty() && !isNamespaceName(w.ns))
            add(tr("Namespace or repository"), tr("not a Docker Hub namespace"));
        else if (!w.repository.isEmpty() && !isRepositoryName(w.repository, false))
            add(tr("Namespace or repository"), tr("expected \"namespace/name\""));
        if (w.isNamespace() && !w.tags.isEmpty())
            add(tr("Tags"), tr("only apply to a repository"));
        if (!w.retryTrigger.isEmpty()) {
            bool found = false;
            for (const TriggerConfig &t : config.triggers)
                found = found || t.name == w.retryTrigger;
            if (!found)
                add(tr("Retry failed with"), tr("no trigger named \"%1\"").arg(w.retryTrigger));
        }
        const QString key = w.account + QLatin1Char('|') + w.label();
        if (seen.contains(key))
            add(tr("Namespace or repository"), tr("watched twice"));
        seen.insert(key);
    }
    return out;
}

void SettingsWatchesPage::setReferenceNames(const QStringList &accounts,
                                            const QStringList &triggers)
{
    m_accounts = accounts;
    m_triggers = triggers;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        setNames(static_cast<QComboBox *>(m_table->cellWidget(row, AccountColumn)), accounts,
                 false);
        setNames(static_cast<QComboBox *>(m_table->cellWidget(row, RetryColumn)), triggers, true);
    }
}

} // namespace hubhook
