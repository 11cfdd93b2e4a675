#include "SimulatedHub.h"

#include "SimJson.h"
#include "SimScenario.h"

#include <QDateTime>
#include <QFile>
#include <QJsonDocument>
#include <QTimer>
#include <QUuid>

#include <algorithm>

SimulatedHub::SimulatedHub(QObject *parent) : SimServer(parent) { qRegisterMetaType<SimWebhook>(); }

SimulatedHub::~SimulatedHub() = default;

bool SimulatedHub::loadScenarioFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = path + QStringLiteral(": ")
                    + (document.isNull() ? QStringLiteral("invalid JSON at offset %1: %2")
                                                   .arg(parseError.offset)
                                                   .arg(parseError.errorString())
                                         : QStringLiteral("expected a JSON object"));
        return false;
    }
    QString inner;
    if (!loadScenario(document.object(), &inner)) {
        if (error)
            *error = path + QStringLiteral(": ") + inner;
        return false;
    }
    return true;
}

bool SimulatedHub::loadScenario(const QJsonObject &json, QString *error)
{
    SimScenario scenario;
    if (!SimScenario::parse(json, QDateTime::currentDateTimeUtc(), &scenario, error))
        return false;
    // Timeline events must name a repository that exists once the scenario is applied.
    for (qsizetype i = 0; i < scenario.timeline.size(); ++i) {
        const QString fullName = scenario.timeline.at(i).repository;
        bool known = m_store.repository(fullName) != nullptr;
        for (const SimScenarioNamespace &ns : scenario.namespaces) {
            for (const SimScenarioRepository &repo : ns.repositories)
                known = known || ns.name + QLatin1Char('/') + repo.name == fullName;
            for (int n = 1; n <= ns.generateCount && !known; ++n) {
                const int width = qMax(4, int(QString::number(ns.generateCount).size()));
                known = fullName
                        == QStringLiteral("%1/%2-%3")
                                   .arg(ns.name, ns.generatePrefix)
                                   .arg(n, width, 10, QLatin1Char('0'));
            }
        }
        if (!known) {
            if (error)
                *error = QStringLiteral("timeline[%1].repository: unknown repository \"%2\"")
                                 .arg(i)
                                 .arg(fullName);
            return false;
        }
    }
    applyScenario(scenario);
    runTimeline(scenario);
    return true;
}

void SimulatedHub::applyScenario(const SimScenario &scenario)
{
    for (const SimUser &user : scenario.users)
        m_auth.addUser(user);
    if (scenario.tokenLifetime >= 0)
        setTokenLifetime(scenario.tokenLifetime);
    if (scenario.rateLimit >= 0)
        setRateLimit(scenario.rateLimit, scenario.rateWindow);
    if (scenario.latencyMs >= 0)
        setLatency(scenario.latencyMs);
    if (scenario.pageSizeMax > 0)
        setPageSizeMax(scenario.pageSizeMax);
    if (scenario.randomSeed >= 0)
        setRandomSeed(quint32(scenario.randomSeed));
    for (const SimFault &fault : scenario.faults)
        addFault(fault);
    for (const SimScenarioNamespace &ns : scenario.namespaces) {
        m_store.addNamespace(ns.name);
        if (ns.generateCount > 0)
            m_store.generateRepositories(ns.name, ns.generateCount, ns.generatePrefix);
        for (const SimScenarioRepository &spec : ns.repositories) {
            SimRepository *repo
                    = m_store.addRepository(ns.name, spec.name, spec.isPrivate, spec.owner);
            const QString fullName = repo->fullName();
            repo->description = spec.description;
            if (spec.starCount >= 0)
                repo->starCount = spec.starCount;
            if (spec.pullCount >= 0)
                repo->pullCount = spec.pullCount;
            if (spec.dateRegistered.isValid())
                repo->dateRegistered = spec.dateRegistered;
            QDateTime lastPush;
            for (const SimBuild &build : spec.builds) {
                m_store.addBuild(fullName, build, false);
                if (build.status != 10)
                    continue;
                const QDateTime pushed
                        = build.updated.isValid() ? build.updated : QDateTime::currentDateTimeUtc();
                if (!spec.hasTags
                    && (!repo->tags.contains(build.tag)
                        || repo->tags.value(build.tag).lastPushed < pushed))
                    m_store.setTag(fullName, build.tag, pushed);
                if (!lastPush.isValid() || pushed > lastPush)
                    lastPush = pushed;
            }
            for (const SimScenarioTag &tag : spec.tags)
                m_store.setTag(fullName, tag.name, tag.lastPushed, tag.digest, tag.topLevelDigest);
            if (spec.hasLastUpdated)
                repo->lastUpdated = spec.lastUpdated;
            else if (lastPush.isValid())
                repo->lastUpdated = lastPush;
            if (!spec.triggerToken.isEmpty())
                m_triggerTokens.insert(spec.triggerToken, fullName);
            if (!spec.triggerUuid.isEmpty())
                m_triggerUuids.insert(spec.triggerSourceUuid + QLatin1Char('/') + spec.triggerUuid,
                                      fullName);
        }
    }
}

void SimulatedHub::runTimeline(const SimScenario &scenario)
{
    for (const SimTimelineEvent &event : scenario.timeline) {
        QTimer::singleShot(qint64(double(event.afterMs) * m_timeScale), this, [this, event] {
            using Action = SimTimelineEvent::Action;
            switch (event.action) {
            case Action::AddBuild:
                addBuild(event.repository, event.build, event.touch);
                break;
            case Action::SetStatus: {
                qint64 id = event.buildId;
                if (id == 0) {
                    const QList<SimBuild> all = builds(event.repository);
                    id = all.isEmpty() ? 0 : all.first().id;
                }
                setBuildStatus(event.repository, id, event.status, event.touch);
                break;
            }
            case Action::Touch:
                touchRepository(event.repository);
                break;
            case Action::SetTag:
                setTag(event.repository, event.tag, QDateTime::currentDateTimeUtc());
                touchRepository(event.repository);
                break;
            }
        });
    }
}

void SimulatedHub::addNamespace(const QString &ns) { m_store.addNamespace(ns); }

void SimulatedHub::addRepository(const QString &ns, const QString &name, bool isPrivate,
                                 const QString &owner)
{
    m_store.addRepository(ns, name, isPrivate, owner);
}

void SimulatedHub::generateRepositories(const QString &ns, int count, const QString &prefix)
{
    m_store.generateRepositories(ns, count, prefix);
}

qint64 SimulatedHub::addBuild(const QString &fullName, SimBuild build, bool touchRepository)
{
    const qint64 id = m_store.addBuild(fullName, build, touchRepository);
    if (id == 0)
        qWarning("SimulatedHub::addBuild: unknown repository %s", qPrintable(fullName));
    return id;
}

bool SimulatedHub::setBuildStatus(const QString &fullName, qint64 buildId, int status,
                                  bool touchRepository)
{
    return m_store.setBuildStatus(fullName, buildId, status, touchRepository);
}

void SimulatedHub::touchRepository(const QString &fullName) { m_store.touchRepository(fullName); }

QList<SimBuild> SimulatedHub::builds(const QString &fullName) const
{
    const SimRepository *repo = m_store.repository(fullName);
    return repo ? repo->builds : QList<SimBuild>();
}

void SimulatedHub::setTag(const QString &fullName, const QString &tag, const QDateTime &lastPushed,
                          const QString &digest, bool withTopLevelDigest)
{
    m_store.setTag(fullName, tag, lastPushed, digest, withTopLevelDigest);
}

void SimulatedHub::pushTag(const QString &fullName, const QString &tag)
{
    m_store.setTag(fullName, tag, QDateTime::currentDateTimeUtc());
    m_store.touchRepository(fullName);
}

QList<SimTag> SimulatedHub::tags(const QString &fullName) const
{
    const SimRepository *repo = m_store.repository(fullName);
    if (!repo)
        return {};
    QList<SimTag> out = repo->tags.values();
    std::stable_sort(out.begin(), out.end(),
                     [](const SimTag &a, const SimTag &b) { return a.lastPushed > b.lastPushed; });
    return out;
}

void SimulatedHub::addUser(const QString &username, const QString &password,
                           const QStringList &accessTokens, const QStringList &namespaces)
{
    m_auth.addUser(SimUser { username, password, accessTokens, namespaces });
}

void SimulatedHub::setTokenLifetime(int seconds) { m_auth.setTokenLifetime(seconds); }

void SimulatedHub::expireAllTokens() { m_auth.expireAllTokens(); }

QString SimulatedHub::addTriggerToken(const QString &fullName)
{
    const QString token = QUuid::createUuid().toString(QUuid::Id128);
    m_triggerTokens.insert(token, fullName);
    return token;
}

QPair<QString, QString> SimulatedHub::addTriggerUuid(const QString &fullName)
{
    const QString source = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString trigger = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_triggerUuids.insert(source + QLatin1Char('/') + trigger, fullName);
    return { source, trigger };
}

void SimulatedHub::setRateLimit(int limitPerWindow, int windowSeconds)
{
    m_rateLimiter.configure(limitPerWindow, windowSeconds);
}

void SimulatedHub::setPageSizeMax(int max) { m_pageSizeMax = qMax(1, max); }

void SimulatedHub::resetCounts()
{
    clearRequests();
    m_triggerCounts.clear();
}

int SimulatedHub::triggerCount(const QString &fullName) const
{
    return m_triggerCounts.value(fullName);
}
