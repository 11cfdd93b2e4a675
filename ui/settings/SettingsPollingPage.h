#pragma once

#include "ui/settings/SettingsWidgets.h"

class QSpinBox;

namespace hubhook {

// How the providers are polled: `pollIntervalEdit`, `queuedAlertAfterEdit`, `requestTimeoutEdit`,
// `historyRefreshEdit` (durations, each with its `...Error` label) and `concurrencySpin`.
class SettingsPollingPage : public SettingsPage
{
    Q_OBJECT
public:
    explicit SettingsPollingPage(QWidget *parent = nullptr);
    QString title() const override { return tr("Polling"); }
    void load(const Config &config) override;
    void apply(Config *config) const override;
    QList<SettingsIssue> issues(const Config &config) const override;

private:
    struct Duration
    {
        qint64 Config::*member;
        QString title;
        qint64 minimum;
        QLineEdit *edit;
        QLabel *error;
    };
    QList<Duration> m_durations;
    QSpinBox *m_concurrency;
};

} // namespace hubhook
