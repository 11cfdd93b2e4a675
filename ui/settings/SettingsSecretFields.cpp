#include "ui/settings/SettingsSecretFields.h"

#include <QCheckBox>
#include <QLabel>
#include <QVBoxLayout>

namespace hubhook {

SecretLineEdit::SecretLineEdit(const QString &objectName, QWidget *parent) : QLineEdit(parent)
{
    setObjectName(objectName);
    setEchoMode(QLineEdit::Password);
    setClearButtonEnabled(true);
    updatePlaceholder();
}

void SecretLineEdit::setReference(const QString &name)
{
    m_reference = name;
    m_state = name.isEmpty() ? State::None : m_state;
    updatePlaceholder();
}

void SecretLineEdit::setDefaultReference(const QString &name) { m_defaultReference = name; }

QString SecretLineEdit::effectiveReference() const
{
    return m_reference.isEmpty() ? m_defaultReference : m_reference;
}

void SecretLineEdit::setSecretMode(bool on)
{
    m_secretMode = on;
    setEchoMode(on ? QLineEdit::Password : QLineEdit::Normal);
    updatePlaceholder();
}

void SecretLineEdit::setState(State state)
{
    m_state = state;
    updatePlaceholder();
}

void SecretLineEdit::setPlainPlaceholder(const QString &text)
{
    m_plainPlaceholder = text;
    updatePlaceholder();
}

void SecretLineEdit::markStored()
{
    m_reference = effectiveReference();
    clear();
    setState(State::Stored);
}

void SecretLineEdit::updatePlaceholder()
{
    QString text = m_plainPlaceholder;
    if (m_secretMode && !m_reference.isEmpty()) {
        switch (m_state) {
        case State::Stored:
            text = tr("stored in the keychain");
            break;
        case State::Missing:
            text = tr("not in the keychain yet: type it to store it");
            break;
        case State::Unavailable:
            text = tr("the keychain cannot be read");
            break;
        case State::Checking:
        case State::None:
            text = tr("checking the keychain…");
            break;
        }
    } else if (m_secretMode) {
        text = tr("type it to store it in the keychain");
    }
    setPlaceholderText(text);
}

SecretUrlField::SecretUrlField(QWidget *parent)
    : QWidget(parent),
      m_edit(new SecretLineEdit(QStringLiteral("urlEdit"), this)),
      m_secret(new QCheckBox(tr("Keep the URL in the keychain (it carries a token)"), this)),
      m_error(makeErrorLabel(QStringLiteral("urlError"), this))
{
    m_secret->setObjectName(QStringLiteral("urlSecretCheck"));
    m_secret->setChecked(true);
    m_edit->setPlainPlaceholder(QStringLiteral("https://…"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_edit);
    layout->addWidget(m_secret);
    layout->addWidget(m_error);
    connect(m_edit, &QLineEdit::textChanged, this, &SecretUrlField::changed);
    connect(m_secret, &QCheckBox::toggled, this, [this](bool on) {
        m_edit->setSecretMode(on);
        Q_EMIT changed();
    });
}

void SecretUrlField::load(const QString &url, const QString &urlSecret)
{
    m_secret->setChecked(!urlSecret.isEmpty() || url.isEmpty()); // a new URL: in the keychain
    m_edit->setReference(urlSecret);
    m_edit->setText(urlSecret.isEmpty() ? url : QString());
}

void SecretUrlField::apply(QString *url, QString *urlSecret) const
{
    if (m_edit->secretMode()) {
        url->clear();
        *urlSecret = m_edit->hasNewValue() ? m_edit->effectiveReference() : m_edit->reference();
    } else {
        *url = m_edit->text().trimmed();
        urlSecret->clear();
    }
}

QString SecretUrlField::problem() const
{
    if (m_edit->secretMode() && !m_edit->hasNewValue() && !m_edit->reference().isEmpty())
        return {}; // stored in the keychain
    return httpUrlProblem(m_edit->text());
}

} // namespace hubhook
