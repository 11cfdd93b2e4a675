#include "ui/settings/SettingsWidgets.h"

#include "support/TimeText.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace hubhook {

SettingsListPage::SettingsListPage(const QString &prefix, const QString &hint, QWidget *parent)
    : SettingsPage(parent), m_list(new QListWidget(this)), m_stack(new QStackedWidget(this))
{
    m_list->setObjectName(prefix + QStringLiteral("List"));
    m_stack->setObjectName(prefix + QStringLiteral("Stack"));
    m_list->setMaximumWidth(180);
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(prefix + QStringLiteral("AddButton"));
    m_remove = new QPushButton(tr("Remove"), this);
    m_remove->setObjectName(prefix + QStringLiteral("RemoveButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_remove);
    auto *left = new QVBoxLayout;
    left->addWidget(m_list);
    left->addLayout(buttons);
    auto *row = new QHBoxLayout;
    row->addLayout(left);
    row->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    if (!hint.isEmpty()) {
        auto *label = new QLabel(hint, this);
        label->setWordWrap(true);
        layout->addWidget(label);
    }
    layout->addLayout(row);
    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    connect(add, &QPushButton::clicked, this, [this, prefix] {
        SettingsItemEditor *editor = createEditor();
        QStringList names;
        for (int i = 0; i < count(); ++i)
            names.append(editorAt(i)->name());
        QString name = prefix;
        for (int n = 2; names.contains(name); ++n)
            name = prefix + QStringLiteral("-%1").arg(n);
        editor->setName(name);
        addEditor(editor);
        m_list->setCurrentRow(count() - 1);
        Q_EMIT changed();
    });
    connect(m_remove, &QPushButton::clicked, this, [this] {
        removeAt(m_list->currentRow());
        Q_EMIT changed();
    });
    m_remove->setEnabled(false);
}

int SettingsListPage::count() const { return m_stack->count(); }

SettingsItemEditor *SettingsListPage::editorAt(int index) const
{
    return qobject_cast<SettingsItemEditor *>(m_stack->widget(index));
}

void SettingsListPage::addEditor(SettingsItemEditor *editor)
{
    m_stack->addWidget(editor);
    m_list->addItem(QString());
    connect(editor, &SettingsItemEditor::changed, this, [this] {
        updateTitles();
        Q_EMIT changed();
    });
    updateTitles();
    if (m_list->currentRow() < 0)
        m_list->setCurrentRow(0);
}

void SettingsListPage::removeAt(int index)
{
    if (index < 0 || index >= count())
        return;
    QWidget *editor = m_stack->widget(index);
    m_stack->removeWidget(editor);
    delete editor; // now: the dialog looks for secret fields among its children
    delete m_list->takeItem(index);
    updateTitles();
}

void SettingsListPage::clear()
{
    while (count() > 0)
        removeAt(count() - 1);
}

QString SettingsListPage::itemLabel(int index) const
{
    const QString name = editorAt(index)->name();
    return name.isEmpty() ? QStringLiteral("#%1").arg(index + 1) : name;
}

QList<SettingsIssue> SettingsListPage::issues(const Config &config) const
{
    QList<SettingsIssue> out;
    QHash<QString, int> names;
    for (int i = 0; i < count(); ++i)
        ++names[editorAt(i)->name()];
    for (int i = 0; i < count(); ++i) {
        SettingsItemEditor *editor = editorAt(i);
        const QString item = itemLabel(i);
        const QString name = editor->name();
        if (name.isEmpty())
            out.append({ item, tr("Name"), tr("required"), editor->nameErrorLabel() });
        else if (names.value(name) > 1)
            out.append({ item, tr("Name"), tr("another item has this name"),
                         editor->nameErrorLabel() });
        for (SettingsIssue issue : editor->issues(config)) {
            issue.item = item;
            out.append(issue);
        }
    }
    return out;
}

void SettingsListPage::updateTitles()
{
    for (int i = 0; i < count(); ++i)
        m_list->item(i)->setText(itemLabel(i));
    m_remove->setEnabled(count() > 0);
}

EventChecks::EventChecks(const QString &prefix, QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (EventType type : allEventTypes()) {
        auto *check = new QCheckBox(eventTypeName(type), this);
        check->setObjectName(prefix + eventTypeName(type));
        layout->addWidget(check);
        connect(check, &QCheckBox::toggled, this, &EventChecks::changed);
        m_checks.append({ type, check });
    }
}

void EventChecks::setEvents(const QList<EventType> &events)
{
    m_loaded = events;
    for (const auto &[type, check] : m_checks)
        check->setChecked(events.contains(type));
}

QList<EventType> EventChecks::events() const
{
    QList<EventType> out;
    for (const auto &[type, check] : m_checks) {
        if (check->isChecked())
            out.append(type);
    }
    bool same = out.size() == m_loaded.size();
    for (EventType type : out)
        same = same && m_loaded.contains(type);
    return same ? m_loaded : out;
}

QLabel *makeErrorLabel(const QString &objectName, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setProperty("settingsError", true);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    QFont font = label->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    label->setFont(font);
    label->hide();
    return label;
}

QWidget *withError(QWidget *field, QLabel *error)
{
    auto *layout = new QVBoxLayout;
    layout->addWidget(field);
    return withError(layout, error);
}

QWidget *withError(QLayout *fields, QLabel *error)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    fields->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(fields);
    layout->addWidget(error);
    return box;
}

QString durationProblem(const QString &text, qint64 minimum, bool required)
{
    if (text.trimmed().isEmpty())
        return required ? QObject::tr("required") : QString();
    const auto ms = parseDuration(text);
    if (!ms)
        return QObject::tr("not a duration (use e.g. \"90s\", \"5m\", \"1h30m\")");
    if (*ms < minimum)
        return QObject::tr("must be at least %1").arg(formatDuration(minimum));
    return {};
}

QString httpUrlProblem(const QString &text)
{
    if (text.trimmed().isEmpty())
        return QObject::tr("required");
    if (!isHttpUrl(QUrl(text.trimmed(), QUrl::StrictMode)))
        return QObject::tr("not an http(s) URL");
    return {};
}

QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','))) {
        if (!part.trimmed().isEmpty())
            out.append(part.trimmed());
    }
    return out;
}

QString joinList(const QStringList &list) { return list.join(QStringLiteral(", ")); }

QList<QPair<QString, QString>> parseHeaderLines(const QString &text, QString *problem)
{
    QList<QPair<QString, QString>> out;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const int colon = line.indexOf(QLatin1Char(':'));
        const QString name = line.left(colon).trimmed();
        if (colon <= 0 || !isHeaderName(name)) {
            if (problem && problem->isEmpty())
                *problem = QObject::tr("line %1: expected \"Name: value\"").arg(i + 1);
            continue;
        }
        out.append({ name, line.mid(colon + 1).trimmed() });
    }
    return out;
}

QString headerLines(const QList<QPair<QString, QString>> &headers)
{
    QStringList lines;
    for (const auto &[name, value] : headers)
        lines.append(name + QStringLiteral(": ") + value);
    return lines.join(QLatin1Char('\n'));
}

QString secretNameFor(const QString &base, const QString &suffix)
{
    QString name = base;
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_.-]+")), QStringLiteral("-"));
    while (!name.isEmpty() && !name.at(0).isLetterOrNumber())
        name.remove(0, 1);
    if (name.isEmpty())
        name = QStringLiteral("hubhook");
    return (name.left(99 - suffix.size() - 1) + QLatin1Char('-') + suffix);
}

} // namespace hubhook
