#pragma once

// The settings dialog's side of a provider's declared fields (config/ProviderDescriptor:
// ProviderField): a widget for each kind, what is typed as the config would hold it, and the
// provider's own parser's errors mapped back to the field they name. No page names a provider:
// each asks the registry for the fields and hands what is typed to the provider's parser.

#include "config/ProviderDescriptor.h"
#include "ui/settings/SettingsWidgets.h"

#include <functional>
#include <optional>

class QFormLayout;

namespace hubhook {

// "max_age" -> "maxAgeEdit" ("forksCheck" for a flag); its error label: "maxAgeError".
QString fieldObjectName(const ProviderField &field);
QString fieldErrorName(const ProviderField &field);

// A widget for the field's kind, named by fieldObjectName(): a line edit (a text, a scope, a
// repository; a list typed comma-separated), a checkbox (a flag) or a plain-text edit (an
// object, typed as JSON). `changed` is called on every edit.
QWidget *makeFieldWidget(const ProviderField &field, QWidget *parent = nullptr);
void onFieldEdited(QWidget *widget, QObject *context, const std::function<void()> &changed);
// The field's words on its widget: placeholder and tooltip (none when it does not `apply`).
void setFieldWords(QWidget *widget, const ProviderField &field, bool apply = true);
// Shows `value` as the config holds it (a list comma-separated, an object as JSON).
void setFieldValue(QWidget *widget, const QJsonValue &value);
// What is typed, as the config would hold it; nothing when it is empty (a flag: unchecked) or
// cannot be read as the kind asks (an object: not JSON, or not an object; *problem says why).
std::optional<QJsonValue> fieldValue(const QWidget *widget, const ProviderField &field,
                                     QString *problem = nullptr);

// One error of a provider's parser, run with an empty root path ("workflows[1]: not a
// workflow file ...", "inputs.a: expected ..."): the key it names ("workflows", "inputs"; empty
// for the whole item) and its message, with what lies below the key in front ("\"a\": ...").
struct FieldError
{
    QString key;
    QString message;
};
FieldError fieldError(const QString &error);

// "a", "a and b", "a, b and c" (`last` instead of "and": "or").
QString joinWords(const QStringList &words, const QString &last = QString());

// Rows of a form for one kind of provider field (accounts', triggers'): one row per key that
// any registered provider declares, each with its error label; only the rows of the shown
// provider are visible, labelled in its words. Typed values stay when another provider is
// shown (only the shown provider's are read).
class ProviderFieldRows : public QObject
{
    Q_OBJECT
public:
    using FieldsOf = QList<ProviderField> (ProviderDescriptor::*)() const;
    // Appends the rows to `form`; `parent` owns the widgets.
    ProviderFieldRows(FieldsOf fieldsOf, QFormLayout *form, QWidget *parent);
    void show(const ProviderDescriptor *provider); // null: none
    QList<ProviderField> fields() const; // the shown provider's
    // Sets the shown provider's fields from `values` (as its writer gives them), clears the
    // others.
    void load(const ConfigFieldList &values);
    // What its fields hold, as the config would; the fields that cannot be read so go to
    // *problems.
    QJsonObject object(QList<SettingsIssue> *problems = nullptr) const;
    // The errors of the shown provider's parser as issues of its rows (an error of no row is
    // named by its key, or the provider, and shown in the dialog's list only).
    QList<SettingsIssue> issues(const QStringList &errors) const;

Q_SIGNALS:
    void changed();

private:
    struct Row
    {
        QString key;
        QWidget *widget;
        QLabel *error;
        QWidget *box; // the widget with its error label: the form row's field
    };
    const Row *row(const QString &key) const;

    FieldsOf m_fieldsOf;
    QFormLayout *m_form;
    QList<Row> m_rows;
    const ProviderDescriptor *m_shown = nullptr;
};

} // namespace hubhook
