#pragma once

#include "ui/settings/SettingsWidgets.h"

class QCheckBox;
class QComboBox;
class QNetworkAccessManager;
class QPlainTextEdit;
class QPushButton;

namespace hubhook {

class EventChecks;
class SecretLineEdit;
class SecretStore;
class SecretUrlField;

// The editor of one webhook (see SettingsWebhooksPage).
class WebhookEditor : public SettingsItemEditor
{
    Q_OBJECT
public:
    explicit WebhookEditor(SecretStore *store);
    void load(const WebhookConfig &w);
    WebhookConfig item() const;
    QString name() const override { return m_name->text().trimmed(); }
    void setName(const QString &name) override { m_name->setText(name); }
    QLabel *nameErrorLabel() const override { return m_nameError; }
    QList<SettingsIssue> issues(const Config &config) const override;

private:
    void setUpFields();
    void layOut();
    void connectChanges();
    void selectProviders(const QStringList &ids);
    QString providersProblem(const Config &config) const;
    void sendTest();
    void post(const WebhookConfig &target, const QHash<QString, QString> &secrets);
    void showResult(const QString &text, bool ok);

    SecretStore *m_store;
    QLineEdit *m_name;
    SecretUrlField *m_url;
    QComboBox *m_format;
    QComboBox *m_providers;
    QLabel *m_providersError;
    EventChecks *m_events;
    QLineEdit *m_repositories;
    SecretLineEdit *m_sign;
    QPlainTextEdit *m_headers;
    QCheckBox *m_insecure;
    QLabel *m_insecureWarning;
    QLineEdit *m_timeout;
    QPushButton *m_sendTest;
    QLabel *m_sendTestResult;
    QLabel *m_nameError;
    QLabel *m_signError;
    QLabel *m_headersError;
    QLabel *m_timeoutError;
    WebhookConfig m_loaded;
    QNetworkAccessManager *m_nam = nullptr; // for Send test
};

} // namespace hubhook
