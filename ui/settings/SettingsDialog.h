#pragma once

#include "config/Config.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace hubhook {

class SecretLineEdit;
class SecretStore;
class SettingsAccountsPage;
class SettingsPage;
class SettingsTriggersPage;
class SettingsWatchesPage;
struct SettingsIssue;

// The settings dialog: one page per part of the config (Accounts, Watches, Polling, Webhooks,
// Triggers, Notifications, General; the list `pageList` selects the page in `pageStack`).
// Invalid input is shown beside its field as it is typed and keeps `saveButton` disabled.
// Secrets (tokens, secret URLs, signing secrets) go to the keychain, never to the file: when
// the keychain cannot be reached `keychainBanner` says so, and saving a new secret fails.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // `store` is where secrets go (the app passes a KeychainSecretStore; tests may pass either).
    SettingsDialog(const Config &config, const QString &configPath, SecretStore *store,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;

    Config config() const; // what the pages currently say
    // Errors, each naming the page and field: "Webhooks › ops › URL: not an http(s) URL".
    QStringList validate() const;
    // Validates; writes new secrets to the store first (waiting for them), then the config
    // atomically (saveConfigFile), then the autostart entry. Nothing invalid is saved, and when
    // a secret cannot be stored the config file is not written. Errors also show in the dialog.
    bool save(QString *error);

    bool keychainProblem() const { return m_keychainProblem; }
    QString configPath() const { return m_configPath; }

public Q_SLOTS:
    void reject() override;

Q_SIGNALS:
    void configSaved(const hubhook::Config &config); // the engine applies it without a restart

private:
    void layOut();
    void addPages(SecretStore *store);
    void addPage(SettingsPage *page);
    void refresh();
    void probeKeychain();
    void showKeychainProblem(const QString &detail);
    QList<QPair<SettingsPage *, SettingsIssue>> issues(const Config &config) const;
    QStringList messages(const Config &config,
                         const QList<QPair<SettingsPage *, SettingsIssue>> &issues) const;
    QList<SecretLineEdit *> pendingSecrets() const;
    bool writeSecrets(const QList<SecretLineEdit *> &fields, QString *error);
    void setStatus(const QString &text, bool error);

    Config m_base; // what the pages don't edit is kept from here
    QString m_configPath;
    QPointer<SecretStore> m_store;
    QList<SettingsPage *> m_pages;
    SettingsAccountsPage *m_accounts = nullptr;
    SettingsWatchesPage *m_watches = nullptr;
    SettingsTriggersPage *m_triggers = nullptr;
    QListWidget *m_pageList;
    QStackedWidget *m_pageStack;
    QLabel *m_banner;
    QLabel *m_problems;
    QLabel *m_status;
    QPushButton *m_saveButton;
    bool m_keychainProblem = false;
    bool m_saving = false;
    bool m_refreshing = false;
};

} // namespace hubhook
