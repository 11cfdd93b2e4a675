#pragma once

#include "ui/settings/SettingsWidgets.h"

class QCheckBox;

namespace hubhook {

// Desktop notifications: `notificationsEnabledCheck`, `notifyEvent_<event>` boxes and
// `mutedRepositoriesEdit` (comma-separated glob patterns).
class SettingsNotificationsPage : public SettingsPage
{
    Q_OBJECT
public:
    explicit SettingsNotificationsPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Notifications"); }
    void load(const Config &config) override;
    void apply(Config *config) const override;
    QList<SettingsIssue> issues(const Config &) const override { return {}; }

private:
    QCheckBox *m_enabled;
    EventChecks *m_events;
    QLineEdit *m_muted;
    QCheckBox *m_onStart;
    QCheckBox *m_sound;
};

// `startAtLoginCheck` (an XDG autostart entry, written on save) and `startHiddenCheck`.
class SettingsGeneralPage : public SettingsPage
{
    Q_OBJECT
public:
    explicit SettingsGeneralPage(QWidget *parent = nullptr);
    QString title() const override { return tr("General"); }
    void load(const Config &config) override;
    void apply(Config *config) const override;
    QList<SettingsIssue> issues(const Config &) const override { return {}; }

private:
    QCheckBox *m_startAtLogin;
    QCheckBox *m_startHidden;
};

} // namespace hubhook
