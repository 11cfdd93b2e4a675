#pragma once

#include "ui/SettingsWidgets.h"

class QTableWidget;

namespace hubhook {

// What to watch: the table `watchesTable`, one row per watch with an account combo, the
// namespace or repository, tags (comma-separated), the retry_failed trigger combo and its
// maximum attempts; `watchAddButton`, `watchRemoveButton`; problems in `watchesError`.
class SettingsWatchesPage : public SettingsPage
{
    Q_OBJECT
public:
    enum Column { AccountColumn, TargetColumn, TagsColumn, RetryColumn, AttemptsColumn };

    explicit SettingsWatchesPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Watches"); }
    void load(const Config &config) override;
    void apply(Config *config) const override;
    QList<SettingsIssue> issues(const Config &config) const override;
    // The names the combos offer.
    void setReferenceNames(const QStringList &accounts, const QStringList &triggers);
    QTableWidget *table() const { return m_table; }
    void addRow(const WatchConfig &watch);

private:
    WatchConfig rowWatch(int row) const;

    QTableWidget *m_table;
    QLabel *m_error;
    QStringList m_accounts;
    QStringList m_triggers;
};

} // namespace hubhook
