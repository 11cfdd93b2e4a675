#include "ui/settings/SettingsTriggerEditor.h"

#include "config/ConfigWriter.h"
#include "core/Schedule.h"
#include "support/TimeText.h"
#include "ui/settings/SettingsProviderFields.h"
#include "ui/settings/SettingsSecretFields.h"
#include "ui/settings/SettingsTriggersPage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>

#include <algorithm>

namespace hubhook {

namespace {

const QStringList kMethods = { QStringLiteral("POST"), QStringLiteral("GET"), QStringLiteral("PUT"),
                               QStringLiteral("PATCH") };

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

// "image:latest" of each registry's example image, from its provider's descriptor.
QString imageTagExamples()
{
    QStringList examples;
    for (const ProviderDescriptor *p : providerDescriptors()) {
        if (!p->imageExample().isEmpty())
            examples.append(p->imageExample() + QStringLiteral(":latest"));
    }
    return joinWords(examples, TriggerEditor::tr("or"));
}

// "owner/name" of any provider.
bool isAnyRepository(const QString &text)
{
    const auto providers = providerDescriptors();
    return std::any_of(providers.cbegin(), providers.cend(),
                       [&text](const ProviderDescriptor *p) { return p->isRepository(text); });
}

// What a URL trigger does, and what a trigger of a provider that runs them does instead.
QString urlKindText()
{
    QString text = TriggerEditor::tr("Calls a URL. With an account it sends the account's "
                                     "authorisation (for a provider's authenticated trigger "
                                     "endpoint).");
    for (const ProviderDescriptor *p : providerDescriptors()) {
        if (p->runsTriggers())
            text += TriggerEditor::tr(" With a %1 account it %2.")
                            .arg(p->displayName(), p->triggerAction());
    }
    return text;
}

} // namespace

TriggerEditor::TriggerEditor()
    : m_name(lineEdit(QStringLiteral("nameEdit"), {}, this)),
      m_account(new QComboBox(this)),
      m_kind(new QLabel(this)),
      m_url(new SecretUrlField(this)),
      m_method(new QComboBox(this)),
      m_body(new QPlainTextEdit(this)),
      m_headers(new QPlainTextEdit(this)),
      m_apiHint(new QLabel(this)),
      m_schedule(lineEdit(QStringLiteral("scheduleEdit"),
                          tr("cron (0 3 * * *), Quartz (0 0 3 ? * MON-FRI) or every 90m"), this)),
      m_preview(new QLabel(this)),
      m_afterSuccessOf(lineEdit(QStringLiteral("afterSuccessOfEdit"),
                                tr("namespace/name or namespace/name:tag"), this)),
      m_afterPushOf(lineEdit(QStringLiteral("afterPushOfEdit"),
                             tr("image:tag (%1)").arg(imageTagExamples()), this)),
      m_expect(new QGroupBox(tr("Expect a build after each fire"), this)),
      m_expectRepository(lineEdit(QStringLiteral("expectRepositoryEdit"),
                                  QStringLiteral("namespace/name"), this)),
      m_expectTag(lineEdit(QStringLiteral("expectTagEdit"), tr("any tag"), this)),
      m_expectWithin(lineEdit(QStringLiteral("expectWithinEdit"), {}, this)),
      m_jitter(lineEdit(QStringLiteral("jitterEdit"), QStringLiteral("0s"), this)),
      m_timeout(lineEdit(QStringLiteral("timeoutEdit"), {}, this))
{
    setObjectName(QStringLiteral("triggerEditor"));
    setUpFields();
    layOut();
    connectChanges();
    load(TriggerConfig());
}

void TriggerEditor::setUpFields()
{
    m_errors.insert(QStringLiteral("url"), m_url->errorLabel());
    m_method->setObjectName(QStringLiteral("methodCombo"));
    m_method->addItems(kMethods);
    m_body->setObjectName(QStringLiteral("bodyEdit"));
    m_body->setPlaceholderText(tr("no body; JSON such as {\"docker_tag\": \"latest\"}"));
    m_body->setMaximumHeight(80);
    m_body->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    m_headers->setObjectName(QStringLiteral("headersEdit"));
    m_headers->setPlaceholderText(tr("one per line: Name: value (a value may be secret:NAME)"));
    m_headers->setMaximumHeight(60);
    m_headers->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    m_account->setObjectName(QStringLiteral("accountCombo"));
    m_account->setEditable(true);
    m_kind->setObjectName(QStringLiteral("triggerKind"));
    m_kind->setWordWrap(true);
    m_preview->setObjectName(QStringLiteral("schedulePreview"));
    m_apiHint->setObjectName(QStringLiteral("apiTriggerHint"));
    m_apiHint->setWordWrap(true);
    m_expect->setObjectName(QStringLiteral("expectBuildGroup"));
    m_expect->setCheckable(true);
    m_expect->setChecked(false);
}

void TriggerEditor::layOut()
{
    m_expectForm = new QFormLayout(m_expect);
    m_rows.insert(QStringLiteral("expectRepository"),
                  field(m_expectRepository, QStringLiteral("expectRepository")));
    m_expectForm->addRow(tr("Repository"), m_rows.value(QStringLiteral("expectRepository")));
    m_expectForm->addRow(tr("Tag"), m_expectTag);
    m_expectForm->addRow(tr("Within"), field(m_expectWithin, QStringLiteral("expectWithin")));

    m_form = new QFormLayout(this);
    m_form->addRow(tr("Name"), field(m_name, QStringLiteral("name")));
    m_form->addRow(tr("Account"), field(m_account, QStringLiteral("account")));
    m_form->addRow(QString(), m_kind);
    m_form->addRow(tr("URL"), m_url);
    m_form->addRow(tr("Method"), m_method);
    m_rows.insert(QStringLiteral("body"), field(m_body, QStringLiteral("body")));
    m_form->addRow(tr("Body"), m_rows.value(QStringLiteral("body")));
    m_rows.insert(QStringLiteral("headers"), field(m_headers, QStringLiteral("headers")));
    m_form->addRow(tr("Headers"), m_rows.value(QStringLiteral("headers")));
    m_apiFields = new ProviderFieldRows(&ProviderDescriptor::triggerFields, m_form, this);
    m_form->addRow(QString(), m_apiHint);
    auto *schedule = new QVBoxLayout;
    schedule->addWidget(m_schedule);
    schedule->addWidget(m_preview);
    m_errors.insert(QStringLiteral("schedule"),
                    makeErrorLabel(QStringLiteral("scheduleError"), this));
    m_form->addRow(tr("Schedule"), withError(schedule, error(QStringLiteral("schedule"))));
    m_form->addRow(tr("After success of"),
                   field(m_afterSuccessOf, QStringLiteral("afterSuccessOf")));
    m_form->addRow(tr("After push of"), field(m_afterPushOf, QStringLiteral("afterPushOf")));
    m_form->addRow(m_expect);
    m_form->addRow(tr("Jitter"), field(m_jitter, QStringLiteral("jitter")));
    m_form->addRow(tr("Timeout"), field(m_timeout, QStringLiteral("timeout")));
}

void TriggerEditor::connectChanges()
{
    for (QLineEdit *e : { m_name, m_schedule, m_afterSuccessOf, m_afterPushOf, m_expectRepository,
                          m_expectTag, m_expectWithin, m_jitter, m_timeout })
        connect(e, &QLineEdit::textChanged, this, &SettingsItemEditor::changed);
    for (QPlainTextEdit *e : { m_body, m_headers })
        connect(e, &QPlainTextEdit::textChanged, this, &SettingsItemEditor::changed);
    connect(m_url, &SecretUrlField::changed, this, &SettingsItemEditor::changed);
    connect(m_apiFields, &ProviderFieldRows::changed, this, &SettingsItemEditor::changed);
    connect(m_method, &QComboBox::currentIndexChanged, this, &SettingsItemEditor::changed);
    connect(m_account, &QComboBox::currentTextChanged, this, [this] {
        showKind();
        Q_EMIT changed();
    });
    connect(m_expect, &QGroupBox::toggled, this, &SettingsItemEditor::changed);
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &name) {
        m_url->edit()->setDefaultReference(
                secretNameFor(name.trimmed(), QStringLiteral("trigger")));
    });
    connect(m_schedule, &QLineEdit::textChanged, this, [this](const QString &text) {
        const QString preview = schedulePreview(text, QDateTime::currentDateTime());
        m_preview->setText(preview.startsWith(QLatin1String("error: ")) ? QString() : preview);
        m_preview->setVisible(!m_preview->text().isEmpty());
    });
}

QWidget *TriggerEditor::field(QWidget *w, const QString &name)
{
    QLabel *label = makeErrorLabel(name + QStringLiteral("Error"), this);
    m_errors.insert(name, label);
    return withError(w, label);
}

const ProviderDescriptor *TriggerEditor::apiProvider(const QString &account) const
{
    if (account.isEmpty())
        return nullptr;
    const ProviderDescriptor *p = providerDescriptor(m_accounts.value(account).provider);
    if (!p) // an account the config does not name: the default provider's, as the parser says
        p = providerDescriptor(defaultProviderId());
    return p && p->runsTriggers() ? p : nullptr;
}

void TriggerEditor::showKind()
{
    m_api = apiProvider(m_account->currentText().trimmed());
    for (QWidget *w :
         { static_cast<QWidget *>(m_url), static_cast<QWidget *>(m_method),
           m_rows.value(QStringLiteral("body")), m_rows.value(QStringLiteral("headers")) })
        m_form->setRowVisible(w, !m_api);
    m_url->setEnabled(!m_api); // its secret is not stored for a trigger that calls no URL
    m_apiFields->show(m_api);
    m_apiHint->setText(m_api ? m_api->triggerHint() : QString());
    m_form->setRowVisible(m_apiHint, !m_apiHint->text().isEmpty());
    m_expectForm->setRowVisible(m_rows.value(QStringLiteral("expectRepository")), !m_api);
    m_expectForm->setRowVisible(m_expectTag, !m_api);
    m_expect->setTitle(m_api ? tr("Expect a %1 after each fire").arg(m_api->buildName())
                             : tr("Expect a build after each fire"));
    m_kind->setText(m_api ? tr("A %1 account: this trigger %2.")
                                    .arg(m_api->displayName(), m_api->triggerAction())
                          : urlKindText());
}

void TriggerEditor::load(const TriggerConfig &t)
{
    m_loaded = t;
    m_name->setText(t.name);
    m_url->load(t.url, t.urlSecret);
    m_method->setCurrentIndex(qMax(0, int(kMethods.indexOf(QString::fromLatin1(t.method)))));
    const QJsonDocument json = QJsonDocument::fromJson(t.body);
    m_body->setPlainText(json.isNull() ? QString::fromUtf8(t.body)
                                       : QString::fromUtf8(json.toJson(QJsonDocument::Indented)));
    m_headers->setPlainText(headerLines(t.headers));
    m_account->setCurrentText(t.account);
    const ProviderDescriptor *api = apiProvider(t.account);
    m_apiFields->load(api && t.viaApi ? api->writeTrigger(t) : ConfigFieldList());
    m_schedule->setText(t.schedule);
    m_preview->setVisible(!t.schedule.isEmpty());
    m_afterSuccessOf->setText(t.afterSuccessOf);
    m_afterPushOf->setText(writtenImage(t.afterPushOf)); // as the config file writes it
    m_expect->setChecked(t.expectBuild.has_value());
    const ExpectBuild expect = t.expectBuild.value_or(ExpectBuild());
    m_expectRepository->setText(t.viaApi ? QString() : expect.repository);
    m_expectTag->setText(t.viaApi ? QString() : expect.tag);
    m_expectWithin->setText(configDuration(expect.withinMs));
    m_jitter->setText(t.jitterMs ? configDuration(t.jitterMs) : QString());
    m_timeout->setText(configDuration(t.timeoutMs));
    showKind();
}

void TriggerEditor::setAccounts(const QMap<QString, AccountConfig> &accounts)
{
    m_accounts = accounts;
    const QString current = m_account->currentText();
    {
        const QSignalBlocker blocker(m_account);
        m_account->clear();
        m_account->addItem(QString());
        m_account->addItems(accounts.keys());
        m_account->setCurrentText(current);
    }
    showKind();
}

QByteArray TriggerEditor::body(QString *problem) const
{
    const QString text = m_body->toPlainText();
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (!trimmed.startsWith(QLatin1Char('{')) && !trimmed.startsWith(QLatin1Char('[')))
        return text.toUtf8(); // a plain string body
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    if (json.isNull()) {
        if (problem)
            *problem = tr("not valid JSON: %1 at character %2")
                               .arg(error.errorString())
                               .arg(error.offset + 1);
        return text.toUtf8();
    }
    return json.toJson(QJsonDocument::Compact);
}

TriggerConfig TriggerEditor::item() const
{
    const TriggerConfig defaults;
    TriggerConfig t = m_loaded;
    t.name = name();
    t.account = m_account->currentText().trimmed();
    t.repository.clear();
    t.workflow.clear();
    t.ref.clear();
    t.inputs = {};
    if (m_api) {
        // It calls no URL: its provider's parser reads its fields (what is wrong: issues()).
        t.url.clear();
        t.urlSecret.clear();
        t.method = defaults.method;
        t.body.clear();
        t.headers.clear();
        m_api->parseTrigger(m_apiFields->object(), {}, t, JsonFields(nullptr));
    } else {
        t.viaApi = false;
        m_url->apply(&t.url, &t.urlSecret);
        t.method = m_method->currentText().toLatin1();
        t.body = body(nullptr);
        t.headers = parseHeaderLines(m_headers->toPlainText(), nullptr);
    }
    t.schedule = m_schedule->text().trimmed();
    t.afterSuccessOf = m_afterSuccessOf->text().trimmed();
    t.afterPushOf = canonicalImage(m_afterPushOf->text().trimmed());
    t.expectBuild.reset();
    if (m_expect->isChecked()) {
        // Through an API: the build its provider says a fire starts (as the parser reads it).
        ExpectBuild e = m_api ? m_api->expectationOf(t) : ExpectBuild();
        if (!m_api) {
            e.repository = m_expectRepository->text().trimmed();
            e.tag = m_expectTag->text().trimmed();
        }
        e.withinMs = parseDuration(m_expectWithin->text()).value_or(e.withinMs);
        t.expectBuild = e;
    }
    t.jitterMs = parseDuration(m_jitter->text()).value_or(0);
    t.timeoutMs = parseDuration(m_timeout->text()).value_or(t.timeoutMs);
    return t;
}

// Its fields as its provider's parser reads them; a field that cannot be read as its kind asks
// (an object that is not JSON) is not handed to the parser.
QList<SettingsIssue> TriggerEditor::apiIssues(const ProviderDescriptor &p) const
{
    QList<SettingsIssue> out;
    const QJsonObject o = m_apiFields->object(&out);
    QStringList errors;
    TriggerConfig t;
    p.parseTrigger(o, {}, t, JsonFields(&errors));
    return out + m_apiFields->issues(errors);
}

QList<SettingsIssue> TriggerEditor::urlIssues() const
{
    QList<SettingsIssue> out;
    auto add = [&](const QString &field, const QString &title, const QString &problem) {
        if (!problem.isEmpty())
            out.append({ {}, title, problem, error(field) });
    };
    add(QStringLiteral("url"), tr("URL"), m_url->problem());
    QString problem;
    body(&problem);
    add(QStringLiteral("body"), tr("Body"), problem);
    problem.clear();
    parseHeaderLines(m_headers->toPlainText(), &problem);
    add(QStringLiteral("headers"), tr("Headers"), problem);
    if (m_expect->isChecked()) {
        const QString repository = m_expectRepository->text().trimmed();
        add(QStringLiteral("expectRepository"), tr("Expected repository"),
            repository.isEmpty()                          ? tr("required")
                    : isRepositoryName(repository, false) ? QString()
                                                          : tr("expected \"namespace/name\""));
    }
    return out;
}

// "After success of" a repository of any provider, "After push of" a watched image's tag.
void TriggerEditor::addLinkIssues(const Config &config, QList<SettingsIssue> *out) const
{
    auto add = [&](const QString &field, const QString &title, const QString &problem) {
        if (!problem.isEmpty())
            out->append({ {}, title, problem, error(field) });
    };
    const QString after = m_afterSuccessOf->text().trimmed();
    if (!after.isEmpty() && !isRepositoryName(after, true) && !isAnyRepository(after))
        add(QStringLiteral("afterSuccessOf"), tr("After success of"),
            tr("expected \"namespace/name\" or \"namespace/name:tag\""));
    const QString push = m_afterPushOf->text().trimmed();
    if (push.isEmpty())
        return;
    const qsizetype colon = push.lastIndexOf(QLatin1Char(':'));
    const QString image = canonicalImage(push.left(colon));
    const bool watched = std::any_of(
            config.watch.cbegin(), config.watch.cend(),
            [&image](const WatchConfig &w) { return w.isImage() && w.image == image; });
    if (colon <= 0 || colon == push.size() - 1 || push.indexOf(QLatin1Char('/'), colon) >= 0)
        add(QStringLiteral("afterPushOf"), tr("After push of"),
            tr("expected \"image:tag\" (%1)").arg(imageTagExamples()));
    else if (!watched)
        add(QStringLiteral("afterPushOf"), tr("After push of"),
            tr("no image watch of %1: add one in Watches").arg(image));
}

QList<SettingsIssue> TriggerEditor::issues(const Config &config) const
{
    QList<SettingsIssue> out = m_api ? apiIssues(*m_api) : urlIssues();
    auto add = [&](const QString &field, const QString &title, const QString &problem) {
        if (!problem.isEmpty())
            out.append({ {}, title, problem, error(field) });
    };
    const QString account = m_account->currentText().trimmed();
    if (!account.isEmpty() && !config.accounts.contains(account))
        add(QStringLiteral("account"), tr("Account"), tr("no account named \"%1\"").arg(account));
    QString problem;
    if (!m_schedule->text().trimmed().isEmpty())
        Schedule::parse(m_schedule->text().trimmed(), &problem);
    add(QStringLiteral("schedule"), tr("Schedule"), problem);
    addLinkIssues(config, &out);
    if (m_expect->isChecked())
        add(QStringLiteral("expectWithin"), tr("Expected within"),
            durationProblem(m_expectWithin->text(), 1000));
    add(QStringLiteral("jitter"), tr("Jitter"), durationProblem(m_jitter->text(), 0, false));
    add(QStringLiteral("timeout"), tr("Timeout"), durationProblem(m_timeout->text(), 100));
    return out;
}

} // namespace hubhook
