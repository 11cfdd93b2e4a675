#pragma once

#include "ui/settings/SettingsWidgets.h"

#include <QSet>

class QTableWidget;

namespace hubhook {

// What to watch: the table `watchesTable`, one row per watch with an account combo, its kind
// (`kindCombo`: builds, or an image's freshness), the Docker Hub namespace / GitHub owner or the
// repository (for an image: "acme/base" on Docker Hub, "ghcr.io/acme/base" with a GitHub
// account), then per provider: tags (Docker Hub; an image's tags, globs allowed), an image's
// max age (`maxAgeEdit`, "26h"), or workflows, branches, events (comma-separated) and forks
// (GitHub; forks for owner watches only); the retry_failed trigger combo and its maximum
// attempts. The cells that do not apply to a row's kind and account are disabled, and the
// columns no row uses are hidden. `watchAddButton`, `watchRemoveButton`; problems in
// `watchesError`.
class SettingsWatchesPage : public SettingsPage
{
    Q_OBJECT
public:
    enum Kind { BuildsKind, ImageKind }; // the items of a row's `kindCombo`
    enum Column {
        AccountColumn,
        KindColumn,
        TargetColumn,
        TagsColumn,
        MaxAgeColumn,
        WorkflowsColumn,
        BranchesColumn,
        EventsColumn,
        ForksColumn,
        RetryColumn,
        AttemptsColumn,
        ColumnCount
    };

    explicit SettingsWatchesPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Watches"); }
    void load(const Config &config) override;
    void apply(Config *config) const override;
    QList<SettingsIssue> issues(const Config &config) const override;
    // The accounts (names and providers) and trigger names the combos offer.
    void setReferences(const QMap<QString, AccountConfig> &accounts, const QStringList &triggers);
    QTableWidget *table() const { return m_table; }
    void addRow(const WatchConfig &watch);

private:
    // The watch of `row`; `accounts` tells which fields apply (its account's provider).
    WatchConfig rowWatch(int row, const QMap<QString, AccountConfig> &accounts) const;
    QString text(int row, Column column) const;
    bool isImageRow(int row) const;
    void updateCells(); // enables the cells of each row's provider, shows the columns in use
    void setUpTable(); // its columns
    void addWatch(); // a new row, for the first account
    void removeWatch(); // the selected row, or the last

    QTableWidget *m_table;
    QLabel *m_error;
    QStringList m_accounts;
    QSet<QString> m_gitHubAccounts;
    QStringList m_triggers;
};

} // namespace hubhook
