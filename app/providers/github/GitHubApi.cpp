#include "providers/github/GitHubApi.h"

#include "support/JsonFields.h"
#include "support/TimeText.h"

#include <QJsonDocument>
#include <QRegularExpression>

namespace hubhook {

BuildState buildStateFromGitHub(const QString &status, const QString &conclusion)
{
    if (status == QLatin1String("in_progress"))
        return BuildState::Building;
    if (status != QLatin1String("completed")) {
        for (const char *queued : { "queued", "waiting", "pending", "requested" }) {
            if (status == QLatin1String(queued))
                return BuildState::Queued;
        }
        return BuildState::Unknown;
    }
    if (conclusion == QLatin1String("success"))
        return BuildState::Success;
    for (const char *failed : { "failure", "timed_out", "startup_failure" }) {
        if (conclusion == QLatin1String(failed))
            return BuildState::Failed;
    }
    if (conclusion == QLatin1String("cancelled"))
        return BuildState::Cancelled;
    if (conclusion == QLatin1String("action_required"))
        return BuildState::NeedsAttention;
    if (conclusion == QLatin1String("neutral") || conclusion == QLatin1String("skipped"))
        return BuildState::Skipped;
    return BuildState::Unknown; // stale, or a conclusion added later
}

} // namespace hubhook

namespace hubhook::github {

namespace {

// The first error, or every one when there are few: enough to find the field.
QString joined(const QStringList &errors)
{
    QString text = errors.mid(0, 3).join(QStringLiteral("; "));
    if (errors.size() > 3)
        text += QStringLiteral(" (and %1 more)").arg(errors.size() - 3);
    return text;
}

Repository readRepository(const QJsonObject &o, const QString &path, const JsonFields &f)
{
    Repository r;
    r.fullName = f.string(o, QStringLiteral("full_name"), path, true);
    r.isPrivate = f.boolean(o, QStringLiteral("private"), path);
    r.archived = f.boolean(o, QStringLiteral("archived"), path);
    r.disabled = f.boolean(o, QStringLiteral("disabled"), path);
    r.fork = f.boolean(o, QStringLiteral("fork"), path);
    r.defaultBranch = f.nullableString(o, QStringLiteral("default_branch"), path);
    r.pushedAt = f.time(o, QStringLiteral("pushed_at"), path);
    if (!r.fullName.isEmpty() && !r.fullName.contains(QLatin1Char('/')))
        f.error(JsonFields::join(path, QStringLiteral("full_name")),
                QStringLiteral("expected \"owner/name\""));
    return r;
}

Build readRun(const QJsonObject &o, const QString &path, const JsonFields &f)
{
    Build b;
    b.provider = QStringLiteral("github");
    b.id = f.integer(o, QStringLiteral("id"), path, true);
    if (b.id <= 0)
        f.error(JsonFields::join(path, QStringLiteral("id")), QStringLiteral("must be positive"));
    const QJsonObject repo = f.object(o, QStringLiteral("repository"), path, true);
    b.repository = f.string(repo, QStringLiteral("full_name"),
                            JsonFields::join(path, QStringLiteral("repository")), true);
    const QString status = f.string(o, QStringLiteral("status"), path, true);
    const QString conclusion = f.nullableString(o, QStringLiteral("conclusion"), path);
    b.state = buildStateFromGitHub(status, conclusion);
    b.workflowName = f.nullableString(o, QStringLiteral("name"), path);
    b.workflow = workflowKey(f.nullableString(o, QStringLiteral("path"), path),
                             f.integer(o, QStringLiteral("workflow_id"), path));
    b.branch = f.nullableString(o, QStringLiteral("head_branch"), path);
    b.commit = f.nullableString(o, QStringLiteral("head_sha"), path);
    b.event = f.nullableString(o, QStringLiteral("event"), path);
    const qint64 attempt = f.integer(o, QStringLiteral("run_attempt"), path, false, 1);
    b.attempt = int(std::clamp<qint64>(attempt, 1, 1000000));
    const qint64 number = f.integer(o, QStringLiteral("run_number"), path);
    if (number > 0)
        b.buildCode = QStringLiteral("#%1").arg(number);
    // A re-run keeps created_at; run_started_at is when this attempt began.
    b.created = f.time(o, QStringLiteral("run_started_at"), path);
    if (!b.created.isValid())
        b.created = f.time(o, QStringLiteral("created_at"), path);
    b.updated = f.time(o, QStringLiteral("updated_at"), path);
    b.cause = f.nullableString(o, QStringLiteral("display_title"), path).left(200);
    const QString url = f.nullableString(o, QStringLiteral("html_url"), path);
    const QUrl html(url);
    if (html.isValid()
        && (html.scheme() == QLatin1String("https") || html.scheme() == QLatin1String("http")))
        b.url = url;
    const QJsonValue actor = o.value(QStringLiteral("actor"));
    if (actor.isObject())
        b.actor = actor.toObject().value(QStringLiteral("login")).toString().left(100);
    b.statusCode = 0;
    b.tag = workflowRowKey(b.workflow, b.branch);
    return b;
}

} // namespace

QString workflowKey(const QString &path, qint64 workflowId)
{
    static const QString dir = QStringLiteral(".github/workflows/");
    if (path.startsWith(dir) && path.size() > dir.size()) {
        QString file = path.mid(dir.size());
        const qsizetype at = file.indexOf(QLatin1Char('@')); // "ci.yml@refs/heads/main"
        if (at > 0)
            file.truncate(at);
        return file;
    }
    return QString::number(workflowId);
}

std::optional<QList<Repository>> parseRepositories(const QByteArray &body, QString *error)
{
    const auto doc = parseJsonAnswer(body, error);
    if (!doc)
        return std::nullopt;
    if (!doc->isArray()) {
        *error = QStringLiteral("expected a JSON array of repositories");
        return std::nullopt;
    }
    QStringList errors;
    JsonFields f(&errors);
    QList<Repository> out;
    const QJsonArray items = doc->array();
    for (int i = 0; i < items.size(); ++i) {
        const QString path = JsonFields::index(QString(), i);
        if (!items.at(i).isObject()) {
            f.error(path, QStringLiteral("expected an object"));
            continue;
        }
        out.append(readRepository(items.at(i).toObject(), path, f));
    }
    if (!errors.isEmpty()) {
        *error = joined(errors);
        return std::nullopt;
    }
    return out;
}

std::optional<Repository> parseRepository(const QByteArray &body, QString *error)
{
    const auto doc = parseJsonAnswer(body, error);
    if (!doc)
        return std::nullopt;
    if (!doc->isObject()) {
        *error = QStringLiteral("expected a JSON object");
        return std::nullopt;
    }
    QStringList errors;
    JsonFields f(&errors);
    Repository r = readRepository(doc->object(), QString(), f);
    if (!errors.isEmpty()) {
        *error = joined(errors);
        return std::nullopt;
    }
    return r;
}

std::optional<RunsPage> parseRuns(const QByteArray &body, QString *error)
{
    const auto doc = parseJsonAnswer(body, error);
    if (!doc)
        return std::nullopt;
    if (!doc->isObject()) {
        *error = QStringLiteral("expected a JSON object");
        return std::nullopt;
    }
    const QJsonObject o = doc->object();
    QStringList errors;
    JsonFields f(&errors);
    RunsPage page;
    page.totalCount = f.integer(o, QStringLiteral("total_count"), QString());
    const QJsonArray runs = f.array(o, QStringLiteral("workflow_runs"), QString(), true);
    for (int i = 0; i < runs.size(); ++i) {
        const QString path = JsonFields::index(QStringLiteral("workflow_runs"), i);
        if (!runs.at(i).isObject()) {
            f.error(path, QStringLiteral("expected an object"));
            continue;
        }
        const QJsonObject run = runs.at(i).toObject();
        if (run.value(QStringLiteral("conclusion")).toString() == QLatin1String("stale"))
            continue; // superseded: GitHub's own word that it no longer matters
        page.runs.append(readRun(run, path, f));
    }
    if (!errors.isEmpty()) {
        *error = joined(errors);
        return std::nullopt;
    }
    return page;
}

QUrl nextPageUrl(const QByteArray &linkHeader)
{
    // <https://api.github.com/repositories/1/actions/runs?page=2>; rel="next", <...>; rel="last"
    static const QRegularExpression link(
            QStringLiteral("<([^>]*)>\\s*((?:;\\s*[A-Za-z]+\\s*=\\s*\"?[^\";,]*\"?\\s*)*)"));
    static const QRegularExpression next(QStringLiteral("rel\\s*=\\s*\"?([^\";]*)\"?"));
    auto it = link.globalMatch(QString::fromLatin1(linkHeader));
    while (it.hasNext()) {
        const auto m = it.next();
        const auto rel = next.match(m.captured(2));
        if (rel.hasMatch()
            && rel.captured(1).split(QLatin1Char(' ')).contains(QLatin1String("next"))) {
            const QUrl url(m.captured(1), QUrl::StrictMode);
            return url.isValid() ? url : QUrl();
        }
    }
    return {};
}

std::optional<QList<ImageTag>> parsePackageVersions(const QByteArray &body, QString *error)
{
    const auto doc = parseJsonAnswer(body, error);
    if (!doc)
        return std::nullopt;
    if (!doc->isArray()) {
        *error = QStringLiteral("expected a JSON array of package versions");
        return std::nullopt;
    }
    QStringList errors;
    JsonFields f(&errors);
    QList<ImageTag> out;
    const QJsonArray items = doc->array();
    for (int i = 0; i < items.size(); ++i) {
        const QString path = JsonFields::index(QString(), i);
        const QJsonObject v = items.at(i).toObject();
        const QString digest = f.string(v, QStringLiteral("name"), path, true);
        const QDateTime created = f.time(v, QStringLiteral("created_at"), path);
        const QString mp = JsonFields::join(path, QStringLiteral("metadata"));
        const QJsonObject container = f.object(f.object(v, QStringLiteral("metadata"), path),
                                               QStringLiteral("container"), mp);
        for (const QString &tag : f.stringList(container, QStringLiteral("tags"),
                                               JsonFields::join(mp, QStringLiteral("container"))))
            out.append({ tag, digest, created });
    }
    if (!errors.isEmpty()) {
        *error = joined(errors);
        return std::nullopt;
    }
    return out;
}

qint64 parseDispatchRunId(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    const QJsonValue id = doc.object().value(QStringLiteral("workflow_run_id"));
    const double v = id.toDouble(0);
    return v > 0 && v < 9.0e15 ? qint64(v) : 0;
}

QString errorMessage(const QByteArray &body)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return {};
    QString message = doc.object().value(QStringLiteral("message")).toString().simplified();
    return message.left(200);
}

} // namespace hubhook::github
