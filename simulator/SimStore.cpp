#include "SimStore.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

#include <algorithm>

namespace {

QDateTime nowUtc() { return QDateTime::currentDateTimeUtc(); }

bool splitFullName(const QString &fullName, QString *ns, QString *name)
{
    const qsizetype slash = fullName.indexOf(QLatin1Char('/'));
    if (slash <= 0 || slash == fullName.size() - 1)
        return false;
    *ns = fullName.left(slash);
    *name = fullName.mid(slash + 1);
    return true;
}

} // namespace

void SimStore::addNamespace(const QString &ns)
{
    if (!m_namespaces.contains(ns))
        m_namespaces.insert(ns, {});
}

bool SimStore::hasNamespace(const QString &ns) const { return m_namespaces.contains(ns); }

SimRepository *SimStore::addRepository(const QString &ns, const QString &name, bool isPrivate,
                                       const QString &owner)
{
    auto &repos = m_namespaces[ns];
    auto it = repos.find(name);
    if (it == repos.end()) {
        SimRepository repo;
        repo.ns = ns;
        repo.name = name;
        repo.dateRegistered = nowUtc().addDays(-30);
        // Deterministic, plausible numbers.
        repo.pullCount = qHash(repo.fullName()) % 100000;
        it = repos.insert(name, repo);
    }
    it->isPrivate = isPrivate;
    it->owner = owner.isEmpty() ? ns : owner;
    return &*it;
}

SimRepository *SimStore::repository(const QString &ns, const QString &name)
{
    auto nsIt = m_namespaces.find(ns);
    if (nsIt == m_namespaces.end())
        return nullptr;
    auto it = nsIt->find(name);
    return it == nsIt->end() ? nullptr : &*it;
}

const SimRepository *SimStore::repository(const QString &ns, const QString &name) const
{
    return const_cast<SimStore *>(this)->repository(ns, name);
}

SimRepository *SimStore::repository(const QString &fullName)
{
    QString ns, name;
    return splitFullName(fullName, &ns, &name) ? repository(ns, name) : nullptr;
}

const SimRepository *SimStore::repository(const QString &fullName) const
{
    return const_cast<SimStore *>(this)->repository(fullName);
}

QList<const SimRepository *> SimStore::repositories(const QString &ns) const
{
    QList<const SimRepository *> out;
    auto nsIt = m_namespaces.constFind(ns);
    if (nsIt == m_namespaces.constEnd())
        return out;
    out.reserve(nsIt->size());
    for (const SimRepository &repo : *nsIt)
        out.append(&repo);
    return out;
}

void SimStore::generateRepositories(const QString &ns, int count, const QString &prefix)
{
    addNamespace(ns);
    const int width = qMax(4, int(QString::number(count).size()));
    const QDateTime base = nowUtc().addSecs(-3600);
    for (int i = 1; i <= count; ++i) {
        const QString name
                = QStringLiteral("%1-%2").arg(prefix).arg(i, width, 10, QLatin1Char('0'));
        SimRepository *repo = addRepository(ns, name, false, {});
        repo->description = QStringLiteral("Generated repository %1").arg(i);
        SimBuild build;
        build.status = 10;
        build.created = base.addSecs(-i);
        build.updated = build.created.addSecs(120);
        addBuild(repo->fullName(), build, false);
        repo->lastUpdated = build.updated;
        setTag(*repo, build.tag, build.updated);
    }
}

qint64 SimStore::addBuild(const QString &fullName, SimBuild build, bool touch)
{
    SimRepository *repo = repository(fullName);
    if (!repo)
        return 0;
    const QDateTime now = nowUtc();
    if (build.id <= 0)
        build.id = m_nextBuildId++;
    else
        m_nextBuildId = qMax(m_nextBuildId, build.id + 1);
    if (build.tag.isEmpty())
        build.tag = QStringLiteral("latest");
    if (build.buildCode.isEmpty())
        build.buildCode = newBuildCode();
    if (!build.created.isValid())
        build.created = now;
    if (!build.updated.isValid())
        build.updated = build.created > now ? build.created : now;
    build.created = build.created.toUTC();
    build.updated = build.updated.toUTC();
    repo->builds.prepend(build);
    sortBuilds(*repo);
    if (touch) {
        repo->lastUpdated = now;
        if (build.status == 10)
            setTag(*repo, build.tag, now);
    }
    return build.id;
}

bool SimStore::setBuildStatus(const QString &fullName, qint64 buildId, int status, bool touch)
{
    SimRepository *repo = repository(fullName);
    if (!repo)
        return false;
    for (SimBuild &build : repo->builds) {
        if (build.id != buildId)
            continue;
        const QDateTime now = nowUtc();
        build.status = status;
        build.updated = now;
        if (touch) {
            repo->lastUpdated = now;
            if (status == 10)
                setTag(*repo, build.tag, now);
        }
        return true;
    }
    return false;
}

void SimStore::touchRepository(const QString &fullName)
{
    if (SimRepository *repo = repository(fullName))
        repo->lastUpdated = nowUtc();
}

void SimStore::setTag(const QString &fullName, const QString &tag, const QDateTime &lastPushed,
                      const QString &digest, bool topLevelDigest)
{
    if (SimRepository *repo = repository(fullName))
        setTag(*repo, tag, lastPushed, digest, topLevelDigest);
}

void SimStore::setTag(SimRepository &repo, const QString &tag, const QDateTime &lastPushed,
                      const QString &digest, bool topLevelDigest)
{
    const bool existed = repo.tags.contains(tag);
    SimTag &entry = repo.tags[tag];
    const QDateTime pushed = lastPushed.isValid() ? lastPushed.toUTC() : nowUtc();
    const bool samePush = existed && entry.lastPushed == pushed && !entry.digest.isEmpty();
    entry.name = tag;
    entry.lastPushed = pushed;
    entry.topLevelDigest = topLevelDigest;
    entry.updater = repo.owner.isEmpty() ? repo.ns : repo.owner;
    if (!digest.isEmpty()) {
        entry.digest = digest;
    } else if (!samePush) {
        // Deterministic for the same sequence of calls; the serial makes every push new.
        const QByteArray seed = (repo.fullName() + QLatin1Char(':') + tag + QLatin1Char('@')
                                 + pushed.toString(Qt::ISODateWithMs) + QLatin1Char('#')
                                 + QString::number(++m_digestSerial))
                                        .toUtf8();
        entry.digest = QStringLiteral("sha256:")
                + QString::fromLatin1(
                               QCryptographicHash::hash(seed, QCryptographicHash::Sha256).toHex());
    }
    // A plausible compressed image size, 20 to 100 MB, fixed by the digest.
    entry.size = 20'000'000 + qint64(qHash(entry.digest) % 80'000'000);
}

const SimBuild *SimStore::pendingBuild(const SimRepository &repo, const QString &tag)
{
    for (const SimBuild &build : repo.builds) {
        if (build.tag == tag && isPending(build.status))
            return &build;
    }
    return nullptr;
}

bool SimStore::isPending(int status)
{
    return status == 0 || status == 1 || status == 2 || status == 3 || status == 11;
}

QString SimStore::newBuildCode()
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    QString code;
    code.reserve(23);
    for (int i = 0; i < 23; ++i)
        code += QLatin1Char(alphabet[QRandomGenerator::global()->bounded(36)]);
    return code;
}

void SimStore::sortBuilds(SimRepository &repo)
{
    std::stable_sort(repo.builds.begin(), repo.builds.end(),
                     [](const SimBuild &a, const SimBuild &b) {
                         if (a.created != b.created)
                             return a.created > b.created;
                         return a.id > b.id;
                     });
}
