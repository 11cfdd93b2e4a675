#include "ui/SettingsTriggersPage.h"

#include "config/ConfigWriter.h"
#include "core/Schedule.h"
#include "support/TimeText.h"
#include "ui/SettingsSecretFields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>

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

class TriggerEditor : public SettingsItemEditor
{
public:
    TriggerEditor();
    void load(const TriggerConfig &t);
    TriggerConfig trigger() const;
    void setAccountNames(const QStringList &names);
    QString name() const override { return m_name->text().trimmed(); }
    void setName(const QString &name) override { m_name->setText(name); }
    QLabel *nameErrorLabel() const override { return m_errors.value(QStringLiteral("name")); }
    QList<SettingsIssue> issues(const Config &config) const override;

private:
    void setUpFields();
    void layOut();
    void connectChanges();
    QLabel *error(const QString &field) const { return m_errors.value(field); }
    QWidget *field(QWidget *w, const QString &name);
    QByteArray body(QString *problem) const;

    QLineEdit *m_name;
    SecretUrlField *m_url;
    QComboBox *m_method;
    QPlainTextEdit *m_body;
    QPlainTextEdit *m_headers;
    QComboBox *m_account;
    QLineEdit *m_schedule;
    QLabel *m_preview;
    QLineEdit *m_afterSuccessOf;
    QGroupBox *m_expect;
    QLineEdit *m_expectRepository;
    QLineEdit *m_expectTag;
    QLineEdit *m_expectWithin;
    QLineEdit *m_jitter;
    QLineEdit *m_timeout;
    QHash<QString, QLabel *> m_errors; // by field: "name" -> nameError
    TriggerConfig m_loaded;
};

TriggerEditor::TriggerEditor()
    : m_name(lineEdit(QStringLiteral("nameEdit"), {}, this)),
      m_url(new SecretUrlField(this)),
      m_method(new QComboBox(this)),
      m_body(new QPlainTextEdit(this)),
      m_headers(new QPlainTextEdit(this)),
      m_account(new QComboBox(this)),
      m_schedule(lineEdit(QStringLiteral("scheduleEdit"),
                          tr("cron (0 3 * * *), Quartz (0 0 3 ? * MON-FRI) or every 90m"), this)),
      m_preview(new QLabel(this)),
      m_afterSuccessOf(lineEdit(QStringLiteral("afterSuccessOfEdit"),
                                tr("namespace/name or namespace/name:tag"), this)),
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
    m_headers->setObjectName(QStringLiteral("headersEdit"));
    m_headers->setPlaceholderText(tr("one per line: Name: value (a value may be secret:NAME)"));
    m_headers->setMaximumHeight(60);
    m_account->setObjectName(QStringLiteral("accountCombo"));
    m_account->setEditable(true);
    m_account->setToolTip(tr("Send this account's Docker Hub token (for the authenticated "
                             "autobuild/trigger-build endpoint)"));
    m_preview->setObjectName(QStringLiteral("schedulePreview"));
    m_expect->setObjectName(QStringLiteral("expectBuildGroup"));
    m_expect->setCheckable(true);
    m_expect->setChecked(false);
}

void TriggerEditor::layOut()
{
    auto *expect = new QFormLayout(m_expect);
    expect->addRow(tr("Repository"), field(m_expectRepository, QStringLiteral("expectRepository")));
    expect->addRow(tr("Tag"), m_expectTag);
    expect->addRow(tr("Within"), field(m_expectWithin, QStringLiteral("expectWithin")));

    auto *form = new QFormLayout(this);
    form->addRow(tr("Name"), field(m_name, QStringLiteral("name")));
    form->addRow(tr("URL"), m_url);
    form->addRow(tr("Method"), m_method);
    form->addRow(tr("Body"), field(m_body, QStringLiteral("body")));
    form->addRow(tr("Headers"), field(m_headers, QStringLiteral("headers")));
    form->addRow(tr("Account"), field(m_account, QStringLiteral("account")));
    auto *schedule = new QVBoxLayout;
    schedule->addWidget(m_schedule);
    schedule->addWidget(m_preview);
    m_errors.insert(QStringLiteral("schedule"),
                    makeErrorLabel(QStringLiteral("scheduleError"), this));
    form->addRow(tr("Schedule"), withError(schedule, error(QStringLiteral("schedule"))));
    form->addRow(tr("After success of"), field(m_afterSuccessOf, QStringLiteral("afterSuccessOf")));
    form->addRow(m_expect);
    form->addRow(tr("Jitter"), field(m_jitter, QStringLiteral("jitter")));
    form->addRow(tr("Timeout"), field(m_timeout, QStringLiteral("timeout")));
}

void TriggerEditor::connectChanges()
{
    for (QLineEdit *e : { m_name, m_schedule, m_afterSuccessOf, m_expectRepository, m_expectTag,
                          m_expectWithin, m_jitter, m_timeout })
        connect(e, &QLineEdit::textChanged, this, &SettingsItemEditor::changed);
    for (QPlainTextEdit *e : { m_body, m_headers })
        connect(e, &QPlainTextEdit::textChanged, this, &SettingsItemEditor::changed);
    connect(m_url, &SecretUrlField::changed, this, &SettingsItemEditor::changed);
    connect(m_method, &QComboBox::currentIndexChanged, this, &SettingsItemEditor::changed);
    connect(m_account, &QComboBox::currentTextChanged, this, &SettingsItemEditor::changed);
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
    m_schedule->setText(t.schedule);
    m_preview->setVisible(!t.schedule.isEmpty());
    m_afterSuccessOf->setText(t.afterSuccessOf);
    m_expect->setChecked(t.expectBuild.has_value());
    const ExpectBuild expect = t.expectBuild.value_or(ExpectBuild());
    m_expectRepository->setText(expect.repository);
    m_expectTag->setText(expect.tag);
    m_expectWithin->setText(configDuration(expect.withinMs));
    m_jitter->setText(t.jitterMs ? configDuration(t.jitterMs) : QString());
    m_timeout->setText(configDuration(t.timeoutMs));
}

void TriggerEditor::setAccountNames(const QStringList &names)
{
    const QString current = m_account->currentText();
    const QSignalBlocker blocker(m_account);
    m_account->clear();
    m_account->addItem(QString());
    m_account->addItems(names);
    m_account->setCurrentText(current);
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

TriggerConfig TriggerEditor::trigger() const
{
    TriggerConfig t = m_loaded;
    t.name = name();
    m_url->apply(&t.url, &t.urlSecret);
    t.method = m_method->currentText().toLatin1();
    t.body = body(nullptr);
    t.headers = parseHeaderLines(m_headers->toPlainText(), nullptr);
    t.account = m_account->currentText().trimmed();
    t.schedule = m_schedule->text().trimmed();
    t.afterSuccessOf = m_afterSuccessOf->text().trimmed();
    t.expectBuild.reset();
    if (m_expect->isChecked()) {
        ExpectBuild e;
        e.repository = m_expectRepository->text().trimmed();
        e.tag = m_expectTag->text().trimmed();
        e.withinMs = parseDuration(m_expectWithin->text()).value_or(e.withinMs);
        t.expectBuild = e;
    }
    t.jitterMs = parseDuration(m_jitter->text()).value_or(0);
    t.timeoutMs = parseDuration(m_timeout->text()).value_or(t.timeoutMs);
    return t;
}

QList<SettingsIssue> TriggerEditor::issues(const Config &config) const
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
    const QString account = m_account->currentText().trimmed();
    if (!account.isEmpty() && !config.accounts.contains(account))
        add(QStringLiteral("account"), tr("Account"), tr("no account named \"%1\"").arg(account));
    problem.clear();
    if (!m_schedule->text().trimmed().isEmpty())
        Schedule::parse(m_schedule->text().trimmed(), &problem);
    add(QStringLiteral("schedule"), tr("Schedule"), problem);
    const QString after = m_afterSuccessOf->text().trimmed();
    if (!after.isEmpty() && !isRepositoryName(after, true))
        add(QStringLiteral("afterSuccessOf"), tr("After success of"),
            tr("expected \"namespace/name\" or \"namespace/name:tag\""));
    if (m_expect->isChecked()) {
        const QString repository = m_expectRepository->text().trimmed();
        add(QStringLiteral("expectRepository"), tr("Expected repository"),
            repository.isEmpty()                          ? tr("required")
                    : isRepositoryName(repository, false) ? QString()
                                                          : tr("expected \"namespace/name\""));
        add(QStringLiteral("expectWithin"), tr("Expected within"),
            durationProblem(m_expectWithin->text(), 1000));
    }
    add(QStringLiteral("jitter"), tr("Jitter"), durationProblem(m_jitter->text(), 0, false));
    add(QStringLiteral("timeout"), tr("Timeout"), durationProblem(m_timeout->text(), 100));
    return out;
}

} // namespace

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
    : SettingsListPage(QStringLiteral("trigger"),
                       tr("Rebuild triggers: URLs Hubhook calls on a schedule, after a parent "
                          "build succeeds, or to retry a failed build."),
                       parent)
{
    setObjectName(QStringLiteral("triggersPage"));
}

void SettingsTriggersPage::load(const Config &config)
{
    clear();
    for (const TriggerConfig &t : config.triggers) {
        auto *editor = static_cast<TriggerEditor *>(createEditor());
        editor->load(t);
        addEditor(editor);
    }
}

void SettingsTriggersPage::apply(Config *config) const
{
    config->triggers.clear();
    for (int i = 0; i < count(); ++i)
        config->triggers.append(static_cast<TriggerEditor *>(editorAt(i))->trigger());
}

void SettingsTriggersPage::setAccountNames(const QStringList &names)
{
    m_accounts = names;
    for (int i = 0; i < count(); ++i)
        static_cast<TriggerEditor *>(editorAt(i))->setAccountNames(names);
}

SettingsItemEditor *SettingsTriggersPage::createEditor()
{
    auto *editor = new TriggerEditor;
    editor->setAccountNames(m_accounts);
    return editor;
}

} // namespace hubhook
