#pragma once

#include "ui/settings/SettingsWidgets.h"

#include <QHash>
#include <QMap>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QPlainTextEdit;

namespace hubhook {

class ProviderDescriptor;
class ProviderFieldRows;
class SecretUrlField;

// The editor of one trigger (see SettingsTriggersPage). Its kind follows its account: when the
// account's provider runs triggers through its API (runsTriggers()), the trigger has that
// provider's trigger fields (ProviderFieldRows) and the URL, method, body and headers are
// hidden; otherwise it calls a URL.
class TriggerEditor : public SettingsItemEditor
{
    Q_OBJECT
public:
    TriggerEditor();
    void load(const TriggerConfig &t);
    TriggerConfig item() const;
    // The accounts the combo offers (their providers say the trigger's kind).
    void setAccounts(const QMap<QString, AccountConfig> &accounts);
    QString name() const override { return m_name->text().trimmed(); }
    void setName(const QString &name) override { m_name->setText(name); }
    QLabel *nameErrorLabel() const override { return m_errors.value(QStringLiteral("name")); }
    QList<SettingsIssue> issues(const Config &config) const override;

private:
    void setUpFields();
    void layOut();
    void connectChanges();
    void showKind(); // the fields of the account's kind
    // The provider that runs this trigger through its API: its account's, when it runs
    // triggers; null for a URL trigger.
    const ProviderDescriptor *apiProvider(const QString &account) const;
    QLabel *error(const QString &field) const { return m_errors.value(field); }
    QWidget *field(QWidget *w, const QString &name);
    QByteArray body(QString *problem) const;
    QList<SettingsIssue> apiIssues(const ProviderDescriptor &p) const;
    QList<SettingsIssue> urlIssues() const;
    void addLinkIssues(const Config &config, QList<SettingsIssue> *out) const;

    QLineEdit *m_name;
    QComboBox *m_account;
    QLabel *m_kind;
    SecretUrlField *m_url;
    QComboBox *m_method;
    QPlainTextEdit *m_body;
    QPlainTextEdit *m_headers;
    ProviderFieldRows *m_apiFields = nullptr;
    QLabel *m_apiHint;
    QLineEdit *m_schedule;
    QLabel *m_preview;
    QLineEdit *m_afterSuccessOf;
    QLineEdit *m_afterPushOf; // an image watch's "image:tag", as the config writes the image
    QGroupBox *m_expect;
    QFormLayout *m_expectForm = nullptr;
    QFormLayout *m_form = nullptr;
    QLineEdit *m_expectRepository;
    QLineEdit *m_expectTag;
    QLineEdit *m_expectWithin;
    QLineEdit *m_jitter;
    QLineEdit *m_timeout;
    QHash<QString, QLabel *> m_errors; // by field: "name" -> nameError
    QHash<QString, QWidget *> m_rows; // by field: the widget its form row shows
    QMap<QString, AccountConfig> m_accounts;
    const ProviderDescriptor *m_api = nullptr; // apiProvider() of the account shown
    TriggerConfig m_loaded;
};

} // namespace hubhook
