#pragma once

#include "ui/settings/SettingsTriggerEditor.h"

namespace hubhook {

// Rebuild triggers. Each one's editor (TriggerEditor): `nameEdit`, `accountCombo` with
// `triggerKind` (what the trigger does), then for a URL trigger the URL (SecretUrlField:
// `urlEdit`, `urlSecretCheck`), `methodCombo`, `bodyEdit`, `headersEdit`; for a trigger whose
// account's provider runs triggers through its API, that provider's trigger fields instead
// (named by fieldObjectName(): `repositoryEdit`, `workflowEdit`, ...) and `apiTriggerHint`;
// then `scheduleEdit` with `scheduleError` and `schedulePreview` (the next
// five fire times, local time), `afterSuccessOfEdit`,
// `afterPushOfEdit` (an image watch's "image:tag"), the checkable `expectBuildGroup`
// (`expectRepositoryEdit` and `expectTagEdit` for URL triggers only, `expectWithinEdit`),
// `jitterEdit`, `timeoutEdit` and the `...Error` labels.
class SettingsTriggersPage : public SettingsItemsPage<TriggerEditor, &Config::triggers>
{
    Q_OBJECT
public:
    explicit SettingsTriggersPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Triggers"); }
    // The accounts the combos offer; an account whose provider runs triggers makes its
    // triggers run through that provider's API.
    void setAccounts(const QMap<QString, AccountConfig> &accounts);

protected:
    SettingsItemEditor *createEditor() override;

private:
    QMap<QString, AccountConfig> m_accounts;
};

// The next `count` fire times of `expression` after `from` in local time, one per line, or
// the parser's message (prefixed "error: ").
QString schedulePreview(const QString &expression, const QDateTime &from, int count = 5);

} // namespace hubhook
