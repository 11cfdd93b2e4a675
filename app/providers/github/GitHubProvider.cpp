#include "providers/github/GitHubProvider.h"

#include "config/ConfigFields.h"
#include "config/Validation.h"
#include "providers/github/GitHubClient.h"
#include "providers/github/GitHubNames.h"

#include <QRegularExpression>

namespace hubhook {

using namespace configfields;

namespace {

bool isEventName(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^[a-z][a-z_]{0,49}$"));
    return re.match(text).hasMatch();
}

// "owner" or "repository", and "forks" (only of an owner).
void parseScope(const QJsonObject &o, const QString &path, WatchConfig &w, const JsonFields &f)
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
    if (!o.contains(QStringLiteral("forks")))
        return;
    if (!o.value(QStringLiteral("forks")).isBool())
        f.error(JsonFields::join(path, QStringLiteral("forks")),
                QStringLiteral("expected true or false"));
    else if (w.repository.isEmpty())
        w.forks = o.value(QStringLiteral("forks")).toBool();
    else
        f.error(JsonFields::join(path, QStringLiteral("forks")),
                QStringLiteral("only applies to an \"owner\" watch"));
}

} // namespace

const GitHubProvider &gitHubProvider()
{
    static const GitHubProvider provider;
    return provider;
}

bool GitHubProvider::servesImage(const QString &image) const
{
    return image.startsWith(QLatin1String("ghcr.io/"));
}

QString GitHubProvider::tokenHint() const
{
    return QStringLiteral(
            "Optional: without a token Hubhook reads public repositories anonymously (60 "
            "requests an hour). Make a fine-grained personal access token (GitHub › Settings › "
            "Developer settings › Personal access tokens › Fine-grained tokens) for the "
            "repositories to watch, with the repository permission \"Actions: read\" "
            "(\"Metadata: read\" is added automatically); Rebuild also needs \"Actions: "
            "write\". It is stored in the keychain, never in the config file.");
}

QString GitHubProvider::baseUrlProblem(const QUrl &url) const
{
    if (url.host().compare(QLatin1String("github.com"), Qt::CaseInsensitive) == 0)
        return QStringLiteral("the API is at https://api.github.com (GitHub Enterprise Server: "
                              "https://HOST/api/v3)");
    return {};
}

QString GitHubProvider::triggerHint() const
{
    return QStringLiteral("Runs the workflow through GitHub's API (workflow_dispatch: the "
                          "workflow must declare it). The account's token needs \"Actions: "
                          "write\".");
}

QString GitHubProvider::baseUrlHint() const
{
    return QStringLiteral("GitHub Enterprise Server: https://HOST/api/v3");
}

QList<ProviderField> GitHubProvider::watchFields() const
{
    return {
        { QStringLiteral("owner"), QStringLiteral("Owner"), ProviderField::Scope,
          QStringLiteral("octo-org"),
          QStringLiteral("A user or organisation: all its repositories") },
        { QStringLiteral("repository"),
          QStringLiteral("Repository"),
          ProviderField::Repository,
          QStringLiteral("octo-org/api"),
          {} },
        { QStringLiteral("workflows"), QStringLiteral("Workflows"), ProviderField::List,
          QStringLiteral("all workflows"),
          QStringLiteral("Workflow files (ci.yml) or ids; each costs a request per read") },
        { QStringLiteral("branches"), QStringLiteral("Branches"), ProviderField::List,
          QStringLiteral("default branch"),
          QStringLiteral("Branch names; each costs a request per read") },
        { QStringLiteral("events"), QStringLiteral("Events"), ProviderField::List,
          QStringLiteral("all but pull requests"),
          QStringLiteral("What started a run: push, schedule, workflow_dispatch, ...") },
        { QStringLiteral("forks"),
          QStringLiteral("Forks"),
          ProviderField::Flag,
          {},
          QStringLiteral("Also watch the owner's forks"),
          ProviderField::ScopeWatch },
    };
}

void GitHubProvider::parseWatch(const QJsonObject &o, const QString &path, WatchConfig &w,
                                const JsonFields &f) const
{
    parseScope(o, path, w, f);
    w.workflows = checkedList(o, QStringLiteral("workflows"), path, isGitHubWorkflow,
                              QStringLiteral("a workflow file (\"ci.yml\") or id"), f);
    w.branches = checkedList(o, QStringLiteral("branches"), path, isGitRefName,
                             QStringLiteral("a branch name"), f);
    w.events = checkedList(o, QStringLiteral("events"), path, isEventName,
                           QStringLiteral("an event name (\"push\", \"schedule\")"), f);
    if (w.branches.size() > 10)
        f.error(JsonFields::join(path, QStringLiteral("branches")),
                QStringLiteral("at most 10 branches (each costs a request per read)"));
    if (w.workflows.size() > 20)
        f.error(JsonFields::join(path, QStringLiteral("workflows")),
                QStringLiteral("at most 20 workflows (each costs a request per read)"));
}

ConfigFieldList GitHubProvider::writeWatch(const WatchConfig &w) const
{
    ConfigFieldList out;
    if (w.isNamespace())
        out.append({ QStringLiteral("owner"), w.ns });
    else
        out.append({ QStringLiteral("repository"), w.repository });
    const QList<QPair<QString, QStringList>> lists { { QStringLiteral("workflows"), w.workflows },
                                                     { QStringLiteral("branches"), w.branches },
                                                     { QStringLiteral("events"), w.events } };
    for (const auto &[key, values] : lists) {
        if (!values.isEmpty())
            out.append({ key, QJsonArray::fromStringList(values) });
    }
    if (w.forks)
        out.append({ QStringLiteral("forks"), true });
    return out;
}

bool GitHubProvider::isRepository(const QString &text) const { return isGitHubRepository(text); }

QString GitHubProvider::imageProblem(const QString &image) const
{
    if (isGhcrImage(image))
        return {};
    return image.startsWith(QLatin1String("ghcr.io/"))
            ? QStringLiteral("expected \"ghcr.io/owner/name\"")
            : QStringLiteral("a GitHub account watches GHCR images: expected "
                             "\"ghcr.io/owner/name\"");
}

QList<ProviderField> GitHubProvider::triggerFields() const
{
    return {
        { QStringLiteral("repository"),
          QStringLiteral("Repository"),
          ProviderField::Repository,
          QStringLiteral("octo-org/api"),
          {} },
        { QStringLiteral("workflow"), QStringLiteral("Workflow"), ProviderField::Text,
          QStringLiteral("release.yml"),
          QStringLiteral("The workflow file (or id); it needs a workflow_dispatch trigger") },
        { QStringLiteral("ref"), QStringLiteral("Ref"), ProviderField::Text, QStringLiteral("main"),
          QStringLiteral("The branch or tag to run it on") },
        { QStringLiteral("inputs"), QStringLiteral("Inputs"), ProviderField::Object,
          QStringLiteral("{\"tag\": \"v1\"}"),
          QStringLiteral("The workflow's inputs: at most 25 strings, numbers or true/false") },
    };
}

void GitHubProvider::parseTrigger(const QJsonObject &o, const QString &path, TriggerConfig &t,
                                  const JsonFields &f) const
{
    t.viaApi = true;
    t.repository = f.string(o, QStringLiteral("repository"), path, true);
    if (o.value(QStringLiteral("repository")).isString() && !isGitHubRepository(t.repository))
        f.error(JsonFields::join(path, QStringLiteral("repository")),
                QStringLiteral("expected \"owner/name\", got \"%1\"").arg(t.repository));
    t.workflow = f.string(o, QStringLiteral("workflow"), path, true);
    if (o.value(QStringLiteral("workflow")).isString() && !isGitHubWorkflow(t.workflow))
        f.error(JsonFields::join(path, QStringLiteral("workflow")),
                QStringLiteral("not a workflow file (\"ci.yml\") or id: \"%1\"").arg(t.workflow));
    t.ref = f.string(o, QStringLiteral("ref"), path, true);
    if (o.value(QStringLiteral("ref")).isString() && !isGitRefName(t.ref))
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

ConfigFieldList GitHubProvider::writeTrigger(const TriggerConfig &t) const
{
    ConfigFieldList out { { QStringLiteral("repository"), t.repository },
                          { QStringLiteral("workflow"), t.workflow },
                          { QStringLiteral("ref"), t.ref } };
    if (!t.inputs.isEmpty())
        out.append({ QStringLiteral("inputs"), t.inputs });
    return out;
}

// A dispatch expects a run of its own workflow on its ref.
ExpectBuild GitHubProvider::expectationOf(const TriggerConfig &t) const
{
    return ExpectBuild { t.repository, workflowRowKey(t.workflow, t.ref), 30 * 60 * 1000 };
}

ProviderClientPtr GitHubProvider::createClient(const AccountConfig &account, const QString &token,
                                               RequestQueue *queue) const
{
    return std::make_shared<GitHubClient>(account, token, queue);
}

// Re-runs the failed jobs of a failed or cancelled run, else dispatches the row's workflow on
// its branch, with the account of a watch that covers the row.
std::optional<RowRebuild> GitHubProvider::rowRebuild(const Config &config, const Build &row) const
{
    if (row.workflow.isEmpty() || row.branch.isEmpty())
        return std::nullopt;
    for (const WatchConfig &w : config.watch) {
        if (config.accounts.value(w.account).provider != id() || !w.covers(row.repository))
            continue;
        RowRebuild r;
        r.trigger.name = QStringLiteral("Rebuild %1").arg(row.label());
        r.trigger.account = w.account;
        r.trigger.viaApi = true;
        r.trigger.repository = row.repository;
        r.trigger.workflow = row.workflow;
        r.trigger.ref = row.branch;
        r.trigger.expectBuild = ExpectBuild { row.repository, row.tag, 30 * 60 * 1000 };
        if (row.state == BuildState::Failed || row.state == BuildState::Cancelled)
            r.rerunOf = row.id;
        return r;
    }
    return std::nullopt;
}

} // namespace hubhook
