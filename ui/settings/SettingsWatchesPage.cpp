#include "ui/settings/SettingsWatchesPage.h"

#include "config/ConfigWriter.h"
#include "config/Validation.h"
#include "support/TimeText.h"
#include "ui/settings/SettingsProviderFields.h"

#include <algorithm>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hubhook {

namespace {

// The keys of the columns that are not a provider's field, and those of an image watch's
// fields that the rows read (imageWatchFields()).
const QString kAccountKey = QStringLiteral("account");
const QString kKindKey = QStringLiteral("kind");
const QString kTargetKey = QStringLiteral("target");
const QString kRetryKey = QStringLiteral("retry_failed");
const QString kAttemptsKey = QStringLiteral("max_attempts");
const QString kImageKey = QStringLiteral("image");
const QString kTagsKey = QStringLiteral("tags");
const QString kMaxAgeKey = QStringLiteral("max_age");

// A column that is not a field of a provider's watches.
ProviderField columnOf(const QString &key, const QString &label)
{
    ProviderField column;
    column.key = key;
    column.label = label;
    return column;
}

// A scope or a repository: what the "target" column holds.
bool isTarget(const ProviderField &field)
{
    return field.kind == ProviderField::Scope || field.kind == ProviderField::Repository;
}

// The field of p's watches that names a whole scope (`scope`) or one repository.
ProviderField targetField(const ProviderDescriptor &p, bool scope)
{
    for (const ProviderField &field : p.watchFields()) {
        if (field.kind == (scope ? ProviderField::Scope : ProviderField::Repository))
            return field;
    }
    return {};
}

QString capitalized(QString text)
{
    if (!text.isEmpty())
        text[0] = text[0].toUpper();
    return text;
}

// "an owner", "a namespace"
QString withArticle(const QString &word)
{
    const bool vowel = QStringLiteral("aeiou").contains(word.left(1).toLower());
    return (vowel ? QStringLiteral("an ") : QStringLiteral("a ")) + word;
}

// "Owner or repository"; "acme or acme/api"
QString targetLabel(const ProviderDescriptor &p)
{
    QStringList labels;
    for (const ProviderField &field : p.watchFields()) {
        if (isTarget(field))
            labels.append(field.label.toLower());
    }
    return capitalized(joinWords(labels, SettingsWatchesPage::tr("or")));
}

QString targetPlaceholder(const ProviderDescriptor &p)
{
    QStringList examples;
    for (const ProviderField &field : p.watchFields()) {
        if (isTarget(field))
            examples.append(field.placeholder);
    }
    return joinWords(examples, SettingsWatchesPage::tr("or"));
}

std::optional<ProviderField> imageField(const QString &key)
{
    for (const ProviderField &field : imageWatchFields()) {
        if (field.key == key)
            return field;
    }
    return std::nullopt;
}

const ProviderDescriptor &descriptorFor(const QMap<QString, AccountConfig> &accounts,
                                        const QString &account)
{
    const auto it = accounts.constFind(account);
    const ProviderDescriptor *p
            = providerDescriptor(it == accounts.constEnd() ? QString() : it->provider);
    return p ? *p : *providerDescriptor(defaultProviderId());
}

void setNames(QComboBox *combo, const QStringList &names, bool allowNone)
{
    const QString current = combo->currentText();
    const QSignalBlocker blocker(combo);
    combo->clear();
    if (allowNone)
        combo->addItem(QString());
    combo->addItems(names);
    combo->setCurrentText(current);
}

// An editable combo of names (accounts, triggers), showing `current`.
QComboBox *namesCombo(const QString &objectName, const QStringList &names, bool allowNone,
                      const QString &current)
{
    auto *combo = new QComboBox;
    combo->setObjectName(objectName);
    combo->setEditable(true);
    setNames(combo, names, allowNone);
    combo->setCurrentText(current);
    return combo;
}

QComboBox *kindCombo(bool image)
{
    auto *kind = new QComboBox;
    kind->setObjectName(QStringLiteral("kindCombo"));
    kind->addItem(SettingsWatchesPage::tr("Builds"));
    kind->addItem(SettingsWatchesPage::tr("Image"));
    kind->setCurrentIndex(image ? SettingsWatchesPage::ImageKind : SettingsWatchesPage::BuildsKind);
    return kind;
}

QSpinBox *attemptsSpin(int attempts)
{
    auto *spin = new QSpinBox;
    spin->setRange(1, 10);
    spin->setValue(attempts);
    return spin;
}

// "<Provider>: a <scope> (<example>) watches all its repositories, a <repository> (<example>)
// just its own; its columns: <its other fields>."
QString providerSentence(const ProviderDescriptor &p)
{
    const ProviderField scope = targetField(p, true);
    const ProviderField repository = targetField(p, false);
    QString sentence
            = SettingsWatchesPage::tr("%1: %2 (%3) watches all its repositories, %4 "
                                      "(%5) just its own")
                      .arg(p.displayName(), withArticle(scope.label.toLower()), scope.placeholder,
                           withArticle(repository.label.toLower()), repository.placeholder);
    QStringList filters;
    for (const ProviderField &field : p.watchFields()) {
        if (!isTarget(field))
            filters.append(field.label.toLower());
    }
    if (!filters.isEmpty())
        sentence += SettingsWatchesPage::tr("; its columns: %1").arg(joinWords(filters));
    return sentence + QLatin1Char('.');
}

QLabel *hintLabel(QWidget *parent)
{
    QStringList sentences;
    QStringList images;
    for (const ProviderDescriptor *p : providerDescriptors()) {
        sentences.append(providerSentence(*p));
        if (!p->imageExample().isEmpty())
            images.append(SettingsWatchesPage::tr("%1 with %2 account")
                                  .arg(p->imageExample(), withArticle(p->displayName())));
    }
    sentences.append(SettingsWatchesPage::tr(
            "A failed build can be rebuilt automatically with one of your triggers."));
    sentences.append(SettingsWatchesPage::tr("An image (%1) shows when its tags (globs allowed: "
                                             "v1.*) were last pushed, and is stale when older "
                                             "than its max age.")
                             .arg(images.join(QStringLiteral(", "))));
    auto *hint = new QLabel(sentences.join(QLatin1Char(' ')), parent);
    hint->setWordWrap(true);
    return hint;
}

// The tooltip of a field's column: each declaring provider's hint ("<Provider>: <hint>").
QString columnHint(const QString &key)
{
    QStringList lines;
    for (const ProviderDescriptor *p : providerDescriptors()) {
        for (const ProviderField &field : p->watchFields()) {
            if (field.key == key && !field.hint.isEmpty())
                lines.append(QStringLiteral("%1: %2").arg(p->displayName(), field.hint));
        }
    }
    if (const auto field = imageField(key); field && key != kImageKey && !field->hint.isEmpty())
        lines.append(SettingsWatchesPage::tr("An image: %1").arg(field->hint));
    return lines.join(QLatin1Char('\n'));
}

QString targetHint()
{
    QStringList lines;
    QStringList images;
    for (const ProviderDescriptor *p : providerDescriptors()) {
        lines.append(QStringLiteral("%1: %2").arg(p->displayName(), targetPlaceholder(*p)));
        if (!p->imageExample().isEmpty())
            images.append(QStringLiteral("%1 (%2)").arg(p->imageExample(), p->displayName()));
    }
    lines.append(SettingsWatchesPage::tr("An image: %1")
                         .arg(joinWords(images, SettingsWatchesPage::tr("or"))));
    return lines.join(QLatin1Char('\n'));
}

QString tagsProblem(const QStringList &tags)
{
    for (const QString &tag : tags) {
        if (!isTagPattern(tag))
            return SettingsWatchesPage::tr("\"%1\" is not a tag or tag pattern").arg(tag);
    }
    if (tags.size() > 20)
        return SettingsWatchesPage::tr("at most 20 tags (each may cost a request per sweep)");
    return {};
}

} // namespace

SettingsWatchesPage::SettingsWatchesPage(QWidget *parent)
    : SettingsPage(parent),
      m_table(new QTableWidget(0, 0, this)),
      m_error(makeErrorLabel(QStringLiteral("watchesError"), this))
{
    setObjectName(QStringLiteral("watchesPage"));
    setUpTable();
    QLabel *hint = hintLabel(this);
    auto *add = new QPushButton(tr("Add"), this);
    add->setObjectName(QStringLiteral("watchAddButton"));
    auto *remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("watchRemoveButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(hint);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);
    connect(add, &QPushButton::clicked, this, &SettingsWatchesPage::addWatch);
    connect(remove, &QPushButton::clicked, this, &SettingsWatchesPage::removeWatch);
    updateCells();
}

// Account, kind and target, then a column per field key of the providers' watches (the first
// declaration names it) and of an image watch's, then the retry trigger and its attempts.
void SettingsWatchesPage::setUpTable()
{
    m_columns = { columnOf(kAccountKey, tr("Account")), columnOf(kKindKey, tr("Kind")),
                  columnOf(kTargetKey, tr("Target")) };
    for (const ProviderDescriptor *p : providerDescriptors()) {
        for (const ProviderField &field : p->watchFields()) {
            if (!isTarget(field) && column(field.key) < 0)
                m_columns.append(field);
        }
    }
    for (const ProviderField &field : imageWatchFields()) {
        if (field.key != kImageKey && column(field.key) < 0)
            m_columns.append(field);
    }
    m_columns.append(columnOf(kRetryKey, tr("Retry failed with")));
    m_columns.append(columnOf(kAttemptsKey, tr("Attempts")));
    m_table->setObjectName(QStringLiteral("watchesTable"));
    m_table->setColumnCount(int(m_columns.size()));
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultSectionSize(80);
    for (int c = 0; c < m_columns.size(); ++c) {
        auto *item = new QTableWidgetItem(m_columns[c].label);
        item->setToolTip(columnHint(m_columns[c].key));
        m_table->setHorizontalHeaderItem(c, item);
        if (m_columns[c].kind == ProviderField::Flag)
            header->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    }
    m_table->horizontalHeaderItem(column(kAttemptsKey))
            ->setToolTip(tr("At most this many retries"));
    m_table->horizontalHeaderItem(KindColumn)
            ->setToolTip(tr("Builds: a provider's builds or workflow runs. Image: when an "
                            "image's tags were last pushed, however they were built"));
    m_table->horizontalHeaderItem(TargetColumn)->setToolTip(targetHint());
    header->resizeSection(AccountColumn, 90);
    header->resizeSection(column(kRetryKey), 100);
    header->setSectionResizeMode(TargetColumn, QHeaderView::Stretch);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
}

int SettingsWatchesPage::column(const QString &key) const
{
    for (int c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c].key == key)
            return c;
    }
    return -1;
}

void SettingsWatchesPage::addWatch()
{
    WatchConfig w;
    w.account = m_accounts.isEmpty() ? QString() : m_accounts.firstKey();
    addRow(w);
    m_table->selectRow(m_table->rowCount() - 1);
    Q_EMIT changed();
}

void SettingsWatchesPage::removeWatch()
{
    const int row = m_table->currentRow() >= 0 ? m_table->currentRow() : m_table->rowCount() - 1;
    if (row < 0)
        return;
    m_table->removeRow(row);
    Q_EMIT changed();
}

void SettingsWatchesPage::addRow(const WatchConfig &w)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *account = namesCombo(QStringLiteral("accountCombo"), m_accounts.keys(), false, w.account);
    auto *kind = kindCombo(w.isImage());
    // An image as the config file names it ("acme/base"), else the scope or the repository.
    auto *target = new QLineEdit(w.isImage()               ? writtenImage(w.image)
                                         : w.isNamespace() ? w.ns
                                                           : w.repository);
    target->setObjectName(QStringLiteral("targetEdit"));
    auto *retry = namesCombo(QStringLiteral("retryCombo"), m_triggers, true, w.retryTrigger);
    auto *attempts = attemptsSpin(w.retryMaxAttempts);
    m_table->setCellWidget(row, AccountColumn, account);
    m_table->setCellWidget(row, KindColumn, kind);
    m_table->setCellWidget(row, TargetColumn, target);
    addCells(row, w);
    m_table->setCellWidget(row, column(kRetryKey), retry);
    m_table->setCellWidget(row, column(kAttemptsKey), attempts);
    // The account, the kind and the target decide which cells apply.
    const auto recheck = [this] {
        updateCells();
        Q_EMIT changed();
    };
    connect(account, &QComboBox::currentTextChanged, this, recheck);
    connect(kind, &QComboBox::currentIndexChanged, this, recheck);
    connect(target, &QLineEdit::textChanged, this, recheck);
    connect(retry, &QComboBox::currentTextChanged, this, &SettingsPage::changed);
    connect(attempts, &QSpinBox::valueChanged, this, &SettingsPage::changed);
    updateCells();
}

// The field cells of a new row, holding what the watch's provider writes of it (or its image
// watch keys).
void SettingsWatchesPage::addCells(int row, const WatchConfig &w)
{
    ConfigFieldList values;
    if (w.isImage()) {
        values.append({ kTagsKey, QJsonArray::fromStringList(w.tags) });
        if (w.maxAgeMs > 0)
            values.append({ kMaxAgeKey, configDuration(w.maxAgeMs) });
    } else {
        values = descriptorFor(m_accounts, w.account).writeWatch(w);
    }
    for (int c = TargetColumn + 1; c < column(kRetryKey); ++c) {
        QWidget *cell = makeFieldWidget(m_columns[c]);
        for (const auto &[key, value] : values) {
            if (key == m_columns[c].key)
                setFieldValue(cell, value);
        }
        m_table->setCellWidget(row, c, cell);
        onFieldEdited(cell, this, [this] { Q_EMIT changed(); });
    }
}

void SettingsWatchesPage::load(const Config &config)
{
    m_table->setRowCount(0);
    for (const WatchConfig &w : config.watch)
        addRow(w);
}

QString SettingsWatchesPage::text(int row, int column) const
{
    QWidget *cell = column < 0 ? nullptr : m_table->cellWidget(row, column);
    if (auto *combo = qobject_cast<QComboBox *>(cell))
        return combo->currentText().trimmed();
    if (auto *edit = qobject_cast<QLineEdit *>(cell))
        return edit->text().trimmed();
    return {};
}

bool SettingsWatchesPage::isImageRow(int row) const
{
    auto *kind = qobject_cast<QComboBox *>(m_table->cellWidget(row, KindColumn));
    return kind && kind->currentIndex() == ImageKind;
}

const ProviderDescriptor &
SettingsWatchesPage::rowProvider(int row, const QMap<QString, AccountConfig> &accounts) const
{
    return descriptorFor(accounts, text(row, AccountColumn));
}

std::optional<ProviderField> SettingsWatchesPage::rowField(int row, const ProviderField &column,
                                                           const ProviderDescriptor &p) const
{
    if (isImageRow(row))
        return column.key == kImageKey ? std::nullopt : imageField(column.key);
    const bool scope = !text(row, TargetColumn).contains(QLatin1Char('/'));
    for (const ProviderField &field : p.watchFields()) {
        if (field.key == column.key && !isTarget(field) && field.appliesTo(scope))
            return field;
    }
    return std::nullopt;
}

// The JSON object the config would hold for a builds row (without "account" and
// "retry_failed"): the target under its provider's scope or repository key ("owner",
// "repository"), and the cells of the fields that apply.
QJsonObject SettingsWatchesPage::rowObject(int row, const ProviderDescriptor &p) const
{
    QJsonObject o;
    const QString target = text(row, TargetColumn);
    const QString key = targetField(p, !target.contains(QLatin1Char('/'))).key;
    if (!target.isEmpty() && !key.isEmpty())
        o.insert(key, target);
    for (int c = TargetColumn + 1; c < column(kRetryKey); ++c) {
        const auto field = rowField(row, m_columns[c], p);
        if (!field)
            continue;
        if (const auto value = fieldValue(m_table->cellWidget(row, c), *field))
            o.insert(field->key, *value);
    }
    return o;
}

WatchConfig SettingsWatchesPage::rowWatch(int row, const QMap<QString, AccountConfig> &accounts,
                                          QStringList *errors) const
{
    WatchConfig w;
    if (isImageRow(row)) {
        // The image, its tags ("latest" when none, as the config reads it) and its limit only.
        w.image = canonicalImage(text(row, TargetColumn));
        w.tags = splitList(text(row, column(kTagsKey)));
        if (w.tags.isEmpty())
            w.tags = QStringList { QStringLiteral("latest") };
        w.maxAgeMs = parseDuration(text(row, column(kMaxAgeKey))).value_or(0);
    } else {
        // Only the fields of the account's provider: the others' cells are disabled, not
        // cleared.
        QStringList ignored;
        rowProvider(row, accounts)
                .parseWatch(rowObject(row, rowProvider(row, accounts)), {}, w,
                            JsonFields(errors ? errors : &ignored));
        w.retryTrigger = text(row, column(kRetryKey));
        if (!w.retryTrigger.isEmpty())
            w.retryMaxAttempts
                    = static_cast<QSpinBox *>(m_table->cellWidget(row, column(kAttemptsKey)))
                              ->value();
    }
    w.account = text(row, AccountColumn);
    return w;
}

void SettingsWatchesPage::apply(Config *config) const
{
    config->watch.clear();
    for (int row = 0; row < m_table->rowCount(); ++row)
        config->watch.append(rowWatch(row, config->accounts));
}

// The provider's parser's errors, each under its column ("Workflows"; the scope's or the
// repository's under the target's, "Owner or repository").
void SettingsWatchesPage::addBuildIssues(int row, const ProviderDescriptor &p,
                                         const QStringList &errors,
                                         QList<QPair<QString, QString>> *out) const
{
    const QString target = text(row, TargetColumn);
    const QList<ProviderField> fields = p.watchFields();
    if (target.isEmpty())
        out->append({ targetLabel(p), tr("required") });
    for (const QString &error : errors) {
        const FieldError e = fieldError(error);
        const auto field = std::find_if(fields.cbegin(), fields.cend(),
                                        [&e](const ProviderField &f) { return f.key == e.key; });
        const bool known = field != fields.cend();
        if (e.key.isEmpty() || (known && isTarget(*field))) {
            if (!target.isEmpty())
                out->append({ targetLabel(p), e.message });
        } else {
            out->append({ known ? field->label : e.key, e.message });
        }
    }
}

// The image on the account's registry (the registry's rules), its tags and its limit.
void SettingsWatchesPage::addImageIssues(int row, const WatchConfig &w, const ProviderDescriptor &p,
                                         QList<QPair<QString, QString>> *out) const
{
    const QString image = text(row, TargetColumn);
    out->append({ imageField(kImageKey)->label,
                  image.isEmpty() ? tr("required") : imageWatchProblem(p, image) });
    out->append({ m_columns[column(kTagsKey)].label, tagsProblem(w.tags) });
    out->append({ m_columns[column(kMaxAgeKey)].label,
                  durationProblem(text(row, column(kMaxAgeKey)), 60 * 1000, false) });
}

QList<QPair<QString, QString>> SettingsWatchesPage::rowIssues(int row, const Config &config,
                                                              QSet<QString> *seen) const
{
    QList<QPair<QString, QString>> out;
    QStringList errors;
    const WatchConfig w = rowWatch(row, config.accounts, &errors);
    const ProviderDescriptor &p = rowProvider(row, config.accounts);
    if (w.account.isEmpty())
        out.append({ tr("Account"), tr("required") });
    else if (!config.accounts.contains(w.account))
        out.append({ tr("Account"), tr("no account named \"%1\"").arg(w.account) });
    if (isImageRow(row))
        addImageIssues(row, w, p, &out);
    else
        addBuildIssues(row, p, errors, &out);
    const bool trigger
            = std::any_of(config.triggers.cbegin(), config.triggers.cend(),
                          [&w](const TriggerConfig &t) { return t.name == w.retryTrigger; });
    if (!w.retryTrigger.isEmpty() && !trigger)
        out.append({ tr("Retry failed with"), tr("no trigger named \"%1\"").arg(w.retryTrigger) });
    const QString key = w.account + QLatin1Char('|') + w.label();
    if (seen->contains(key))
        out.append({ isImageRow(row) ? imageField(kImageKey)->label : targetLabel(p),
                     tr("watched twice") });
    seen->insert(key);
    return out;
}

QList<SettingsIssue> SettingsWatchesPage::issues(const Config &config) const
{
    QList<SettingsIssue> out;
    QSet<QString> seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString item = QStringLiteral("#%1 %2")
                                     .arg(row + 1)
                                     .arg(rowWatch(row, config.accounts).label())
                                     .trimmed();
        for (const auto &[field, message] : rowIssues(row, config, &seen)) {
            if (!message.isEmpty())
                out.append({ item, field, message, m_error, true });
        }
    }
    return out;
}

void SettingsWatchesPage::setReferences(const QMap<QString, AccountConfig> &accounts,
                                        const QStringList &triggers)
{
    m_accounts = accounts;
    m_triggers = triggers;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        setNames(static_cast<QComboBox *>(m_table->cellWidget(row, AccountColumn)), accounts.keys(),
                 false);
        setNames(static_cast<QComboBox *>(m_table->cellWidget(row, column(kRetryKey))), triggers,
                 true);
    }
    updateCells();
}

void SettingsWatchesPage::updateCells()
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        updateRow(row);
    updateHeaders();
}

// The cells of the row's provider (or of an image watch) enabled, in its words.
void SettingsWatchesPage::updateRow(int row)
{
    const ProviderDescriptor &p = rowProvider(row, m_accounts);
    const bool image = isImageRow(row);
    static_cast<QLineEdit *>(m_table->cellWidget(row, TargetColumn))
            ->setPlaceholderText(image ? p.imageExample() : targetPlaceholder(p));
    for (int c = TargetColumn + 1; c < column(kRetryKey); ++c) {
        const auto field = rowField(row, m_columns[c], p);
        QWidget *cell = m_table->cellWidget(row, c);
        cell->setEnabled(field.has_value());
        setFieldWords(cell, field.value_or(m_columns[c]), field.has_value());
    }
    m_table->cellWidget(row, column(kRetryKey))->setEnabled(!image);
    m_table->cellWidget(row, column(kAttemptsKey))->setEnabled(!image);
}

// The columns of the providers in use (the accounts' and the rows'), and of image watches when
// a row is one; the target's title names what the rows can hold ("Namespace, owner or
// repository").
void SettingsWatchesPage::updateHeaders()
{
    QSet<QString> used;
    for (const AccountConfig &a : std::as_const(m_accounts))
        used.insert(a.provider);
    if (m_accounts.isEmpty())
        used.insert(defaultProviderId());
    bool anyImage = false, anyBuilds = false;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        (isImageRow(row) ? anyImage : anyBuilds) = true;
        if (!isImageRow(row))
            used.insert(rowProvider(row, m_accounts).id());
    }
    QStringList scopes, repositories;
    for (int c = TargetColumn + 1; c < column(kRetryKey); ++c)
        m_table->setColumnHidden(c, !(anyImage && imageField(m_columns[c].key)));
    for (const ProviderDescriptor *p : providerDescriptors()) {
        if (!used.contains(p->id()))
            continue;
        for (const ProviderField &field : p->watchFields()) {
            if (!isTarget(field))
                m_table->setColumnHidden(column(field.key), false);
            QStringList &labels = field.kind == ProviderField::Scope ? scopes : repositories;
            if (isTarget(field) && !labels.contains(field.label.toLower()))
                labels.append(field.label.toLower());
        }
    }
    QStringList title = anyBuilds || !anyImage ? scopes + repositories : QStringList();
    if (anyImage)
        title.append(imageField(kImageKey)->label.toLower());
    m_table->horizontalHeaderItem(TargetColumn)->setText(capitalized(joinWords(title, tr("or"))));
}

} // namespace hubhook
