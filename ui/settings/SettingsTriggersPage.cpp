#include "ui/settings/SettingsTriggersPage.h"

#include "core/Schedule.h"

namespace hubhook {

QString schedulePreview(const QString &expression, const QDateTime &from, int count)
{
    if (expression.trimmed().isEmpty())
        return {};
    QString error;
    const auto schedule = Schedule::parse(expression.trimmed(), &error);
    if (!schedule)
        return QStringLiteral("error: ") + error;
    const QList<QDateTime> times = schedule->nextTimes(from, count);
    if (times.isEmpty())
        return QObject::tr("never fires again");
    bool seconds = false;
    for (const QDateTime &t : times)
        seconds = seconds || t.time().second() != 0;
    QStringList lines;
    for (const QDateTime &t : times)
        lines.append(t.toString(seconds ? QStringLiteral("ddd yyyy-MM-dd HH:mm:ss")
                                        : QStringLiteral("ddd yyyy-MM-dd HH:mm")));
    return lines.join(QLatin1Char('\n'));
}

SettingsTriggersPage::SettingsTriggersPage(QWidget *parent)
    : SettingsItemsPage(QStringLiteral("trigger"),
                        tr("Rebuild triggers: URLs Hubhook calls, or builds an account's "
                           "provider runs through its API, on a schedule, after a parent build "
                           "succeeds, or to retry a failed build."),
                        parent)
{
    setObjectName(QStringLiteral("triggersPage"));
}

void SettingsTriggersPage::setAccounts(const QMap<QString, AccountConfig> &accounts)
{
    m_accounts = accounts;
    for (int i = 0; i < count(); ++i)
        editor(i)->setAccounts(m_accounts);
}

SettingsItemEditor *SettingsTriggersPage::createEditor()
{
    auto *editor = new TriggerEditor;
    editor->setAccounts(m_accounts);
    return editor;
}

} // namespace hubhook
