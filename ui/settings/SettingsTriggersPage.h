#pragma once

#include "ui/settings/SettingsWidgets.h"

#include <QSet>

namespace hubhook {

// Rebuild triggers. Each one's editor (TriggerEditor): `nameEdit`, `accountCombo` with
// `triggerKind` (what the trigger does), then for a URL trigger the URL (SecretUrlField:
// `urlEdit`, `urlSecretCheck`), `methodCombo`, `bodyEdit`, `headersEdit`; for a GitHub trigger
// (its account is a GitHub one) `repositoryEdit`, `workflowEdit`, `refEdit` and `inputsEdit`
// (a JSON object); then `scheduleEdit` with `scheduleError` and `schedulePreview` (the next
// five fire times, local time), `afterSuccessOfEdit`,
// `afterPushOfEdit` (an image watch's "image:tag"), the checkable `expectBuildGroup`
// (`expectRepositoryEdit` and `expectTagEdit` for URL triggers only, `expectWithinEdit`),
// `jitterEdit`, `timeoutEdit` and the `...Error` labels.
class SettingsTriggersPage : public SettingsListPage
{
    Q_OBJECT
public:
    explicit SettingsTriggersPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Triggers"); }
    void load(const Config &config) override;
    void apply(Config *config) const override;
    // The accounts the combos offer; a GitHub account makes its triggers GitHub ones.
    void setAccounts(const QMap<QString, AccountConfig> &accounts);

protected:
    SettingsItemEditor *createEditor() override;

private:
    QStringList m_accounts;
    QSet<QString> m_gitHubAccounts;
};

// The next `count` fire times of `expression` after `from` in local time, one per line, or
// the parser's message (prefixed "error: ").
QString schedulePreview(const QString &expression, const QDateTime &from, int count = 5);

} // namespace hubhook
