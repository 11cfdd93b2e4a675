#include "ui/settings/SettingsPollingPage.h"

#include "config/ConfigWriter.h"
#include "support/TimeText.h"

#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

namespace hubhook {

SettingsPollingPage::SettingsPollingPage(QWidget *parent)
    : SettingsPage(parent), m_concurrency(new QSpinBox(this))
{
    setObjectName(QStringLiteral("pollingPage"));
    auto *form = new QFormLayout(this);
    auto *hint = new QLabel(tr("Durations: 90s, 5m, 1h30m, 2d."), this);
    form->addRow(hint);
    const Config defaults;
    auto addDuration = [&](qint64 Config::*member, const QString &name, const QString &title,
                           qint64 minimum, const QString &tip) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name + QStringLiteral("Edit"));
        edit->setPlaceholderText(configDuration(defaults.*member));
        edit->setToolTip(tip);
        QLabel *error = makeErrorLabel(name + QStringLiteral("Error"), this);
        form->addRow(title, withError(edit, error));
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::changed);
        m_durations.append({ member, title, minimum, edit, error });
    };
    addDuration(&Config::pollIntervalMs, QStringLiteral("pollInterval"), tr("Poll interval"), 1000,
                tr("Time between sweeps"));
    addDuration(&Config::queuedAlertAfterMs, QStringLiteral("queuedAlertAfter"),
                tr("Alert when queued for"), 1000,
                tr("A build queued longer than this raises build.stuck"));
    addDuration(&Config::requestTimeoutMs, QStringLiteral("requestTimeout"), tr("Request timeout"),
                100, tr("Transfer timeout of each request"));
    addDuration(&Config::historyRefreshMs, QStringLiteral("historyRefresh"), tr("History refresh"),
                1000,
                tr("Re-read a repository's build history at least this often, even when its "
                   "listing shows no change (a failed build does not move last_updated)"));
    m_concurrency->setObjectName(QStringLiteral("concurrencySpin"));
    m_concurrency->setRange(1, 32);
    m_concurrency->setToolTip(tr("Requests in flight at once per API host"));
    form->addRow(tr("Concurrent requests"), m_concurrency);
    connect(m_concurrency, &QSpinBox::valueChanged, this, &SettingsPage::changed);
}

void SettingsPollingPage::load(const Config &config)
{
    for (const Duration &d : std::as_const(m_durations))
        d.edit->setText(configDuration(config.*d.member));
    m_concurrency->setValue(config.concurrency);
}

void SettingsPollingPage::apply(Config *config) const
{
    for (const Duration &d : m_durations) {
        if (const auto ms = parseDuration(d.edit->text()))
            config->*d.member = *ms;
    }
    config->concurrency = m_concurrency->value();
}

QList<SettingsIssue> SettingsPollingPage::issues(const Config &) const
{
    QList<SettingsIssue> out;
    for (const Duration &d : m_durations) {
        const QString problem = durationProblem(d.edit->text(), d.minimum);
        if (!problem.isEmpty())
            out.append({ {}, d.title, problem, d.error });
    }
    return out;
}

} // namespace hubhook
