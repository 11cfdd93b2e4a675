#include "ui/settings/SettingsDesktopPages.h"

#include "ui/settings/SettingsAutostart.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>

namespace hubhook {

SettingsNotificationsPage::SettingsNotificationsPage(QWidget *parent)
    : SettingsPage(parent),
      m_enabled(new QCheckBox(tr("Show desktop notifications"), this)),
      m_events(new EventChecks(QStringLiteral("notifyEvent_"), this)),
      m_muted(new QLineEdit(this)),
      m_onStart(new QCheckBox(tr("Also when a watched build starts"), this)),
      m_sound(new QCheckBox(tr("Ask for a warning sound on failures"), this))
{
    setObjectName(QStringLiteral("notificationsPage"));
    m_enabled->setObjectName(QStringLiteral("notificationsEnabledCheck"));
    m_muted->setObjectName(QStringLiteral("mutedRepositoriesEdit"));
    m_muted->setPlaceholderText(tr("none (patterns: acme/noisy, test/*)"));
    m_onStart->setObjectName(QStringLiteral("notifyOnStartCheck"));
    m_sound->setObjectName(QStringLiteral("notifySoundCheck"));
    m_sound->setToolTip(tr("The notification server plays its \"dialog-warning\" sound, if it "
                           "plays sounds"));
    auto *form = new QFormLayout(this);
    form->addRow(m_enabled);
    form->addRow(tr("Events"), m_events);
    form->addRow(tr("Muted repositories"), m_muted);
    form->addRow(m_onStart);
    form->addRow(m_sound);
    auto *hint = new QLabel(tr("Muted repositories show no notification; their events are still "
                               "sent to the webhooks."),
                            this);
    hint->setWordWrap(true);
    form->addRow(hint);
    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        m_events->setEnabled(on);
        Q_EMIT changed();
    });
    connect(m_events, &EventChecks::changed, this, &SettingsPage::changed);
    connect(m_muted, &QLineEdit::textChanged, this, &SettingsPage::changed);
    connect(m_onStart, &QCheckBox::toggled, this, &SettingsPage::changed);
    connect(m_sound, &QCheckBox::toggled, this, &SettingsPage::changed);
}

void SettingsNotificationsPage::load(const Config &config)
{
    m_enabled->setChecked(config.notifications.enabled);
    m_events->setEnabled(config.notifications.enabled);
    m_events->setEvents(config.notifications.events);
    m_muted->setText(joinList(config.notifications.mutedRepositories));
    m_onStart->setChecked(config.notifications.onStart);
    m_sound->setChecked(config.notifications.sound);
}

void SettingsNotificationsPage::apply(Config *config) const
{
    config->notifications.enabled = m_enabled->isChecked();
    config->notifications.events = m_events->events();
    config->notifications.mutedRepositories = splitList(m_muted->text());
    config->notifications.onStart = m_onStart->isChecked();
    config->notifications.sound = m_sound->isChecked();
}

SettingsGeneralPage::SettingsGeneralPage(QWidget *parent)
    : SettingsPage(parent),
      m_startAtLogin(new QCheckBox(tr("Start Hubhook when I log in"), this)),
      m_startHidden(new QCheckBox(tr("Start hidden (only the tray icon)"), this))
{
    setObjectName(QStringLiteral("generalPage"));
    m_startAtLogin->setObjectName(QStringLiteral("startAtLoginCheck"));
    m_startAtLogin->setToolTip(tr("Writes %1").arg(autostartPath()));
    m_startHidden->setObjectName(QStringLiteral("startHiddenCheck"));
    auto *form = new QFormLayout(this);
    form->addRow(m_startAtLogin);
    form->addRow(m_startHidden);
    connect(m_startAtLogin, &QCheckBox::toggled, this, &SettingsPage::changed);
    connect(m_startHidden, &QCheckBox::toggled, this, &SettingsPage::changed);
}

void SettingsGeneralPage::load(const Config &config)
{
    m_startAtLogin->setChecked(config.general.startAtLogin);
    m_startHidden->setChecked(config.general.startHidden);
}

void SettingsGeneralPage::apply(Config *config) const
{
    config->general.startAtLogin = m_startAtLogin->isChecked();
    config->general.startHidden = m_startHidden->isChecked();
}

} // namespace hubhook
