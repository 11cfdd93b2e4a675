#pragma once

#include "ui/settings/SettingsWidgets.h"

class QComboBox;
class QFormLayout;

namespace hubhook {

class ProviderDescriptor;
class ProviderFieldRows;
class SecretLineEdit;

// The editor of one account (see SettingsAccountsPage).
class AccountEditor : public SettingsItemEditor
{
public:
    AccountEditor();
    void load(const AccountConfig &a);
    AccountConfig item() const;
    QString name() const override { return m_name->text().trimmed(); }
    void setName(const QString &name) override { m_name->setText(name); }
    QLabel *nameErrorLabel() const override { return m_nameError; }
    QList<SettingsIssue> issues(const Config &) const override;

private:
    QString provider() const; // its id
    const ProviderDescriptor *descriptor() const;
    void layOut();
    void showProvider();
    QString baseUrlProblem() const;

    QLineEdit *m_name;
    QComboBox *m_provider;
    QLineEdit *m_baseUrl;
    SecretLineEdit *m_token;
    QLabel *m_hint;
    QLabel *m_baseUrlHint;
    QLabel *m_nameError;
    QLabel *m_baseUrlError;
    QFormLayout *m_form;
    ProviderFieldRows *m_fields = nullptr;
    AccountConfig m_loaded;
};

// The accounts of every registered provider: name, provider, its account fields, API base URL
// (its placeholder is the provider's default) and the access token (in the keychain), all in
// the provider's words (its descriptor). Each account's editor: `nameEdit`, `providerCombo`
// (the providers' display names, their ids as data), a row per account field
// (`usernameEdit`), `tokenEdit` (a SecretLineEdit) with `tokenHint` (how to make a token for
// the provider), `baseUrlEdit` with `baseUrlHint`, and their `...Error` labels.
class SettingsAccountsPage : public SettingsItemsPage<AccountEditor, &Config::accounts>
{
    Q_OBJECT
public:
    explicit SettingsAccountsPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Accounts"); }

protected:
    SettingsItemEditor *createEditor() override;
};

} // namespace hubhook
