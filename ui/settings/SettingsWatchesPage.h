#pragma once

#include "config/ProviderDescriptor.h"
#include "ui/settings/SettingsWidgets.h"

#include <optional>
#include <QSet>

class QTableWidget;

namespace hubhook {

// What to watch: the table `watchesTable`, one row per watch with an account combo
// (`accountCombo`), its kind (`kindCombo`: builds, or an image's freshness), its target
// (`targetEdit`: a scope or, with a '/', a repository of the account's provider; for an image,
// the image as the config writes it), then a column per key of the registered providers' watch
// fields and of an image watch's (config/ProviderDescriptor: a list typed comma-separated, a
// flag as a checkbox; named by fieldObjectName(): `workflowsEdit`, `forksCheck`), then the
// retry_failed trigger combo (`retryCombo`) and its maximum attempts. A row's cells are enabled
// where its account's provider (or an image watch) declares the field, and each column no row
// uses is hidden. What a row says is checked by its provider's own parser. `watchAddButton`,
// `watchRemoveButton`; problems in `watchesError`.
class SettingsWatchesPage : public SettingsPage
{
    Q_OBJECT
public:
    enum Kind { BuildsKind, ImageKind }; // the items of a row's `kindCombo`
    // The first columns; column() gives the others.
    enum FixedColumn { AccountColumn, KindColumn, TargetColumn };

    explicit SettingsWatchesPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Watches"); }
    void load(const Config &config) override;
    void apply(Config *config) const override;
    QList<SettingsIssue> issues(const Config &config) const override;
    // The accounts (names and providers) and trigger names the combos offer.
    void setReferences(const QMap<QString, AccountConfig> &accounts, const QStringList &triggers);
    QTableWidget *table() const { return m_table; }
    void addRow(const WatchConfig &watch);
    // The column of a watch field's key ("workflows", "max_age"), or of "retry_failed" (the
    // trigger) and "max_attempts"; -1 when no provider declares it.
    int column(const QString &key) const;

private:
    // The watch of `row` as its provider's parser reads it (`accounts` say which provider),
    // with the parser's errors.
    WatchConfig rowWatch(int row, const QMap<QString, AccountConfig> &accounts,
                         QStringList *errors = nullptr) const;
    QJsonObject rowObject(int row, const ProviderDescriptor &p) const;
    const ProviderDescriptor &rowProvider(int row,
                                          const QMap<QString, AccountConfig> &accounts) const;
    // The field a cell of `row` stands for (its provider's, or an image watch's); none when
    // the cell does not apply to the row.
    std::optional<ProviderField> rowField(int row, const ProviderField &column,
                                          const ProviderDescriptor &p) const;
    QString text(int row, int column) const;
    bool isImageRow(int row) const;
    // What is wrong with `row`, as (column title, message) pairs; `seen` has the rows before.
    QList<QPair<QString, QString>> rowIssues(int row, const Config &config,
                                             QSet<QString> *seen) const;
    void addBuildIssues(int row, const ProviderDescriptor &p, const QStringList &errors,
                        QList<QPair<QString, QString>> *out) const;
    void addImageIssues(int row, const WatchConfig &w, const ProviderDescriptor &p,
                        QList<QPair<QString, QString>> *out) const;
    void updateCells(); // enables the cells of each row's provider, shows the columns in use
    void updateRow(int row);
    void updateHeaders();
    void setUpTable(); // its columns
    void addCells(int row, const WatchConfig &w);
    void addWatch(); // a new row, for the first account
    void removeWatch(); // the selected row, or the last

    QTableWidget *m_table;
    QLabel *m_error;
    QList<ProviderField> m_columns; // every column's key and label, in order
    QMap<QString, AccountConfig> m_accounts;
    QStringList m_triggers;
};

} // namespace hubhook
