#pragma once

#include "ui/SettingsWidgets.h"

namespace hubhook {

// Rebuild triggers. Each one's editor: `nameEdit`, the URL (SecretUrlField: `urlEdit`,
// `urlSecretCheck`), `methodCombo`, `bodyEdit`, `headersEdit`, `accountCombo`, `scheduleEdit`
// with `scheduleError` and `schedulePreview` (the next five fire times, local time),
// `afterSuccessOfEdit`, the checkable `expectBuildGroup` (`expectRepositoryEdit`,
// `expectTagEdit`, `expectWithinEdit`), `jitterEdit`, `timeoutEdit` and the `...Error` labels.
class SettingsTriggersPage : public SettingsListPage
{
    Q_OBJECT
public:
    explicit SettingsTriggersPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Triggers"); }
    void load(const Config &config) override;
    void apply(Config *config) const override;
    // The names the account combos offer.
    void setAccountNames(const QStringList &names);

protected:
    SettingsItemEditor *createEditor() override;

private:
    QStringList m_accounts;
};

// The next `count` fire times of `expression` after `from` in local time, one per line, or
// the parser's message (prefixed "error: ").
QString schedulePreview(const QString &expression, const QDateTime &from, int count = 5);

} // namespace hubhook
