#pragma once

#include "config/Config.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace hubhook {

class SecretStore;

// The first start without a config: three questions instead of an empty window. Which account
// of the default provider (optional: public repositories need none), what to watch, and where
// to send failures (optional); the other providers' accounts are in Settings. Secrets go to the
// keychain; the config is written atomically.
class FirstRunDialog : public QDialog
{
    Q_OBJECT
public:
    FirstRunDialog(const QString &configPath, SecretStore *store, QWidget *parent = nullptr);

    Config config() const; // what the fields say
    QString problem() const; // empty when the answers can be saved
    bool save(QString *error); // secrets first, then the config file

Q_SIGNALS:
    void configSaved(const hubhook::Config &config);
    void fullSettingsRequested();

private:
    void setUpFields();
    QFormLayout *makeForm();
    QDialogButtonBox *makeButtons();
    void update();

    QString m_configPath;
    SecretStore *m_store;
    QLineEdit *m_username;
    QLineEdit *m_token;
    QLineEdit *m_watch;
    QLineEdit *m_url;
    QComboBox *m_format;
    QLabel *m_problem;
    QPushButton *m_start;
};

} // namespace hubhook
