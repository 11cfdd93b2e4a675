#include "ui/settings/SettingsProviderFields.h"

#include <algorithm>
#include <QCheckBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>

namespace hubhook {

namespace {

// "max_age" -> "maxAge"
QString camelCase(const QString &key)
{
    const QStringList parts = key.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    QString out = parts.value(0);
    for (qsizetype i = 1; i < parts.size(); ++i)
        out += parts[i].left(1).toUpper() + parts[i].mid(1);
    return out;
}

std::optional<QJsonValue> objectValue(const QString &text, QString *problem)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    QString message;
    if (json.isNull())
        message = QObject::tr("not valid JSON: %1 at character %2")
                          .arg(error.errorString())
                          .arg(error.offset + 1);
    else if (!json.isObject())
        message = QObject::tr("expected a JSON object: {\"name\": \"value\"}");
    if (message.isEmpty())
        return QJsonValue(json.object());
    if (problem)
        *problem = message;
    return std::nullopt;
}

} // namespace

QString fieldObjectName(const ProviderField &field)
{
    return camelCase(field.key)
            + (field.kind == ProviderField::Flag ? QStringLiteral("Check")
                                                 : QStringLiteral("Edit"));
}

QString fieldErrorName(const ProviderField &field)
{
    return camelCase(field.key) + QStringLiteral("Error");
}

QWidget *makeFieldWidget(const ProviderField &field, QWidget *parent)
{
    QWidget *widget = nullptr;
    if (field.kind == ProviderField::Flag) {
        widget = new QCheckBox(parent);
    } else if (field.kind == ProviderField::Object) {
        auto *edit = new QPlainTextEdit(parent);
        edit->setMaximumHeight(80);
        edit->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum); // no more than 80
        widget = edit;
    } else {
        widget = new QLineEdit(parent);
    }
    widget->setObjectName(fieldObjectName(field));
    setFieldWords(widget, field);
    return widget;
}

void onFieldEdited(QWidget *widget, QObject *context, const std::function<void()> &changed)
{
    if (auto *check = qobject_cast<QCheckBox *>(widget))
        QObject::connect(check, &QCheckBox::toggled, context, changed);
    else if (auto *text = qobject_cast<QPlainTextEdit *>(widget))
        QObject::connect(text, &QPlainTextEdit::textChanged, context, changed);
    else if (auto *line = qobject_cast<QLineEdit *>(widget))
        QObject::connect(line, &QLineEdit::textChanged, context, changed);
}

void setFieldWords(QWidget *widget, const ProviderField &field, bool apply)
{
    widget->setToolTip(apply ? field.hint : QString());
    const QString placeholder = apply ? field.placeholder : QString();
    if (auto *line = qobject_cast<QLineEdit *>(widget))
        line->setPlaceholderText(placeholder);
    else if (auto *text = qobject_cast<QPlainTextEdit *>(widget))
        text->setPlaceholderText(placeholder);
}

void setFieldValue(QWidget *widget, const QJsonValue &value)
{
    if (auto *check = qobject_cast<QCheckBox *>(widget)) {
        check->setChecked(value.toBool());
    } else if (auto *text = qobject_cast<QPlainTextEdit *>(widget)) {
        text->setPlainText(value.isObject() && !value.toObject().isEmpty() ? QString::fromUtf8(
                                   QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented))
                                                                           : QString());
    } else if (auto *line = qobject_cast<QLineEdit *>(widget)) {
        QStringList items;
        for (const QJsonValue &item : value.toArray())
            items.append(item.toString());
        line->setText(value.isArray() ? joinList(items) : value.toString());
    }
}

std::optional<QJsonValue> fieldValue(const QWidget *widget, const ProviderField &field,
                                     QString *problem)
{
    if (auto *check = qobject_cast<const QCheckBox *>(widget))
        return check->isChecked() ? std::optional<QJsonValue>(true) : std::nullopt;
    if (auto *text = qobject_cast<const QPlainTextEdit *>(widget))
        return objectValue(text->toPlainText(), problem);
    const auto *line = qobject_cast<const QLineEdit *>(widget);
    const QString typed = line ? line->text().trimmed() : QString();
    if (typed.isEmpty())
        return std::nullopt;
    if (field.kind == ProviderField::List) {
        const QStringList items = splitList(typed);
        return items.isEmpty() ? std::nullopt
                               : std::optional<QJsonValue>(QJsonArray::fromStringList(items));
    }
    return QJsonValue(typed);
}

FieldError fieldError(const QString &error)
{
    const qsizetype colon = error.indexOf(QLatin1String(": "));
    const QString path = colon < 0 ? QString() : error.left(colon);
    QString message = colon < 0 ? error : error.mid(colon + 2);
    qsizetype end = 0;
    while (end < path.size() && path[end] != QLatin1Char('.') && path[end] != QLatin1Char('['))
        ++end;
    // Below the key: an object's member is named ("\"a\": ..."), a list's item says itself.
    if (end < path.size() && path[end] == QLatin1Char('.'))
        message = QStringLiteral("\"%1\": %2").arg(path.mid(end + 1), message);
    return { path.left(end), message };
}

QString joinWords(const QStringList &words, const QString &last)
{
    if (words.size() < 2)
        return words.value(0);
    const QString conjunction = last.isEmpty() ? QObject::tr("and") : last;
    return words.mid(0, words.size() - 1).join(QStringLiteral(", ")) + QLatin1Char(' ')
            + conjunction + QLatin1Char(' ') + words.last();
}

ProviderFieldRows::ProviderFieldRows(FieldsOf fieldsOf, QFormLayout *form, QWidget *parent)
    : QObject(parent), m_fieldsOf(fieldsOf), m_form(form)
{
    for (const ProviderDescriptor *p : providerDescriptors()) {
        for (const ProviderField &field : (p->*m_fieldsOf)()) {
            if (row(field.key))
                continue;
            Row r { field.key, makeFieldWidget(field, parent),
                    makeErrorLabel(fieldErrorName(field), parent), nullptr };
            r.box = withError(r.widget, r.error);
            m_form->addRow(field.label, r.box);
            onFieldEdited(r.widget, this, [this] { Q_EMIT changed(); });
            m_rows.append(r);
        }
    }
    show(nullptr);
}

const ProviderFieldRows::Row *ProviderFieldRows::row(const QString &key) const
{
    for (const Row &r : m_rows) {
        if (r.key == key)
            return &r;
    }
    return nullptr;
}

void ProviderFieldRows::show(const ProviderDescriptor *provider)
{
    m_shown = provider;
    for (const Row &r : std::as_const(m_rows))
        m_form->setRowVisible(r.box, false);
    for (const ProviderField &field : fields()) {
        const Row *r = row(field.key);
        if (auto *label = qobject_cast<QLabel *>(m_form->labelForField(r->box)))
            label->setText(field.label);
        setFieldWords(r->widget, field);
        m_form->setRowVisible(r->box, true);
    }
}

QList<ProviderField> ProviderFieldRows::fields() const
{
    return m_shown ? (m_shown->*m_fieldsOf)() : QList<ProviderField>();
}

void ProviderFieldRows::load(const ConfigFieldList &values)
{
    for (const Row &r : std::as_const(m_rows))
        setFieldValue(r.widget, QJsonValue());
    for (const auto &[key, value] : values) {
        if (const Row *r = row(key))
            setFieldValue(r->widget, value);
    }
}

QJsonObject ProviderFieldRows::object(QList<SettingsIssue> *problems) const
{
    QJsonObject o;
    for (const ProviderField &field : fields()) {
        const Row *r = row(field.key);
        QString problem;
        if (const auto value = fieldValue(r->widget, field, &problem))
            o.insert(field.key, *value);
        if (problems && !problem.isEmpty())
            problems->append({ {}, field.label, problem, r->error });
    }
    return o;
}

QList<SettingsIssue> ProviderFieldRows::issues(const QStringList &errors) const
{
    QList<SettingsIssue> out;
    const QList<ProviderField> shown = fields();
    for (const QString &error : errors) {
        const FieldError e = fieldError(error);
        auto field = std::find_if(shown.cbegin(), shown.cend(),
                                  [&e](const ProviderField &f) { return f.key == e.key; });
        if (field != shown.cend())
            out.append({ {}, field->label, e.message, row(e.key)->error });
        else
            out.append({ {},
                         e.key.isEmpty() && m_shown ? m_shown->displayName() : e.key,
                         e.message,
                         nullptr });
    }
    return out;
}

} // namespace hubhook
