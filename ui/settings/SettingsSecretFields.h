#pragma once

// The fields of the settings dialog that hold secrets: they never show a stored value.

#include "ui/settings/SettingsWidgets.h"

#include <QLineEdit>

class QCheckBox;
class QLabel;

namespace hubhook {

// A password-style field for a secret kept in the keychain. It never shows a stored value:
// the placeholder says whether one is stored; what is typed is written to the keychain under
// effectiveReference() on save. With secret mode off (a webhook URL kept in the config file)
// it is a plain line edit.
class SecretLineEdit : public QLineEdit
{
    Q_OBJECT
public:
    enum class State { None, Checking, Stored, Missing, Unavailable };

    explicit SecretLineEdit(const QString &objectName, QWidget *parent = nullptr);
    void setReference(const QString &name); // the NAME of an existing "secret:NAME"
    QString reference() const { return m_reference; }
    void setDefaultReference(const QString &name); // the NAME for a new secret
    QString effectiveReference() const;
    void setSecretMode(bool on);
    bool secretMode() const { return m_secretMode; }
    bool hasNewValue() const { return m_secretMode && !text().isEmpty(); }
    void setState(State state);
    State state() const { return m_state; }
    void setPlainPlaceholder(const QString &text);
    // After the typed value was stored: it is now the existing secret.
    void markStored();

private:
    void updatePlaceholder();

    QString m_reference;
    QString m_defaultReference;
    QString m_plainPlaceholder;
    bool m_secretMode = true;
    State m_state = State::None;
};

// A URL that is a secret by default (trigger and chat webhook URLs carry their token): the
// SecretLineEdit `urlEdit`, the checkbox `urlSecretCheck` (keep it in the keychain) and the
// label `urlError`.
class SecretUrlField : public QWidget
{
    Q_OBJECT
public:
    explicit SecretUrlField(QWidget *parent = nullptr);
    void load(const QString &url, const QString &urlSecret); // both empty: a new, secret URL
    void apply(QString *url, QString *urlSecret) const;
    QString problem() const; // empty when fine
    SecretLineEdit *edit() const { return m_edit; }
    QLabel *errorLabel() const { return m_error; }

Q_SIGNALS:
    void changed();

private:
    SecretLineEdit *m_edit;
    QCheckBox *m_secret;
    QLabel *m_error;
};

} // namespace hubhook
