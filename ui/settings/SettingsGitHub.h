#pragma once

// The GitHub parts of the settings pages: field checks shared by the Watches and Triggers
// pages, and the GitHub kind of a trigger (dispatch a workflow instead of calling a URL).

#include "config/Config.h"

#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace hubhook {

struct SettingsIssue;

// Names of the accounts whose provider is GitHub.
QSet<QString> gitHubAccountNames(const QMap<QString, AccountConfig> &accounts);

// A GitHub event name as the config takes it ("push", "workflow_dispatch").
bool isGitHubEventName(const QString &text);

// Checks of a comma-separated GitHub list (workflows, branches, events): empty when fine, else
// the message naming the first bad value, or the count when there are more than `max` (0: any).
QString gitHubWorkflowsProblem(const QStringList &workflows);
QString gitHubBranchesProblem(const QStringList &branches);
QString gitHubEventsProblem(const QStringList &events);

// A trigger's `inputs` as typed: a JSON object of at most 25 string, number or true/false
// values (empty text: no inputs). *problem gets the message when it is not.
QJsonObject parseWorkflowInputs(const QString &text, QString *problem);

// The fields of a GitHub trigger, rows of the trigger editor's form: `repositoryEdit`,
// `workflowEdit`, `refEdit`, `inputsEdit` and their `...Error` labels.
class GitHubTriggerFields : public QObject
{
    Q_OBJECT
public:
    explicit GitHubTriggerFields(QWidget *parent);
    void addRows(QFormLayout *form);
    QList<QWidget *> rows() const { return m_rows; } // the fields of the rows, to hide them
    void load(const TriggerConfig &t);
    // Sets repository, workflow, ref and inputs of `t` (workflow "?" when empty, so that `t`
    // stays a GitHub trigger).
    void apply(TriggerConfig *t) const;
    QList<SettingsIssue> issues() const;

Q_SIGNALS:
    void changed();

private:
    QLineEdit *m_repository;
    QLineEdit *m_workflow;
    QLineEdit *m_ref;
    QPlainTextEdit *m_inputs;
    QLabel *m_repositoryError;
    QLabel *m_workflowError;
    QLabel *m_refError;
    QLabel *m_inputsError;
    QLabel *m_hint;
    QList<QWidget *> m_rows;
};

} // namespace hubhook
