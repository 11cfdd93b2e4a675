#pragma once

#include "ui/settings/SettingsWidgets.h"

namespace hubhook {

// Docker Hub and GitHub accounts: name, provider, API base URL (its placeholder is the
// provider's default), username (Docker Hub only) and the access token (in the keychain;
// optional for GitHub). Each account's editor: `nameEdit`, `providerCombo` (Docker Hub,
// GitHub), `baseUrlEdit` with `baseUrlHint`, `usernameEdit`, `tokenEdit` (a SecretLineEdit)
// with `tokenHint` (how to make a token for the provider), and their `...Error` labels.
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
