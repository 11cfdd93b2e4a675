#include "WatchState.h"

#include "JsonFields.h"
#include "StateFile.h"
#include "TimeParse.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hubhook {

namespace {
constexpr int kStateVersion = 1;

QJsonValue timeValue(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(formatApiTime(t)) : QJsonValue(QJsonValue::Null);
}
} // namespace

bool RepoState::hasActiveBuild() const
{
    return std::any_of(builds.begin(), builds.end(),
                       [](const Build &b) { return isActive(b.state); });
}

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
    QStringList errors;
    if (r.status == StateFileRead::Corrupt)
        errors.append(r.why);
    JsonFields f(&errors);
    const QJsonObject root = r.root;
    const QJsonArray repos = errors.isEmpty()
            ? f.array(root, QStringLiteral("repositories"), {}, true)
            : QJsonArray();
    for (int i = 0; errors.isEmpty() && i < repos.size(); ++i) {
        const QString p = JsonFields::index(QStringLiteral("repositories"), i);
        const QJsonObject o = repos.at(i).toObject();
        RepoState s;
        s.account = f.string(o, QStringLiteral("account"), p, true);
        s.repository = f.string(o, QStringLiteral("repository"), p, true);
        s.watch = f.nullableString(o, QStringLiteral("watch"), p);
        s.listedUpdated = parseApiTime(f.nullableString(o, QStringLiteral("listed_updated"), p));
        s.historyUpdated = parseApiTime(f.nullableString(o, QStringLiteral("history_updated"), p));
        s.historyFetchedAt
                = parseApiTime(f.nullableString(o, QStringLiteral("history_fetched_at"), p));
        s.error = f.nullableString(o, QStringLiteral("error"), p);
        s.failures = int(f.integer(o, QStringLiteral("failures"), p));
        s.nextAttempt = parseApiTime(f.nullableString(o, QStringLiteral("next_attempt"), p));
        const QJsonArray builds = f.array(o, QStringLiteral("builds"), p);
        for (const QJsonValue &b : builds)
            s.builds.append(Build::fromJson(b.toObject()));
        if (s.account.isEmpty() || s.repository.isEmpty())
            break;
        m_repos.insert(s.key(), s);
    }
    if (errors.isEmpty())
        return true;

    m_repos.clear();
    *warning = corruptStateFileWarning(path, errors.first(),
                                       QStringLiteral("Starting from a fresh state."));
    return false;
}

bool WatchState::save(const QString &path, QString *error) const
{
    QJsonArray repos;
    for (const RepoState &s : all()) {
        QJsonArray builds;
        for (const Build &b : s.builds) {
            QJsonObject o = b.toJson();
            if (!b.raw.isEmpty())
                o.insert(QStringLiteral("raw"), b.raw);
            builds.append(o);
        }
        repos.append(QJsonObject {
                { QStringLiteral("account"), s.account },
                { QStringLiteral("repository"), s.repository },
                { QStringLiteral("watch"), s.watch },
                { QStringLiteral("listed_updated"), timeValue(s.listedUpdated) },
                { QStringLiteral("history_updated"), timeValue(s.historyUpdated) },
                { QStringLiteral("history_fetched_at"), timeValue(s.historyFetchedAt) },
                { QStringLiteral("error"), s.error.isEmpty() ? QJsonValue() : QJsonValue(s.error) },
                { QStringLiteral("failures"), s.failures },
                { QStringLiteral("next_attempt"), timeValue(s.nextAttempt) },
                { QStringLiteral("builds"), builds },
        });
    }
    const QJsonObject root { { QStringLiteral("version"), kStateVersion },
                             { QStringLiteral("repositories"), repos } };
    return writeStateFile(path, root, error, QJsonDocument::Indented);
}

} // namespace hubhook
