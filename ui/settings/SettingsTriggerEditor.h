#pragma once

#include "ui/settings/SettingsWidgets.h"

#include <QHash>
#include <QSet>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QPlainTextEdit;

namespace hubhook {

class GitHubTriggerFields;
class SecretUrlField;

// An image as the config holds it, naming its registry: "acme/base" -> "docker.io/acme/base";
// "ghcr.io/..." and "docker.io/..." unchanged (so is "acme/base:latest" -> with its tag).
QString canonicalImageRef(const QString &image);

// The editor of one trigger (see SettingsTriggersPage). Its kind follows its account: with a
// GitHub account it dispatches a workflow (GitHubTriggerFields) and the URL, method, body and
// headers are hidden; otherwise it calls a URL.
class TriggerEditor : public SettingsItemEditor
{
    Q_OBJECT
public:
    TriggerEditor();
    void load(const TriggerConfig &t);
    TriggerConfig trigger() const;
    // The account names the combo offers, and which of them are GitHub accounts.
    void setAccounts(const QStringList &names, const QSet<QString> &gitHub);
    bool isGitHub() const { return m_github; }
    QString name() const override { return m_name->text().trimmed(); }
    void setName(const QString &name) override { m_name->setText(name); }
    QLabel *nameErrorLabel() const override { return m_errors.value(QStringLiteral("name")); }
    QList<SettingsIssue> issues(const Config &config) const override;

private:
    void setUpFields();
    void layOut();
    void connectChanges();
    void showKind(); // the fields of the account's kind
    QLabel *error(const QString &field) const { return m_errors.value(field); }
    QWidget *field(QWidget *w, const QString &name);
    QByteArray body(QString *problem) const;

    QLineEdit *m_name;
    QComboBox *m_account;
    QLabel *m_kind;
    SecretUrlField *m_url;
    QComboBox *m_method;
    QPlainTextEdit *m_body;
    QPlainTextEdit *m_headers;
    GitHubTriggerFields *m_gitHubFields;
    QLineEdit *m_schedule;
    QLabel *m_preview;
    QLineEdit *m_afterSuccessOf;
    QLineEdit *m_afterPushOf; // "acme/base:latest" or "ghcr.io/acme/base:latest"
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
    QSet<QString> m_gitHubAccounts;
    bool m_github = false;
    TriggerConfig m_loaded;
};

} // namespace hubhook
