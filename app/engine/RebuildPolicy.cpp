#include "engine/RebuildPolicy.h"

#include "engine/AccountServices.h"
#include "engine/TriggerRunner.h"
#include "support/Clock.h"
#include "support/Logging.h"
#include "support/TimeText.h"

namespace hubhook {

namespace {
// A minute of slack for the clocks of the provider and this machine.
constexpr qint64 kClockSlackSecs = 60;

QString retryKey(const Build &b) { return b.repository + QLatin1Char('|') + b.tag; }

// A build that meets the expectation: started after the fire, or one queued or running (the
// provider folds a trigger into the build already pending for the tag).
bool meets(const Expectation &x, const WatchState &state)
{
    for (const RepoState &s : state.repositories()) {
        if (s.repository != x.repository)
            continue;
        for (const Build &b : s.builds) {
            if (!x.tag.isEmpty() && b.tag != x.tag)
                continue;
            if ((b.created.isValid() && b.created >= x.firedAt.addSecs(-kClockSlackSecs))
                || b.state == BuildState::Queued || b.state == BuildState::Building)
                return true;
        }
    }
    return false;
}
} // namespace

RebuildPolicy::RebuildPolicy(TriggerRunner *runner, QObject *parent)
    : QObject(parent), m_runner(runner)
{
    connect(runner, &TriggerRunner::fired, this, &RebuildPolicy::onFired);
}

void RebuildPolicy::setStateDir(const QString &dir)
{
    m_path = dir.isEmpty() ? QString() : dir + QStringLiteral("/rebuilds.json");
    QString warning;
    bool existed = false;
    if (!m_path.isEmpty() && !m_state.load(m_path, &warning, &existed)) {
        qCWarning(lcState).noquote() << warning;
    }
    if (!existed) {
        m_state.expectations = m_runner->state().legacyExpectations;
        m_state.retries = m_runner->state().legacyRetries;
    }
}

void RebuildPolicy::save()
{
    QString error;
    if (!m_path.isEmpty() && !m_state.save(m_path, &error))
        qCWarning(lcState).noquote() << error;
}

void RebuildPolicy::onFired(const TriggerFire &fire)
{
    if (!fire.ok)
        return;
    const auto t = m_runner->triggerConfig(fire.trigger);
    if (!t || !t->expectBuild)
        return;
    m_state.expectations.append({ t->name, t->expectBuild->repository, t->expectBuild->tag,
                                  fire.time, fire.time.addMSecs(t->expectBuild->withinMs) });
    save();
}

void RebuildPolicy::onBuildChanges(const QList<BuildChange> &changes)
{
    for (const BuildChange &c : changes) {
        // A new digest of a watched tag (`after_push_of`): a child of a base image rebuilds,
        // wherever the base was built. Not on the first sight of the tag.
        if (c.after.image) {
            if (c.before.id == 0 || c.before.id == c.after.id)
                continue;
            const QString pushed = c.after.repository + QLatin1Char(':')
                    + (c.after.cause.isEmpty() ? c.after.tag : c.after.cause);
            const QString row = c.after.repository + QLatin1Char(':') + c.after.tag;
            for (const TriggerConfig &t : std::as_const(m_config.triggers)) {
                if (!t.afterPushOf.isEmpty() && (t.afterPushOf == row || t.afterPushOf == pushed))
                    m_runner->fire(t.name, QStringLiteral("push"));
            }
            continue;
        }
        // A new success of a parent, as a registry's repository links rebuild children. Not on
        // the first sight of a repository (before.id == 0): that is history, not news.
        if (c.after.state != BuildState::Success || c.before.id == 0
            || (c.before.id == c.after.id && c.before.state == BuildState::Success))
            continue;
        for (const TriggerConfig &t : std::as_const(m_config.triggers)) {
            if (t.afterSuccessOf == c.after.repository
                || t.afterSuccessOf == c.after.repository + QLatin1Char(':') + c.after.tag)
                m_runner->fire(t.name, QStringLiteral("link"));
        }
    }
}

void RebuildPolicy::onEvent(const Event &e)
{
    const QString key = retryKey(e.build);
    if (e.type == EventType::BuildRecovered) {
        if (m_state.retries.remove(key))
            save();
        return;
    }
    if (e.type != EventType::BuildFailed)
        return;
    for (const WatchConfig &w : std::as_const(m_config.watch)) {
        if (!w.covers(e.build.repository) || w.retryTrigger.isEmpty())
            continue;
        int &done = m_state.retries[key];
        if (done >= w.retryMaxAttempts) {
            qCInfo(lcTrigger).noquote()
                    << QStringLiteral(
                               "%1:%2 failed again; %3 rebuild(s) already tried, not retrying")
                               .arg(e.build.repository, e.build.tag)
                               .arg(done);
            return;
        }
        ++done;
        save();
        m_runner->fire(w.retryTrigger, QStringLiteral("retry"));
        return;
    }
}

QSet<QString> RebuildPolicy::expectedRepositories() const
{
    QSet<QString> out;
    for (const Expectation &e : m_state.expectations)
        out.insert(e.repository);
    return out;
}

void RebuildPolicy::checkExpectations(const WatchState &state)
{
    const QDateTime now = Clock::now();
    QList<Expectation> due;
    bool changed = false;
    for (qsizetype i = m_state.expectations.size() - 1; i >= 0; --i) {
        const Expectation x = m_state.expectations.at(i);
        const bool met = meets(x, state);
        if (!met && now < x.deadline)
            continue;
        m_state.expectations.removeAt(i);
        changed = true;
        if (met)
            qCInfo(lcTrigger).noquote() << QStringLiteral("trigger \"%1\": a build of %2 started")
                                                   .arg(x.trigger, x.repository);
        else
            due.append(x);
    }
    if (changed)
        save();
    for (const Expectation &x : std::as_const(due))
        finishExpectation(x);
}

void RebuildPolicy::finishExpectation(const Expectation &x)
{
    // No build in the history: an image pushed by other means (a CI job) counts too.
    if (!m_accounts)
        return raiseNoBuild(x, {});
    m_accounts->pushes(
            x.repository,
            [this, x](const QHash<QString, QDateTime> &lastPushed, const QString &error) {
                for (auto it = lastPushed.begin(); it != lastPushed.end(); ++it) {
                    if ((x.tag.isEmpty() || it.key() == x.tag) && it.value().isValid()
                        && it.value() >= x.firedAt.addSecs(-kClockSlackSecs)) {
                        qCInfo(lcTrigger).noquote()
                                << QStringLiteral("trigger \"%1\": %2:%3 was pushed")
                                           .arg(x.trigger, x.repository, it.key());
                        return;
                    }
                }
                raiseNoBuild(x, error);
            });
}

void RebuildPolicy::raiseNoBuild(const Expectation &x, const QString &tagsError)
{
    Event e;
    e.type = EventType::TriggerNoBuild;
    e.id = eventId(QStringLiteral("trigger"), x.trigger, x.firedAt.toMSecsSinceEpoch(), e.type);
    e.occurredAt = Clock::now();
    e.trigger = x.trigger;
    e.build.repository = x.repository;
    e.build.tag = x.tag;
    e.detail
            = QStringLiteral("no new build or push within %1 of the fire at %2")
                      .arg(formatDuration(x.firedAt.msecsTo(x.deadline)), formatApiTime(x.firedAt));
    if (!tagsError.isEmpty())
        e.detail += QStringLiteral(" (tags not checked: %1)").arg(tagsError);
    Q_EMIT eventRaised(e);
}

} // namespace hubhook
