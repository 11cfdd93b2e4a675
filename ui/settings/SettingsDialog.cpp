#include "ui/settings/SettingsDialog.h"

#include "config/ConfigWriter.h"
#include "secrets/Secrets.h"
#include "ui/settings/SettingsAccountsPage.h"
#include "ui/settings/SettingsAutostart.h"
#include "ui/settings/SettingsDesktopPages.h"
#include "ui/settings/SettingsPollingPage.h"
#include "ui/settings/SettingsSecretFields.h"
#include "ui/settings/SettingsTriggersPage.h"
#include "ui/settings/SettingsWatchesPage.h"
#include "ui/settings/SettingsWebhooksPage.h"

#include <memory>
#include <QColor>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace hubhook {

namespace {
constexpr int kSecretWriteTimeoutMs = 60 * 1000; // the keyring may ask to be unlocked
const QString kProbeName = QStringLiteral("hubhook-keychain-probe");
const QString kSep = QStringLiteral(" › ");
} // namespace

SettingsDialog::SettingsDialog(const Config &config, const QString &configPath, SecretStore *store,
                               QWidget *parent)
    : QDialog(parent),
      m_base(config),
      m_configPath(configPath),
      m_store(store),
      m_pageList(new QListWidget(this)),
      m_pageStack(new QStackedWidget(this)),
      m_banner(new QLabel(this)),
      m_problems(new QLabel(this)),
      m_status(new QLabel(this))
{
    setWindowTitle(tr("Hubhook Settings"));
    setObjectName(QStringLiteral("settingsDialog"));
    resize(820, 620);
    layOut();
    addPages(store);
    // Names first, so that the combos offer them when the rows are loaded.
    m_watches->setReferences(config.accounts, {});
    m_triggers->setAccounts(config.accounts);
    m_refreshing = true;
    for (SettingsPage *page : std::as_const(m_pages))
        page->load(config);
    m_refreshing = false;
    refresh();
    probeKeychain();
}

void SettingsDialog::layOut()
{
    m_pageList->setObjectName(QStringLiteral("pageList"));
    m_pageList->setMaximumWidth(160);
    m_pageStack->setObjectName(QStringLiteral("pageStack"));
    m_banner->setObjectName(QStringLiteral("keychainBanner"));
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(QStringLiteral(
            "background: #fff3cd; color: #664d03; border: 1px solid #ffda6a; padding: 6px;"));
    m_banner->hide();
    m_problems->setObjectName(QStringLiteral("problemsLabel"));
    m_problems->setWordWrap(true);
    m_problems->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_saveButton = buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (save(&error))
            accept();
    });

    auto *body = new QHBoxLayout;
    body->addWidget(m_pageList);
    body->addWidget(m_pageStack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addLayout(body, 1);
    layout->addWidget(m_problems);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
}

void SettingsDialog::addPages(SecretStore *store)
{
    m_accounts = new SettingsAccountsPage;
    m_watches = new SettingsWatchesPage;
    m_triggers = new SettingsTriggersPage;
    addPage(m_accounts);
    addPage(m_watches);
    addPage(new SettingsPollingPage);
    addPage(new SettingsWebhooksPage(store));
    addPage(m_triggers);
    addPage(new SettingsNotificationsPage);
    addPage(new SettingsGeneralPage);
    connect(m_pageList, &QListWidget::currentRowChanged, m_pageStack,
            &QStackedWidget::setCurrentIndex);
    m_pageList->setCurrentRow(0);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::addPage(SettingsPage *page)
{
    m_pages.append(page);
    auto *scroll = new QScrollArea(m_pageStack);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    m_pageStack->addWidget(scroll);
    m_pageList->addItem(page->title());
    connect(page, &SettingsPage::changed, this, &SettingsDialog::refresh);
}

Config SettingsDialog::config() const
{
    Config c = m_base;
    for (SettingsPage *page : m_pages)
        page->apply(&c);
    return c;
}

QList<QPair<SettingsPage *, SettingsIssue>> SettingsDialog::issues(const Config &config) const
{
    QList<QPair<SettingsPage *, SettingsIssue>> out;
    for (SettingsPage *page : m_pages) {
        for (const SettingsIssue &issue : page->issues(config))
            out.append({ page, issue });
    }
    return out;
}

QStringList SettingsDialog::messages(
        const Config &config, const QList<QPair<SettingsPage *, SettingsIssue>> &issues) const
{
    QStringList out;
    for (const auto &[page, issue] : issues) {
        out.append(page->title() + kSep + (issue.item.isEmpty() ? QString() : issue.item + kSep)
                   + issue.field + QStringLiteral(": ") + issue.message);
    }
    QHash<QString, int> secretNames;
    for (SecretLineEdit *field : pendingSecrets()) {
        if (secretNames[field->effectiveReference()]++ == 1)
            out.append(tr("Keychain › %1: two fields would store a secret under this name")
                               .arg(field->effectiveReference()));
    }
    if (out.isEmpty()) {
        // The last word is the parser's: nothing that the engine would refuse is saved.
        for (const QString &error : parseConfig(configToJson(config)).errors)
            out.append(tr("Config › %1").arg(error));
    }
    return out;
}

QStringList SettingsDialog::validate() const
{
    const Config c = config();
    return messages(c, issues(c));
}

void SettingsDialog::refresh()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    Config c = config();
    QStringList triggers;
    for (const TriggerConfig &t : c.triggers)
        triggers.append(t.name);
    m_watches->setReferences(c.accounts, triggers);
    m_triggers->setAccounts(c.accounts);
    c = config(); // the triggers' kind follows their account's provider, which may have changed

    const auto found = issues(c);
    QHash<QLabel *, QStringList> lines;
    QSet<SettingsPage *> pagesWithIssues;
    for (const auto &[page, issue] : found) {
        pagesWithIssues.insert(page);
        if (issue.label)
            lines[issue.label].append(issue.shared ? issue.item + kSep + issue.field
                                                      + QStringLiteral(": ") + issue.message
                                                   : issue.message);
    }
    for (QLabel *label : findChildren<QLabel *>()) {
        if (!label->property("settingsError").toBool())
            continue;
        const QStringList text = lines.value(label);
        label->setText(text.join(QLatin1Char('\n')));
        label->setVisible(!text.isEmpty());
    }
    for (int i = 0; i < m_pages.size(); ++i) {
        QListWidgetItem *item = m_pageList->item(i);
        const bool bad = pagesWithIssues.contains(m_pages[i]);
        item->setText(m_pages[i]->title() + (bad ? QStringLiteral(" ⚠") : QString()));
        item->setForeground(bad ? QColor(0xc6, 0x28, 0x28) : palette().text().color());
    }
    const QStringList problems = messages(c, found);
    m_problems->setText(problems.isEmpty()
                                ? QString()
                                : tr("%n problem(s) to fix: %1", nullptr, int(problems.size()))
                                          .arg(problems.first()));
    m_problems->setVisible(!problems.isEmpty());
    m_saveButton->setEnabled(problems.isEmpty() && !m_saving);
    m_refreshing = false;
}

QList<SecretLineEdit *> SettingsDialog::pendingSecrets() const
{
    QList<SecretLineEdit *> out;
    for (SecretLineEdit *field : findChildren<SecretLineEdit *>()) {
        // A disabled field is not part of the config (the URL of a trigger that runs through
        // its provider's API).
        if (field->hasNewValue() && field->isEnabledTo(this))
            out.append(field);
    }
    return out;
}

void SettingsDialog::probeKeychain()
{
    if (!m_store) {
        showKeychainProblem(tr("no keychain"));
        return;
    }
    QPointer<SettingsDialog> self(this);
    auto answer = [self](QPointer<SecretLineEdit> field, const SecretResult &r) {
        if (!self)
            return;
        if (r.error == SecretError::Unavailable || r.error == SecretError::Other)
            self->showKeychainProblem(r.message);
        if (!field)
            return;
        field->setState(r.ok() ? SecretLineEdit::State::Stored
                                : r.error == SecretError::NotFound
                                ? SecretLineEdit::State::Missing
                                : SecretLineEdit::State::Unavailable);
    };
    bool probed = false;
    for (SecretLineEdit *field : findChildren<SecretLineEdit *>()) {
        if (field->reference().isEmpty() || !field->secretMode())
            continue;
        probed = true;
        field->setState(SecretLineEdit::State::Checking);
        QPointer<SecretLineEdit> f(field);
        m_store->read(field->reference(), [answer, f](const SecretResult &r) { answer(f, r); });
    }
    if (!probed)
        m_store->read(kProbeName, [answer](const SecretResult &r) { answer(nullptr, r); });
}

void SettingsDialog::showKeychainProblem(const QString &detail)
{
    m_keychainProblem = true;
    m_banner->setText(tr("<b>The keychain is locked or missing</b> (%1). Secrets are never "
                         "written in plain text: tokens, secret URLs and signing secrets you "
                         "type here cannot be saved until the keychain is available (unlock "
                         "it, or start a secret service such as gnome-keyring or KWallet).")
                              .arg(detail.toHtmlEscaped()));
    m_banner->show();
}

bool SettingsDialog::writeSecrets(const QList<SecretLineEdit *> &fields, QString *error)
{
    if (!m_store) {
        *error = tr("no keychain to store the secrets in");
        return false;
    }
    struct Pending
    {
        int left = 0;
        QStringList errors;
        QPointer<QEventLoop> loop;
    };
    auto pending = std::make_shared<Pending>();
    QEventLoop loop;
    pending->loop = &loop;
    pending->left = int(fields.size());
    for (SecretLineEdit *field : fields) {
        m_store->write(field->effectiveReference(), field->text(),
                       [pending](const SecretResult &r) {
                           if (!r.ok())
                               pending->errors.append(r.message);
                           if (--pending->left == 0 && pending->loop)
                               pending->loop->quit();
                       });
    }
    QTimer::singleShot(kSecretWriteTimeoutMs, &loop, &QEventLoop::quit);
    if (pending->left > 0)
        loop.exec();
    pending->loop = nullptr;
    if (pending->left > 0)
        pending->errors.append(tr("the keychain did not answer"));
    if (pending->errors.isEmpty())
        return true;
    *error = pending->errors.first();
    return false;
}

bool SettingsDialog::save(QString *error)
{
    auto fail = [this, error](const QString &message) {
        setStatus(message, true);
        if (error)
            *error = message;
        return false;
    };
    if (m_saving)
        return fail(tr("already saving"));
    const Config c = config();
    const QStringList problems = messages(c, issues(c));
    if (!problems.isEmpty())
        return fail(tr("Not saved: %1").arg(problems.join(QStringLiteral("; "))));
    const QList<SecretLineEdit *> secrets = pendingSecrets();
    if (!secrets.isEmpty()) {
        m_saving = true;
        m_saveButton->setEnabled(false);
        m_pageStack->setEnabled(false); // what is saved was read above
        QString secretError;
        const bool stored = writeSecrets(secrets, &secretError);
        m_pageStack->setEnabled(true);
        m_saving = false;
        refresh();
        if (!stored) {
            showKeychainProblem(secretError);
            return fail(tr("Not saved: the keychain could not store a secret (%1). Secrets are "
                           "never written in plain text; unlock or start the keychain and save "
                           "again.")
                                .arg(secretError));
        }
        for (SecretLineEdit *field : secrets)
            field->markStored();
    }
    QString fileError;
    if (!saveConfigFile(m_configPath, c, &fileError))
        return fail(tr("Not saved: %1").arg(fileError));
    m_base = c;
    QString autostartError;
    if (!applyAutostart(c.general.startAtLogin, m_configPath, &autostartError))
        return fail(tr("Saved, but %1").arg(autostartError));
    setStatus(tr("Saved to %1").arg(m_configPath), false);
    Q_EMIT configSaved(c);
    return true;
}

void SettingsDialog::reject()
{
    if (!m_saving) // save() waits for the keychain in a nested event loop
        QDialog::reject();
}

void SettingsDialog::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

} // namespace hubhook
