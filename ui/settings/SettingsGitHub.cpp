#include "ui/settings/SettingsGitHub.h"

#include "ui/settings/SettingsWidgets.h"

#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>

namespace hubhook {

namespace {

constexpr int kMaxInputs = 25; // what GitHub's workflow_dispatch accepts

QString listProblem(const QStringList &values, bool (*valid)(const QString &), const QString &what,
                    int max)
{
    for (const QString &value : values) {
        if (!valid(value))
            return QObject::tr("\"%1\" is not %2").arg(value, what);
    }
    if (max > 0 && values.size() > max)
        return QObject::tr("at most %1 (each costs a request per read)").arg(max);
    return {};
}

QLineEdit *lineEdit(const QString &objectName, const QString &placeholder, QWidget *parent)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(placeholder);
    return edit;
}

} // namespace

QSet<QString> gitHubAccountNames(const QMap<QString, AccountConfig> &accounts)
{
    QSet<QString> names;
    for (const AccountConfig &a : accounts) {
        if (a.provider == QLatin1String("github"))
            names.insert(a.name);
    }
    return names;
}

bool isGitHubEventName(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z_]{0,49}$"));
    return re.match(text).hasMatch();
}

QString gitHubWorkflowsProblem(const QStringList &workflows)
{
    return listProblem(workflows, isGitHubWorkflow,
                       QObject::tr("a workflow file (\"ci.yml\") or id"), 20);
}

QString gitHubBranchesProblem(const QStringList &branches)
{
    return listProblem(branches, isGitRefName, QObject::tr("a branch name"), 10);
}

QString gitHubEventsProblem(const QStringList &events)
{
    return listProblem(events, isGitHubEventName,
                       QObject::tr("an event name (\"push\", \"schedule\")"), 0);
}

QJsonObject parseWorkflowInputs(const QString &text, QString *problem)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return {};
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    QString message;
    if (json.isNull())
        message = QObject::tr("not valid JSON: %1 at character %2")
                          .arg(error.errorString())
                          .arg(error.offset + 1);
    else if (!json.isObject())
        message = QObject::tr("expected a JSON object: {\"name\": \"value\"}");
    const QJsonObject inputs = json.object();
    if (message.isEmpty() && inputs.size() > kMaxInputs)
        message = QObject::tr("GitHub accepts at most %1 inputs, got %2")
                          .arg(kMaxInputs)
                          .arg(inputs.size());
    for (auto it = inputs.begin(); message.isEmpty() && it != inputs.end(); ++it) {
        if (it.value().isObject() || it.value().isArray() || it.value().isNull())
            message = QObject::tr("\"%1\": expected a string, number or true/false").arg(it.key());
    }
    if (problem && !message.isEmpty())
        *problem = message;
    return message.isEmpty() ? inputs : QJsonObject();
}

GitHubTriggerFields::GitHubTriggerFields(QWidget *parent)
    : QObject(parent),
      m_repository(
              lineEdit(QStringLiteral("repositoryEdit"), QStringLiteral("owner/name"), parent)),
      m_workflow(
              lineEdit(QStringLiteral("workflowEdit"), tr("ci.yml, or the workflow's id"), parent)),
      m_ref(lineEdit(QStringLiteral("refEdit"), tr("the branch or tag to run on: main"), parent)),
      m_inputs(new QPlainTextEdit(parent)),
      m_repositoryError(makeErrorLabel(QStringLiteral("repositoryError"), parent)),
      m_workflowError(makeErrorLabel(QStringLiteral("workflowError"), parent)),
      m_refError(makeErrorLabel(QStringLiteral("refError"), parent)),
      m_inputsError(makeErrorLabel(QStringLiteral("inputsError"), parent)),
      m_hint(new QLabel(tr("Runs the workflow through GitHub's API (workflow_dispatch: the "
                           "workflow must declare it). The account's token needs \"Actions: "
                           "write\"."),
                        parent))
{
    m_inputs->setObjectName(QStringLiteral("inputsEdit"));
    m_inputs->setPlaceholderText(tr("no inputs; a JSON object such as {\"environment\": "
                                    "\"staging\"} (at most 25 values)"));
    m_inputs->setMaximumHeight(80);
    m_inputs->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum); // no more than 80
    m_hint->setWordWrap(true);
    for (QLineEdit *e : { m_repository, m_workflow, m_ref })
        connect(e, &QLineEdit::textChanged, this, &GitHubTriggerFields::changed);
    connect(m_inputs, &QPlainTextEdit::textChanged, this, &GitHubTriggerFields::changed);
}

void GitHubTriggerFields::addRows(QFormLayout *form)
{
    m_rows = { withError(m_repository, m_repositoryError), withError(m_workflow, m_workflowError),
               withError(m_ref, m_refError), withError(m_inputs, m_inputsError), m_hint };
    form->addRow(tr("Repository"), m_rows[0]);
    form->addRow(tr("Workflow"), m_rows[1]);
    form->addRow(tr("Ref"), m_rows[2]);
    form->addRow(tr("Inputs"), m_rows[3]);
    form->addRow(QString(), m_rows[4]);
}

void GitHubTriggerFields::load(const TriggerConfig &t)
{
    m_repository->setText(t.repository);
    m_workflow->setText(t.workflow == QLatin1String("?") ? QString() : t.workflow);
    m_ref->setText(t.ref);
    m_inputs->setPlainText(t.inputs.isEmpty() ? QString()
                                              : QString::fromUtf8(QJsonDocument(t.inputs).toJson(
                                                      QJsonDocument::Indented)));
}

void GitHubTriggerFields::apply(TriggerConfig *t) const
{
    t->repository = m_repository->text().trimmed();
    t->viaApi = true; // a workflow dispatch, also while the workflow is missing (issues())
    t->workflow = m_workflow->text().trimmed();
    t->ref = m_ref->text().trimmed();
    t->inputs = parseWorkflowInputs(m_inputs->toPlainText(), nullptr);
}

QList<SettingsIssue> GitHubTriggerFields::issues() const
{
    QList<SettingsIssue> out;
    auto add = [&out](const QString &field, const QString &problem, QLabel *label) {
        if (!problem.isEmpty())
            out.append({ {}, field, problem, label });
    };
    const QString repository = m_repository->text().trimmed();
    add(tr("Repository"),
        repository.isEmpty()                     ? tr("required")
                : isGitHubRepository(repository) ? QString()
                                                 : tr("expected \"owner/name\""),
        m_repositoryError);
    const QString workflow = m_workflow->text().trimmed();
    add(tr("Workflow"),
        workflow.isEmpty()                   ? tr("required")
                : isGitHubWorkflow(workflow) ? QString()
                                             : tr("not a workflow file (\"ci.yml\") or id"),
        m_workflowError);
    const QString ref = m_ref->text().trimmed();
    add(tr("Ref"),
        ref.isEmpty()               ? tr("required")
                : isGitRefName(ref) ? QString()
                                    : tr("not a branch or tag name"),
        m_refError);
    QString problem;
    parseWorkflowInputs(m_inputs->toPlainText(), &problem);
    add(tr("Inputs"), problem, m_inputsError);
    return out;
}

} // namespace hubhook
