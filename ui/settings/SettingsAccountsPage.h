#pragma once

#include "ui/settings/SettingsWidgets.h"

namespace hubhook {

// The accounts of every registered provider: name, provider, its account fields, API base URL
// (its placeholder is the provider's default) and the access token (in the keychain), all in
// the provider's words (its descriptor). Each account's editor: `nameEdit`, `providerCombo`
// (the providers' display names, their ids as data), a row per account field
// (`usernameEdit`), `tokenEdit` (a SecretLineEdit) with `tokenHint` (how to make a token for
// the provider), `baseUrlEdit` with `baseUrlHint`, and their `...Error` labels.
class SettingsAccountsPage : public SettingsListPage
{
    Q_OBJECT
public:
    explicit SettingsAccountsPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Accounts"); }
    void load(const Config &config) override;
    void apply(Config *config) const override;

protected:
    SettingsItemEditor *createEditor() override;
};

} // namespace hubhook
