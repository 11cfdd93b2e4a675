#include "ui/settings/SettingsWatchesPage.h"

#include "config/ConfigWriter.h"
#include "config/Validation.h"
#include "support/TimeText.h"
#include "ui/settings/SettingsGitHub.h"
#include "ui/settings/SettingsTriggerEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace hubhook {

namespace {

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

QLineEdit *listEdit(const QString &objectName, const QStringList &values)
{
    auto *edit = new QLineEdit(joinList(values));
    edit->setObjectName(objectName);
    return edit;
}

QLineEdit *lineEdit(const QString &objectName, const QString &text)
{
    auto *edit = new QLineEdit(text);
    edit->setObjectName(objectName);
    return edit;
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

QCheckBox *forksCheck(bool checked)
{
    auto *forks = new QCheckBox;
    forks->setObjectName(QStringLiteral("forksCheck"));
    forks->setChecked(checked);
    forks->setToolTip(SettingsWatchesPage::tr("Also watch the owner's forks"));
    return forks;
}

QSpinBox *attemptsSpin(int attempts)
{
    auto *spin = new QSpinBox;
    spin->setRange(1, 10);
    spin->setValue(attempts);
    return spin;
}

QLabel *hintLabel(QWidget *parent)
{
    auto *hint = new QLabel(
            SettingsWatchesPage::tr(
                    "Docker Hub: a namespace (acme) watches all its repositories; a repository "
                    "(acme/api) can be limited to some tags. GitHub: an owner (octo-org) watches "
                    "the workflow runs of all its repositories (forks only if asked), a repository "
                    "(octo-org/api) just its own; both can be limited to some workflows (ci.yml), "
                    "branches (default: the repository's default branch) and events (default: all "
                    "but pull requests). A failed build can be rebuilt automatically with one of "
                    "your triggers. An image (acme/base on Docker Hub, ghcr.io/acme/base with a "
                    "GitHub account) shows when its tags (globs allowed: v1.*) were last pushed, "
                    "and is stale when older than its max age."),
            parent);
    hint->setWordWrap(true);
    return hint;
}

// What is wrong with an image watch's image, empty when fine.
QString imageProblem(const QString &image, bool github)
{
    if (image.isEmpty())
        return SettingsWatchesPage::tr("required");
    if (github) {
        if (!image.startsWith(QLatin1String("ghcr.io/")))
            return SettingsWatchesPage::tr("a GitHub account watches GHCR images: expected "
                                           "\"ghcr.io/owner/name\"");
        return isGhcrImage(image) ? QString()
                                  : SettingsWatchesPage::tr("expected \"ghcr.io/owner/name\"");
    }
    if (image.startsWith(QLatin1String("ghcr.io/")))
        return SettingsWatchesPage::tr("a GHCR image needs a GitHub account");
    const QString name = image.startsWith(QLatin1String("docker.io/")) ? image.mid(10) : image;
    return isRepositoryName(name, false)
            ? QString()
            : SettingsWatchesPage::tr("expected a Docker Hub image \"namespace/name\"");
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
      m_table(new QTableWidget(0, ColumnCount, this)),
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

void SettingsWatchesPage::setUpTable()
{
    m_table->setObjectName(QStringLiteral("watchesTable"));
    m_table->setHorizontalHeaderLabels({ tr("Account"), tr("Kind"), tr("Namespace or repository"),
                                         tr("Tags"), tr("Max age"), tr("Workflows"), tr("Branches"),
                                         tr("Events"), tr("Forks"), tr("Retry failed with"),
                                         tr("Attempts") });
    m_table->horizontalHeaderItem(AttemptsColumn)->setToolTip(tr("At most this many retries"));
    m_table->horizontalHeaderItem(KindColumn)
            ->setToolTip(tr("Builds: a provider's builds or workflow runs. Image: when an "
                            "image's tags were last pushed, however they were built"));
    m_table->horizontalHeaderItem(MaxAgeColumn)
            ->setToolTip(tr("An image tag not pushed for longer (26h, 8d) is stale; empty: no "
                            "limit"));
    QHeaderView *header = m_table->horizontalHeader();
    header->setDefaultSectionSize(80);
    header->resizeSection(AccountColumn, 90);
    header->resizeSection(RetryColumn, 100);
    header->setSectionResizeMode(TargetColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ForksColumn, QHeaderView::ResizeToContents);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
}

void SettingsWatchesPage::addWatch()
{
    WatchConfig w;
    w.account = m_accounts.value(0);
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
    // An image as the config file names it: a Docker Hub image without its "docker.io/".
    const QString image
            = w.image.startsWith(QLatin1String("docker.io/")) ? w.image.mid(10) : w.image;
    auto *account = namesCombo(QStringLiteral("accountCombo"), m_accounts, false, w.account);
    auto *kind = kindCombo(w.isImage());
    auto *target = lineEdit(QStringLiteral("targetEdit"),
                            w.isImage()               ? image
                                    : w.isNamespace() ? w.ns
                                                      : w.repository);
    auto *forks = forksCheck(w.forks);
    auto *retry = namesCombo(QStringLiteral("retryCombo"), m_triggers, true, w.retryTrigger);
    auto *attempts = attemptsSpin(w.retryMaxAttempts);
    m_table->setCellWidget(row, AccountColumn, account);
    m_table->setCellWidget(row, KindColumn, kind);
    m_table->setCellWidget(row, TargetColumn, target);
    m_table->setCellWidget(row, TagsColumn, listEdit(QStringLiteral("tagsEdit"), w.tags));
    m_table->setCellWidget(row, MaxAgeColumn,
                           lineEdit(QStringLiteral("maxAgeEdit"),
                                    w.maxAgeMs > 0 ? configDuration(w.maxAgeMs) : QString()));
    m_table->setCellWidget(row, WorkflowsColumn,
                           listEdit(QStringLiteral("workflowsEdit"), w.workflows));
    m_table->setCellWidget(row, BranchesColumn,
                           listEdit(QStringLiteral("branchesEdit"), w.branches));
    m_table->setCellWidget(row, EventsColumn, listEdit(QStringLiteral("eventsEdit"), w.events));
    m_table->setCellWidget(row, ForksColumn, forks);
    m_table->setCellWidget(row, RetryColumn, retry);
    m_table->setCellWidget(row, AttemptsColumn, attempts);
    for (int c : { TagsColumn, MaxAgeColumn, WorkflowsColumn, BranchesColumn, EventsColumn })
        connect(static_cast<QLineEdit *>(m_table->cellWidget(row, c)), &QLineEdit::textChanged,
                this, &SettingsPage::changed);
    // The account, the kind and the target decide which cells apply.
    const auto recheck = [this] {
        updateCells();
        Q_EMIT changed();
    };
    connect(account, &QComboBox::currentTextChanged, this, recheck);
    connect(kind, &QComboBox::currentIndexChanged, this, recheck);
    connect(target, &QLineEdit::textChanged, this, recheck);
    connect(forks, &QCheckBox::toggled, this, &SettingsPage::changed);
    connect(retry, &QComboBox::currentTextChanged, this, &SettingsPage::changed);
    connect(attempts, &QSpinBox::valueChanged, this, &SettingsPage::changed);
    updateCells();
}

void SettingsWatchesPage::load(const Config &config)
{
    m_table->setRowCount(0);
    for (const WatchConfig &w : config.watch)
        addRow(w);
}

QString SettingsWatchesPage::text(int row, Column column) const
{
    QWidget *cell = m_table->cellWidget(row, column);
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

WatchConfig SettingsWatchesPage::rowWatch(int row,
                                          const QMap<QString, AccountConfig> &accounts) const
{
    WatchConfig w;
    w.account = text(row, AccountColumn);
    const bool github = accounts.value(w.account).provider == QLatin1String("github");
    const QString target = text(row, TargetColumn);
    if (isImageRow(row)) {
        // The image, its tags ("latest" when none, as the config reads it) and its limit only.
        w.image = canonicalImageRef(target);
        w.tags = splitList(text(row, TagsColumn));
        if (w.tags.isEmpty())
            w.tags = QStringList { QStringLiteral("latest") };
        w.maxAgeMs = parseDuration(text(row, MaxAgeColumn)).value_or(0);
        return w;
    }
    if (target.contains(QLatin1Char('/')))
        w.repository = target;
    else
        w.ns = target;
    // Only the fields of the account's provider: the others' cells are disabled, not cleared.
    if (github) {
        w.workflows = splitList(text(row, WorkflowsColumn));
        w.branches = splitList(text(row, BranchesColumn));
        w.events = splitList(text(row, EventsColumn));
        w.forks = w.isNamespace()
                && static_cast<QCheckBox *>(m_table->cellWidget(row, ForksColumn))->isChecked();
    } else {
        w.tags = splitList(text(row, TagsColumn));
    }
    w.retryTrigger = text(row, RetryColumn);
    if (!w.retryTrigger.isEmpty())
        w.retryMaxAttempts
                = static_cast<QSpinBox *>(m_table->cellWidget(row, AttemptsColumn))->value();
    return w;
}

void SettingsWatchesPage::apply(Config *config) const
{
    config->watch.clear();
    for (int row = 0; row < m_table->rowCount(); ++row)
        config->watch.append(rowWatch(row, config->accounts));
}

QList<SettingsIssue> SettingsWatchesPage::issues(const Config &config) const
{
    QList<SettingsIssue> out;
    QSet<QString> seen;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const WatchConfig w = rowWatch(row, config.accounts);
        const bool github = config.accounts.value(w.account).provider == QLatin1String("github");
        const QString item = QStringLiteral("#%1 %2").arg(row + 1).arg(w.label());
        auto add = [&](const QString &field, const QString &message) {
            if (!message.isEmpty())
                out.append({ item.trimmed(), field, message, m_error, true });
        };
        const bool image = isImageRow(row);
        const QString targetField = image ? tr("Image")
                : github                  ? tr("Owner or repository")
                                          : tr("Namespace or repository");
        if (w.account.isEmpty())
            add(tr("Account"), tr("required"));
        else if (!config.accounts.contains(w.account))
            add(tr("Account"), tr("no account named \"%1\"").arg(w.account));
        if (image) {
            add(targetField, imageProblem(w.image, github));
            add(tr("Tags"), tagsProblem(w.tags));
            add(tr("Max age"), durationProblem(text(row, MaxAgeColumn), 60 * 1000, false));
        } else if (w.ns.isEmpty() && w.repository.isEmpty())
            add(targetField, tr("required"));
        else if (github && !w.ns.isEmpty() && !isGitHubOwner(w.ns))
            add(targetField, tr("not a GitHub user or organisation"));
        else if (github && !w.repository.isEmpty() && !isGitHubRepository(w.repository))
            add(targetField, tr("expected \"owner/name\""));
        else if (!github && !w.ns.isEmpty() && !isNamespaceName(w.ns))
            add(targetField, tr("not a Docker Hub namespace"));
        else if (!github && !w.repository.isEmpty() && !isRepositoryName(w.repository, false))
            add(targetField, tr("expected \"namespace/name\""));
        if (w.isNamespace() && !w.tags.isEmpty())
            add(tr("Tags"), tr("only apply to a repository"));
        if (github && !image) {
            add(tr("Workflows"), gitHubWorkflowsProblem(w.workflows));
            add(tr("Branches"), gitHubBranchesProblem(w.branches));
            add(tr("Events"), gitHubEventsProblem(w.events));
        }
        if (!w.retryTrigger.isEmpty()) {
            bool found = false;
            for (const TriggerConfig &t : config.triggers)
                found = found || t.name == w.retryTrigger;
            if (!found)
                add(tr("Retry failed with"), tr("no trigger named \"%1\"").arg(w.retryTrigger));
        }
        const QString key = w.account + QLatin1Char('|') + w.label();
        if (seen.contains(key))
            add(targetField, tr("watched twice"));
        seen.insert(key);
    }
    return out;
}

void SettingsWatchesPage::setReferences(const QMap<QString, AccountConfig> &accounts,
                                        const QStringList &triggers)
{
    m_accounts = accounts.keys();
    m_gitHubAccounts = gitHubAccountNames(accounts);
    m_triggers = triggers;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        setNames(static_cast<QComboBox *>(m_table->cellWidget(row, AccountColumn)), m_accounts,
                 false);
        setNames(static_cast<QComboBox *>(m_table->cellWidget(row, RetryColumn)), triggers, true);
    }
    updateCells();
}

void SettingsWatchesPage::updateCells()
{
    bool anyGitHub = !m_gitHubAccounts.isEmpty(), anyDockerHub = m_accounts.isEmpty();
    bool anyImage = false, anyBuilds = false;
    for (const QString &name : std::as_const(m_accounts))
        anyDockerHub = anyDockerHub || !m_gitHubAccounts.contains(name);
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const bool github = m_gitHubAccounts.contains(text(row, AccountColumn));
        const bool image = isImageRow(row);
        anyImage = anyImage || image;
        anyBuilds = anyBuilds || !image;
        anyGitHub = anyGitHub || (github && !image);
        anyDockerHub = anyDockerHub || (!github && !image);
        auto *target = static_cast<QLineEdit *>(m_table->cellWidget(row, TargetColumn));
        target->setPlaceholderText(image ? github ? QStringLiteral("ghcr.io/octo-org/base")
                                                  : QStringLiteral("acme/base")
                                           : github ? QStringLiteral("octo-org or octo-org/api")
                                                    : QStringLiteral("acme or acme/api"));
        const auto set = [&](Column column, bool enabled, const QString &placeholder) {
            QWidget *cell = m_table->cellWidget(row, column);
            cell->setEnabled(enabled);
            if (auto *edit = qobject_cast<QLineEdit *>(cell))
                edit->setPlaceholderText(enabled ? placeholder : QString());
        };
        set(TagsColumn, !github || image, image ? tr("latest; globs: v1.*") : tr("every tag"));
        set(MaxAgeColumn, image, tr("no limit"));
        set(WorkflowsColumn, github && !image, tr("all workflows"));
        set(BranchesColumn, github && !image, tr("default branch"));
        set(EventsColumn, github && !image, tr("all but pull requests"));
        set(ForksColumn, github && !image && !target->text().contains(QLatin1Char('/')), {});
        set(RetryColumn, !image, {});
        set(AttemptsColumn, !image, {});
    }
    if (!anyImage && !anyBuilds) // no rows: what the accounts can watch
        anyBuilds = true;
    m_table->setColumnHidden(TagsColumn, !anyDockerHub && !anyImage);
    m_table->setColumnHidden(MaxAgeColumn, !anyImage);
    for (int c : { WorkflowsColumn, BranchesColumn, EventsColumn, ForksColumn })
        m_table->setColumnHidden(c, !anyGitHub);
    QTableWidgetItem *targetHeader = m_table->horizontalHeaderItem(TargetColumn);
    targetHeader->setToolTip(tr("Docker Hub: a namespace or namespace/name; GitHub: an owner or "
                                "owner/name; an image: acme/base (Docker Hub) or "
                                "ghcr.io/acme/base (GitHub)"));
    QString title = !anyGitHub ? tr("Namespace or repository")
            : !anyDockerHub    ? tr("Owner or repository")
                               : tr("Namespace, owner or repository");
    if (anyImage)
        title = anyBuilds ? title.replace(tr(" or "), tr(", ")) + tr(" or image") : tr("Image");
    targetHeader->setText(title);
}

} // namespace hubhook
