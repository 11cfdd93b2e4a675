#include "engine/Engine.h"
#include "support/Clock.h"

#include "core/CctrayFeed.h"
#include "engine/Accounts.h"
#include "engine/CctrayServer.h"
#include "engine/Deliverer.h"
#include "engine/RebuildPolicy.h"
#include "engine/RowRebuild.h"
#include "engine/TriggerRunner.h"
#include "providers/Providers.h"
#include "secrets/Secrets.h"
#include "state/DetectorFile.h"
#include "state/Outbox.h"
#include "support/Logging.h"
#include "support/Memory.h"
#include "support/Redactor.h"
#include "support/TimeText.h"

#include <QDir>
#include <QHostAddress>
#include <QNetworkAccessManager>

namespace hubhook {

QString overallStatusName(OverallStatus status)
{
    switch (status) {
    case OverallStatus::NotConfigured:
        return QStringLiteral("not configured");
    case OverallStatus::Starting:
        return QStringLiteral("starting");
    case OverallStatus::Ok:
        return QStringLiteral("all builds good");
    case OverallStatus::Building:
        return QStringLiteral("building");
    case OverallStatus::Queued:
        return QStringLiteral("queued");
    case OverallStatus::Failing:
        return QStringLiteral("failing");
    case OverallStatus::Offline:
        return QStringLiteral("offline");
    case OverallStatus::RateLimited:
        return QStringLiteral("rate limited");
    case OverallStatus::Paused:
        return QStringLiteral("paused");
    }
    return {};
}

Engine::Engine(SecretStore *secrets, QObject *parent)
    : QObject(parent),
      m_secrets(secrets),
      m_nam(new QNetworkAccessManager(this)),
      m_accounts(new Accounts(m_nam, this))
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_pollTimer, &QTimer::timeout, this, &Engine::sweepNow);
}

Engine::~Engine()
{
    m_accounts->abortAll();
    // The deliverer works on the outbox, which is not a QObject child: both go here.
    delete m_deliverer;
    m_deliverer = nullptr;
    delete m_outbox;
    m_outbox = nullptr;
}

void Engine::setStateDir(const QString &dir)
{
    m_stateDir = dir;
    QString warning;
    if (!m_state.load(dir + QStringLiteral("/state.json"), &warning)) {
        qCWarning(lcState).noquote() << warning;
        Q_EMIT this->warning(warning);
    }
    warning.clear();
    if (!loadDetectorState(dir + QStringLiteral("/detector.json"), &m_detector, &warning)) {
        qCWarning(lcState).noquote() << warning;
        Q_EMIT this->warning(warning);
    }
    warning.clear();
    if (!m_accounts->loadCache(dir, &warning)) {
        qCWarning(lcState).noquote() << warning;
        Q_EMIT this->warning(warning);
    }
    delete m_deliverer;
    delete m_outbox;
    delete m_rebuilds;
    delete m_triggers;
    m_outbox = new Outbox(dir);
    m_deliverer = new Deliverer(m_nam, m_outbox, this);
    m_triggers = new TriggerRunner(m_nam, dir, this);
    m_rebuilds = new RebuildPolicy(m_triggers, this);
    m_rebuilds->setStateDir(dir);
    connect(m_rebuilds, &RebuildPolicy::eventRaised, this, &Engine::raise);
    connect(m_triggers, &TriggerRunner::fired, this, &Engine::onTriggerFired);
    connect(m_triggers, &TriggerRunner::fired, this, &Engine::triggerFired);
    connect(m_deliverer, &Deliverer::deliveryFinished, this, &Engine::deliveryFinished);
    releaseFreeMemory(); // what parsing the state files took
}

void Engine::applyConfig(const Config &config)
{
    m_config = config;
    m_ready = false;
    const quint64 generation = ++m_generation;
    resolveSecrets(m_secrets, config.secretNames(),
                   [this, generation](const ResolvedSecrets &resolved) {
                       if (generation != m_generation)
                           return;
                       buildClients(resolved);
                   });
}

void Engine::buildClients(const ResolvedSecrets &secrets)
{
    if (m_sweep) // it still works with the old config: sweep again with the new one after it
        m_sweepRequested = true;
    const QStringList accountErrors = m_accounts->apply(m_config, secrets.values, secrets.errorOf);
    for (const QString &error : accountErrors)
        qCWarning(lcSecrets).noquote() << error;
    QStringList problems = accountErrors + applyForwarding(secrets.values);
    if (const QString problem = applyCctray(secrets.values); !problem.isEmpty())
        problems.append(problem);
    applyRebuilds(secrets.values);
    m_ready = true;
    Q_EMIT configApplied(problems);
    if (m_sweepRequested && !m_sweep) {
        m_sweepRequested = false;
        sweepNow();
    }
}

QStringList Engine::applyForwarding(const QHash<QString, QString> &secrets)
{
    QStringList problems;
    if (!m_deliverer)
        return problems;
    m_deliverer->setTargets(m_config.webhooks, secrets, m_config.deliverySchedule);
    for (const WebhookTarget &t : m_deliverer->targets()) {
        if (!t.error.isEmpty())
            problems.append(t.error);
    }
    m_deliverer->start();
    return problems;
}

void Engine::applyRebuilds(const QHash<QString, QString> &secrets)
{
    if (!m_triggers || !m_rebuilds)
        return;
    m_triggers->setTriggers(m_config.triggers, secrets, m_accounts);
    m_triggers->start();
    m_rebuilds->setConfig(m_config);
    m_rebuilds->setAccounts(m_accounts);
}

QString Engine::applyCctray(const QHash<QString, QString> &secrets)
{
    const CctrayConfig &c = m_config.cctray;
    if (!c.enabled()) {
        delete m_cctray;
        m_cctray = nullptr;
        return {};
    }
    if (!c.tokenSecret.isEmpty() && !secrets.contains(c.tokenSecret))
        return QStringLiteral("cctray: token \"%1\" unavailable; the feed is not served")
                .arg(c.tokenSecret);
    if (!m_cctray)
        m_cctray = new CctrayServer([this] { return cctrayXml(m_state.rows()); }, this);
    const QHostAddress address(c.host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1")
                                                                    : c.host);
    QString error;
    if (!m_cctray->listen(address, quint16(c.port), secrets.value(c.tokenSecret), &error)) {
        qCWarning(lcPoll).noquote() << error;
        return error;
    }
    qCInfo(lcPoll).noquote() << QStringLiteral("cctray feed at http://%1:%2/cc.xml")
                                        .arg(c.host)
                                        .arg(m_cctray->port());
    return {};
}

quint16 Engine::cctrayPort() const
{
    return m_cctray && m_cctray->isListening() ? m_cctray->port() : 0;
}

void Engine::sweepNow()
{
    if (!m_ready) {
        m_sweepRequested = true;
        return;
    }
    if (m_sweep) // never two at once; the running one is as fresh as a new one
        return;
    m_sweepRequested = false;
    m_pollTimer.stop();
    m_sweep = new Sweep(m_config, m_accounts->clients(), m_accounts->errors(), &m_state, this);
    if (m_rebuilds)
        m_sweep->forceHistory(m_rebuilds->expectedRepositories());
    connect(m_sweep, &Sweep::finished, this, &Engine::onSweepFinished);
    m_sweep->start();
}

void Engine::onSweepFinished(const SweepReport &report)
{
    m_sweep->deleteLater();
    m_sweep = nullptr;
    m_lastSweepFinished = report.finished;
    m_lastSweepOffline = report.offline;
    for (const BuildChange &c : report.changes) {
        if (c.before.id != 0 && c.before.state != c.after.state)
            qCInfo(lcPoll).noquote()
                    << QStringLiteral("%1:%2 %3 -> %4 (build %5)")
                               .arg(c.after.repository, c.after.tag, buildStateName(c.before.state),
                                    buildStateName(c.after.state))
                               .arg(c.after.id);
    }
    if (m_rebuilds)
        m_rebuilds->onBuildChanges(report.changes);
    detect(report);
    if (m_rebuilds)
        m_rebuilds->checkExpectations(m_state);
    qCInfo(lcPoll).noquote() << QStringLiteral(
                                        "sweep done in %1 ms: %2 listing pages, %3 histories read, "
                                        "%4 failed, %5 errors")
                                        .arg(report.started.msecsTo(report.finished))
                                        .arg(report.listingPages)
                                        .arg(report.historiesFetched)
                                        .arg(report.historiesFailed)
                                        .arg(report.errors.size());
    saveState();
    saveProviderCache();
    warnAboutBudgets();
    Q_EMIT sweepFinished(report);
    // Once the sweep object and what the views built from the report are gone.
    QTimer::singleShot(0, this, [] { releaseFreeMemory(); });
    const OverallStatus status = overallStatus();
    if (status != m_lastStatus) {
        m_lastStatus = status;
        Q_EMIT statusChanged(status);
    }
    if (m_sweepRequested && m_ready) // the config changed while it ran
        sweepNow();
    else
        scheduleNext();
}

void Engine::detect(const SweepReport &report)
{
    QList<Build> builds;
    for (const QString &key : report.repositories) {
        if (const RepoState *s = m_state.find(key))
            builds += s->builds;
    }
    const QDateTime now = Clock::now();
    DetectorSettings settings;
    settings.queuedAlertAfterMs = m_config.queuedAlertAfterMs;
    settings.ignoreOlderThanMs = m_config.ignoreOlderThanMs;
    const QList<Event> events = detectEvents(m_detector, builds, now, settings);
    // Deliveries reach the outbox before the detector remembers the events as raised: a crash
    // in between raises them again, and the outbox refuses the duplicates.
    for (const Event &e : events) {
        raise(e);
        if (m_rebuilds)
            m_rebuilds->onEvent(e);
    }
    if (m_stateDir.isEmpty())
        return;
    m_detector.prune(now);
    QString error;
    if (!saveDetectorState(m_stateDir + QStringLiteral("/detector.json"), m_detector, &error)) {
        qCWarning(lcState).noquote() << error;
        Q_EMIT warning(error);
    }
}

QString Engine::rebuildTrigger(const QString &repository, const QString &tag) const
{
    for (const TriggerConfig &t : m_config.triggers) {
        if (t.expectBuild && t.expectBuild->repository == repository
            && (t.expectBuild->tag.isEmpty() || tag.isEmpty() || t.expectBuild->tag == tag))
            return t.name;
    }
    const QString provider = m_accounts->providerOf(repository);
    for (const TriggerConfig &t : m_config.triggers) {
        if (!t.url.isEmpty() && triggerUrlRebuilds(provider, QUrl(t.url), repository))
            return t.name;
    }
    if (const Build *row = findRow(repository, tag))
        if (const auto r = rowRebuild(m_config, *row))
            return r->trigger.name;
    return {};
}

const Build *Engine::findRow(const QString &repository, const QString &tag) const
{
    for (const RepoState &s : m_state.repositories()) {
        if (s.repository != repository)
            continue;
        for (const Build &b : s.builds) {
            if (b.tag == tag)
                return &b;
        }
    }
    return nullptr;
}

QList<Delivery> Engine::deliveries() const
{
    return m_outbox ? m_outbox->pending() + m_outbox->delivered() : QList<Delivery>();
}

void Engine::redeliver(const QList<Delivery> &deliveries)
{
    if (m_deliverer)
        m_deliverer->redeliver(deliveries);
}

bool Engine::fireTrigger(const QString &name)
{
    return m_triggers && m_triggers->fire(name, QStringLiteral("manual"));
}

TriggerRun Engine::triggerRun(const QString &name) const
{
    return m_triggers ? m_triggers->state().runs.value(name) : TriggerRun();
}

bool Engine::isTriggerRunning(const QString &name) const
{
    return m_triggers && m_triggers->isRunning(name);
}

bool Engine::rebuild(const QString &repository, const QString &tag)
{
    const QString name = rebuildTrigger(repository, tag);
    if (name.isEmpty())
        return false;
    const Build *row = findRow(repository, tag);
    const auto r = row ? rowRebuild(m_config, *row) : std::nullopt;
    const bool configured = std::any_of(m_config.triggers.begin(), m_config.triggers.end(),
                                        [&](const TriggerConfig &t) { return t.name == name; });
    if (r && !configured && m_triggers)
        return m_triggers->fireAdHoc(r->trigger, r->rerunOf, QStringLiteral("manual"));
    return fireTrigger(name);
}

void Engine::saveProviderCache()
{
    QString error;
    if (!m_accounts->saveCache(&error))
        qCWarning(lcState).noquote() << error;
}

void Engine::warnAboutBudgets()
{
    for (const QString &text : m_accounts->budgetWarnings(m_config.pollIntervalMs)) {
        qCWarning(lcPoll).noquote() << text;
        Q_EMIT warning(text);
    }
}

void Engine::raise(const Event &e)
{
    qCInfo(lcEvent).noquote() << eventTypeName(e.type) << e.summary();
    if (m_deliverer)
        m_deliverer->enqueue(e);
    Q_EMIT eventRaised(e);
}

void Engine::onTriggerFired(const TriggerFire &fire)
{
    if (fire.ok)
        return;
    Event e;
    e.type = EventType::TriggerFailed;
    e.id = eventId(QStringLiteral("trigger"), fire.trigger, fire.time.toMSecsSinceEpoch(), e.type);
    e.occurredAt = Clock::now();
    e.trigger = fire.trigger;
    e.detail = fire.result;
    raise(e);
}

bool Engine::saveState()
{
    if (m_stateDir.isEmpty())
        return false;
    QString error;
    if (!m_state.save(m_stateDir + QStringLiteral("/state.json"), &error)) {
        qCWarning(lcState).noquote() << error;
        Q_EMIT warning(error);
        return false;
    }
    return true;
}

void Engine::startPolling()
{
    m_polling = true;
    sweepNow();
}

void Engine::setPaused(bool paused)
{
    m_paused = paused;
    if (paused)
        m_pollTimer.stop();
    else
        scheduleNext();
    Q_EMIT statusChanged(overallStatus());
}

void Engine::scheduleNext()
{
    if (m_polling && !m_paused && !m_sweep)
        m_pollTimer.start(
                int(std::min<qint64>(m_config.pollIntervalMs, std::numeric_limits<int>::max())));
}

int Engine::requestsSent() const { return m_accounts->requestsSent(); }

OverallStatus Engine::overallStatus() const
{
    if (m_config.watch.isEmpty())
        return OverallStatus::NotConfigured;
    if (m_paused)
        return OverallStatus::Paused;
    if (!m_lastSweepFinished.isValid())
        return OverallStatus::Starting;
    if (m_lastSweepOffline)
        return OverallStatus::Offline;
    const QDateTime now = Clock::now();
    if (m_accounts->isRateLimited(now))
        return OverallStatus::RateLimited;
    bool building = false, queued = false;
    for (const RepoState &s : m_state.repositories()) {
        for (const Build &b : s.builds) {
            if (b.state == BuildState::Failed || b.state == BuildState::Stale)
                return OverallStatus::Failing; // a stale image is a failure to publish
            building |= b.state == BuildState::Building;
            queued |= b.state == BuildState::Queued;
        }
    }
    return building ? OverallStatus::Building : queued ? OverallStatus::Queued : OverallStatus::Ok;
}

Engine::BuildCounts Engine::buildCounts() const
{
    BuildCounts counts;
    for (const RepoState &s : m_state.repositories()) {
        for (const Build &b : s.builds) {
            ++counts.total;
            counts.failing += b.state == BuildState::Failed;
            counts.stale += b.state == BuildState::Stale;
        }
    }
    return counts;
}

QString Engine::summary() const
{
    const BuildCounts counts = buildCounts();
    QString text = QStringLiteral("Hubhook: %1").arg(overallStatusName(overallStatus()));
    if (counts.failing)
        text += QStringLiteral(", %1 of %2 builds failing").arg(counts.failing).arg(counts.total);
    if (counts.stale)
        text += QStringLiteral(", %1 image%2 stale")
                        .arg(counts.stale)
                        .arg(counts.stale == 1 ? "" : "s");
    if (m_lastSweepFinished.isValid())
        text += QStringLiteral(", checked %1")
                        .arg(m_lastSweepFinished.toLocalTime().toString(QStringLiteral("HH:mm")));
    return text;
}

} // namespace hubhook
