// The parts of the config that only GitHub accounts have: what a watch of an owner or a
// repository covers, and triggers that dispatch a workflow.
#include "config/ConfigFields.h"
#include "config/Validation.h"

#include <QRegularExpression>

namespace hubhook::configfields {

namespace {

QStringList checkedList(const QJsonObject &o, const QString &key, const QString &path,
                        bool (*valid)(const QString &), const QString &what, const JsonFields &f)
{
    const QStringList values = f.stringList(o, key, path);
    for (int i = 0; i < values.size(); ++i) {
        if (!valid(values[i]))
            f.error(JsonFields::index(JsonFields::join(path, key), i),
                    QStringLiteral("not %1: \"%2\"").arg(what, values[i]));
    }
    return values;
}

bool isEventName(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z_]{0,49}$"));
    return re.match(text).hasMatch();
}

} // namespace

void parseGitHubWatch(const QJsonObject &o, const QString &path, WatchConfig &w,
                      const JsonFields &f)
{
    w.ns = f.string(o, QStringLiteral("owner"), path);
    w.repository = f.string(o, QStringLiteral("repository"), path);
    if (w.ns.isEmpty() == w.repository.isEmpty())
        f.error(path, QStringLiteral("needs exactly one of \"owner\" or \"repository\""));
    else if (!w.ns.isEmpty() && !isGitHubOwner(w.ns))
        f.error(JsonFields::join(path, QStringLiteral("owner")),
                QStringLiteral("not a GitHub user or organisation: \"%1\"").arg(w.ns));
    else if (!w.repository.isEmpty() && !isGitHubRepository(w.repository))
        f.error(JsonFields::join(path, QStringLiteral("repository")),
                QStringLiteral("expected \"owner/name\", got \"%1\"").arg(w.repository));
    w.workflows = checkedList(o, QStringLiteral("workflows"), path, isGitHubWorkflow,
                              QStringLiteral("a workflow file (\"ci.yml\") or id"), f);
    w.branches = checkedList(o, QStringLiteral("branches"), path, isGitRefName,
                             QStringLiteral("a branch name"), f);
    w.events = checkedList(o, QStringLiteral("events"), path, isEventName,
                           QStringLiteral("an event name (\"push\", \"schedule\")"), f);
    if (o.contains(QStringLiteral("forks"))) {
        if (!o.value(QStringLiteral("forks")).isBool())
            f.error(JsonFields::join(path, QStringLiteral("forks")),
                    QStringLiteral("expected true or false"));
        else if (w.repository.isEmpty())
            w.forks = o.value(QStringLiteral("forks")).toBool();
        else
            f.error(JsonFields::join(path, QStringLiteral("forks")),
                    QStringLiteral("only applies to an \"owner\" watch"));
    }
    if (w.branches.size() > 10)
        f.error(JsonFields::join(path, QStringLiteral("branches")),
                QStringLiteral("at most 10 branches (each costs a request per read)"));
    if (w.workflows.size() > 20)
        f.error(JsonFields::join(path, QStringLiteral("workflows")),
                QStringLiteral("at most 20 workflows (each costs a request per read)"));
}

void parseGitHubTrigger(const QJsonObject &o, const QString &path, TriggerConfig &t,
                        const JsonFields &f)
{
    t.repository = f.string(o, QStringLiteral("repository"), path, true);
    if (!t.repository.isEmpty() && !isGitHubRepository(t.repository))
        f.error(JsonFields::join(path, QStringLiteral("repository")),
                QStringLiteral("expected \"owner/name\", got \"%1\"").arg(t.repository));
    t.workflow = f.string(o, QStringLiteral("workflow"), path, true);
    if (!t.workflow.isEmpty() && !isGitHubWorkflow(t.workflow))
        f.error(JsonFields::join(path, QStringLiteral("workflow")),
                QStringLiteral("not a workflow file (\"ci.yml\") or id: \"%1\"").arg(t.workflow));
    if (t.workflow.isEmpty())
        t.workflow = QStringLiteral("?"); // still a GitHub trigger, reported above
    t.ref = f.string(o, QStringLiteral("ref"), path, true);
    if (!t.ref.isEmpty() && !isGitRefName(t.ref))
        f.error(JsonFields::join(path, QStringLiteral("ref")),
                QStringLiteral("not a branch or tag name: \"%1\"").arg(t.ref));
    t.inputs = f.object(o, QStringLiteral("inputs"), path);
    if (t.inputs.size() > 25)
        f.error(JsonFields::join(path, QStringLiteral("inputs")),
                QStringLiteral("GitHub accepts at most 25 inputs, got %1").arg(t.inputs.size()));
    for (auto it = t.inputs.begin(); it != t.inputs.end(); ++it) {
        if (it.value().isObject() || it.value().isArray() || it.value().isNull())
            f.error(JsonFields::join(JsonFields::join(path, QStringLiteral("inputs")), it.key()),
                    QStringLiteral("expected a string, number or true/false"));
    }
}

} // namespace hubhook::configfields
