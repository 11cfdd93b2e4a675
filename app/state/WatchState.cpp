#include "state/WatchState.h"

#include "state/StateFile.h"
#include "support/JsonFields.h"
#include "support/StringPool.h"
#include "support/TimeText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hubhook {

namespace {
constexpr int kStateVersion = 1;

// One entry of "repositories", as appendRepository writes it: a field of the wrong shape is an
// error (`f`: the file is moved aside), a value Hubhook does not write a warning (`v`: it is
// ignored, and a build with one is left out).
RepoState readRepository(const JsonFields &f, const JsonFields &v, const QJsonObject &o,
                         const QString &p)
{
    RepoState s;
    s.account = pooled(f.string(o, QStringLiteral("account"), p, true));
    s.repository = f.string(o, QStringLiteral("repository"), p, true);
    s.watch = pooled(f.nullableString(o, QStringLiteral("watch"), p));
    s.listedUpdated = stateTime(v, o, QStringLiteral("listed_updated"), p);
    s.historyUpdated = stateTime(v, o, QStringLiteral("history_updated"), p);
    s.historyFetchedAt = stateTime(v, o, QStringLiteral("history_fetched_at"), p);
    s.error = f.nullableString(o, QStringLiteral("error"), p);
    s.noAutomatedBuilds = v.boolean(o, QStringLiteral("no_automated_builds"), p, false);
    s.failures = int(v.integerIn(o, QStringLiteral("failures"), p, 0, 1000000));
    s.nextAttempt = stateTime(v, o, QStringLiteral("next_attempt"), p);
    const QJsonArray builds = f.array(o, QStringLiteral("builds"), p);
    const QString buildsPath = JsonFields::join(p, QStringLiteral("builds"));
    for (int j = 0; j < builds.size(); ++j) {
        if (checkBuildJson(v, builds.at(j), JsonFields::index(buildsPath, j))) {
            s.builds.append(Build::fromJson(builds.at(j).toObject()));
            s.builds.last().poolStrings();
        }
    }
    return s;
}

} // namespace

RepoState *WatchState::find(const QString &key)
{
    auto it = m_repos.find(key);
    return it == m_repos.end() ? nullptr : &it.value();
}

const RepoState *WatchState::find(const QString &key) const
{
    auto it = m_repos.constFind(key);
    return it == m_repos.constEnd() ? nullptr : &it.value();
}

RepoState &WatchState::upsert(const QString &account, const QString &repository)
{
    const QString key = account + QLatin1Char('|') + repository;
    auto it = m_repos.find(key);
    if (it == m_repos.end()) {
        RepoState s;
        s.account = account;
        s.repository = repository;
        it = m_repos.insert(key, s);
    }
    return it.value();
}

void WatchState::remove(const QString &key) { m_repos.remove(key); }

QList<RepoState> WatchState::all() const
{
    QList<RepoState> out = m_repos.values();
    std::sort(out.begin(), out.end(), [](const RepoState &a, const RepoState &b) {
        return a.repository != b.repository ? a.repository < b.repository : a.account < b.account;
    });
    return out;
}

QList<Build> WatchState::rows() const
{
    QList<Build> rows;
    for (const RepoState &s : all())
        rows += s.builds;
    return rows;
}

bool WatchState::load(const QString &path, QString *warning)
{
    m_repos.clear();
    const StateFileRead r = readStateFile(path, kStateVersion);
    if (r.status == StateFileRead::Missing)
        return true;
    if (r.status == StateFileRead::Unreadable) {
        *warning = QStringLiteral("%1: cannot read; starting without saved state").arg(path);
        return false;
    }
    // Two kinds of trouble: a file whose shape is wrong is moved aside (`errors`); a value that
    // is not what Hubhook writes (an unknown status, an unreadable time) is ignored with a
    // warning, and the rest of the file kept (`bad`).
    QStringList errors, bad;
    if (r.status == StateFileRead::Corrupt)
        errors.append(r.why);
    const JsonFields f(&errors);
    const JsonFields v(&bad);
    const QJsonArray repos = errors.isEmpty()
            ? f.array(r.root, QStringLiteral("repositories"), {}, true)
            : QJsonArray();
    for (int i = 0; errors.isEmpty() && i < repos.size(); ++i) {
        const QString p = JsonFields::index(QStringLiteral("repositories"), i);
        if (!repos.at(i).isObject()) {
            f.error(p,
                    QStringLiteral("expected an object, got %1")
                            .arg(JsonFields::typeName(repos.at(i))));
            break;
        }
        const RepoState s = readRepository(f, v, repos.at(i).toObject(), p);
        if (s.account.isEmpty() || s.repository.isEmpty()) {
            if (errors.isEmpty())
                f.error(p, QStringLiteral("account and repository must not be empty"));
            break;
        }
        m_repos.insert(s.key(), s);
    }
    if (errors.isEmpty()) {
        *warning = stateValuesWarning(
                path, bad, QStringLiteral("ignored those values (and builds with them)."));
        return bad.isEmpty();
    }

    m_repos.clear();
    *warning = corruptStateFileWarning(path, errors.first(),
                                       QStringLiteral("Starting from a fresh state."));
    return false;
}

namespace {

// state.json is written as text directly: for 1,000 repositories a QJsonObject tree per build
// costs more CPU than the sweep's parsing.
void appendString(QByteArray &out, const QString &s)
{
    out += '"';
    for (const char c : s.toUtf8()) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (uchar(c) < 0x20) {
            out += "\\u00";
            out += "0123456789abcdef"[uchar(c) >> 4];
            out += "0123456789abcdef"[uchar(c) & 0xf];
        } else {
            out += c;
        }
    }
    out += '"';
}

void appendNullable(QByteArray &out, const QString &s)
{
    if (s.isEmpty())
        out += "null";
    else
        appendString(out, s);
}

// Writes one JSON object straight into the text, field by field; Build's fields come from
// visitBuildFields, as Build::toJson writes them.
struct ObjectWriter
{
    QByteArray &out;
    bool first = true;
    void key(const char *name)
    {
        out += first ? "{\"" : ",\"";
        out += name;
        out += "\":";
        first = false;
    }
    void string(const char *name, const QString &s)
    {
        key(name);
        appendString(out, s);
    }
    void nullable(const char *name, const QString &s)
    {
        key(name);
        appendNullable(out, s);
    }
    void integer(const char *name, qint64 n)
    {
        key(name);
        out += QByteArray::number(n);
    }
    void time(const char *name, const QDateTime &t, TimeFraction fraction = {})
    {
        key(name);
        appendNullable(out, t.isValid() ? formatApiTime(t, fraction) : QString());
    }
    void end() { out += first ? "{}" : "}"; }
};

void appendBuild(QByteArray &out, const Build &b)
{
    ObjectWriter writer { out };
    visitBuildFields(b, writer);
    writer.end();
}

void appendRepository(QByteArray &out, const RepoState &s)
{
    ObjectWriter writer { out };
    writer.string("account", s.account);
    writer.string("repository", s.repository);
    writer.string("watch", s.watch);
    writer.time("listed_updated", s.listedUpdated);
    writer.time("history_updated", s.historyUpdated);
    writer.time("history_fetched_at", s.historyFetchedAt);
    writer.nullable("error", s.error);
    if (s.noAutomatedBuilds) {
        writer.key("no_automated_builds");
        out += "true";
    }
    writer.integer("failures", s.failures);
    writer.time("next_attempt", s.nextAttempt);
    writer.key("builds");
    out += '[';
    for (qsizetype j = 0; j < s.builds.size(); ++j) {
        if (j)
            out += ',';
        appendBuild(out, s.builds.at(j));
    }
    out += ']';
    writer.end();
}

} // namespace

bool WatchState::save(const QString &path, QString *error) const
{
    QByteArray out;
    out.reserve(qsizetype(m_repos.size()) * 1024);
    out += "{\"version\":" + QByteArray::number(kStateVersion) + ",\"repositories\":[";
    const QList<RepoState> repos = all();
    for (qsizetype i = 0; i < repos.size(); ++i) {
        if (i)
            out += ',';
        appendRepository(out, repos.at(i));
    }
    out += "]}\n";
    return writeStateFile(path, out, error);
}

} // namespace hubhook
