#pragma once

#include "config/Validation.h" // the rules fields are checked by, shared with the parser

// Building blocks of the settings dialog's pages: the page interface, the list-of-items page,
// event checkboxes and the field checks that show their message beside the field.

#include "config/Config.h"

#include <QLineEdit>
#include <QList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace hubhook {

// One invalid field: shown in `label` beside the field and listed by SettingsDialog::validate()
// as "Page › item › Field: message".
struct SettingsIssue
{
    QString item; // "ops" (a webhook's name); empty on pages without items
    QString field; // "URL"
    QString message;
    QLabel *label = nullptr;
    bool shared = false; // `label` lists several fields: each line names its item and field
};

// A page of the dialog: loads its part of a Config, writes it back, checks its fields.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual QString title() const = 0;
    virtual void load(const Config &config) = 0;
    virtual void apply(Config *config) const = 0;
    // `config` is the whole config as the dialog currently says, for references between pages.
    virtual QList<SettingsIssue> issues(const Config &config) const = 0;

Q_SIGNALS:
    void changed();
};

// The editor of one item (an account, a webhook, a trigger) of a SettingsListPage.
class SettingsItemEditor : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    virtual QString name() const = 0;
    virtual void setName(const QString &name) = 0;
    virtual QLabel *nameErrorLabel() const = 0;
    // The item's invalid fields (SettingsIssue::item is filled in by the page).
    virtual QList<SettingsIssue> issues(const Config &config) const = 0;

Q_SIGNALS:
    void changed();
};

// A list of items on the left, the current item's editor on the right, Add and Remove below.
// Object names: `<prefix>List`, `<prefix>Stack`, `<prefix>AddButton`, `<prefix>RemoveButton`.
class SettingsListPage : public SettingsPage
{
    Q_OBJECT
public:
    SettingsListPage(const QString &prefix, const QString &hint, QWidget *parent = nullptr);
    int count() const;
    SettingsItemEditor *editorAt(int index) const;
    void removeAt(int index);
    void clear();
    // "ops", or "#2" for an item without a name yet.
    QString itemLabel(int index) const;
    // Empty and duplicate names, then each editor's own issues.
    QList<SettingsIssue> issues(const Config &config) const override;

protected:
    virtual SettingsItemEditor *createEditor() = 0; // a new, empty item
    void addEditor(SettingsItemEditor *editor);

private:
    void updateTitles();

    QListWidget *m_list;
    QStackedWidget *m_stack;
    QPushButton *m_remove;
};

// The list page of the items the config holds in `Member` (a QList, or a QMap by name: the
// accounts), one `Editor` each (Editor::load(item) shows one, Editor::item() reads it back). A
// page is its editor factory (createEditor()) and its hint.
template<typename Editor, auto Member>
class SettingsItemsPage : public SettingsListPage
{
public:
    using SettingsListPage::SettingsListPage;

    void load(const Config &config) override
    {
        clear();
        for (const auto &item : config.*Member) {
            auto *editor = static_cast<Editor *>(createEditor());
            editor->load(item);
            addEditor(editor);
        }
    }
    void apply(Config *config) const override
    {
        auto &items = config->*Member;
        items.clear();
        for (int i = 0; i < count(); ++i)
            add(items, editor(i)->item());
    }

protected:
    Editor *editor(int index) const { return static_cast<Editor *>(editorAt(index)); }

private:
    template<typename T>
    static void add(QList<T> &items, const T &item)
    {
        items.append(item);
    }
    template<typename T>
    static void add(QMap<QString, T> &items, const T &item)
    {
        items.insert(item.name, item);
    }
};

// Checkboxes for event types, named `<prefix><event name>` ("eventCheck_build.failed").
class EventChecks : public QWidget
{
    Q_OBJECT
public:
    EventChecks(const QString &prefix, QWidget *parent = nullptr);
    void setEvents(const QList<EventType> &events);
    // In the order they were set when the selection did not change, else in the canonical order.
    QList<EventType> events() const;

Q_SIGNALS:
    void changed();

private:
    QList<QPair<EventType, QCheckBox *>> m_checks;
    QList<EventType> m_loaded;
};

// A small red label for a field's error, hidden while there is none.
QLabel *makeErrorLabel(const QString &objectName, QWidget *parent);
// `field` with its error label right under it.
QWidget *withError(QWidget *field, QLabel *error);
QWidget *withError(QLayout *fields, QLabel *error);

// Field checks: an empty string when fine, else the message.
QString durationProblem(const QString &text, qint64 minimum, bool required = true);
QString httpUrlProblem(const QString &text);

// "a, b" <-> {"a", "b"}
QStringList splitList(const QString &text);
QString joinList(const QStringList &list);
// "Name: value" lines <-> headers; *problem names the first bad line.
QList<QPair<QString, QString>> parseHeaderLines(const QString &text, QString *problem);
QString headerLines(const QList<QPair<QString, QString>> &headers);
// A valid secret name made of `base` and `suffix`: "ops-url".
QString secretNameFor(const QString &base, const QString &suffix);

} // namespace hubhook
