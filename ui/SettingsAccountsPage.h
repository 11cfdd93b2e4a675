#pragma once

#include "ui/SettingsWidgets.h"

namespace hubhook {

// Docker Hub accounts: name, API base URL, username and the access token (in the keychain).
// Each account's editor: `nameEdit`, `baseUrlEdit`, `usernameEdit`, `tokenEdit` (a
// SecretLineEdit) and their `...Error` labels.
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
