#pragma once

#include "config/Config.h"
#include "core/Event.h"
#include "core/SweepReport.h"
#include "state/RebuildState.h"
#include "state/WatchState.h"

#include <functional>
#include <QHash>
#include <QObject>
#include <QSet>

namespace hubhook {

class AccountServices;
class TriggerRunner;

// When Hubhook rebuilds on its own, and whether a rebuild really happened. The engine calls it
// after each sweep; it fires through the TriggerRunner and owns what it remembers
// (RebuildState, rebuilds.json):
//  - linked triggers: a new success of `after_success_of`'s repository (or repository:tag);
//  - retries: a failed build of a watch with `retry_failed`, at most `max_attempts` per
//    failure streak (a recovery ends the streak);
//  - expectations: a successful fire of a trigger with `expect_build` expects a build (one that
//    started after the fire, or one queued or running) or a push of the tag before the deadline,
//    else trigger.no_build.
class RebuildPolicy : public QObject
{
    Q_OBJECT
public:
    explicit RebuildPolicy(TriggerRunner *runner, QObject *parent = nullptr);

    // Loads rebuilds.json; on the first start after an upgrade, adopts what triggers.json held.
    void setStateDir(const QString &dir);
    void setConfig(const Config &config) { m_config = config; }
    // Who reads a repository's tags at an expectation's deadline (did a push follow).
    void setAccounts(AccountServices *accounts) { m_accounts = accounts; }

    void onBuildChanges(const QList<BuildChange> &changes); // linked triggers
    void onEvent(const Event &event); // retries of failed builds
    void checkExpectations(const WatchState &state); // after each sweep

    // Repositories whose history a sweep reads whatever their listing says: a build is expected.
    QSet<QString> expectedRepositories() const;
    const QList<Expectation> &expectations() const { return m_state.expectations; }

Q_SIGNALS:
    void eventRaised(const hubhook::Event &event); // trigger.no_build

private:
    void onFired(const TriggerFire &fire);
    void finishExpectation(const Expectation &x);
    void raiseNoBuild(const Expectation &x, const QString &tagsError);
    void save();

    TriggerRunner *m_runner;
    Config m_config;
    AccountServices *m_accounts = nullptr;
    RebuildState m_state;
    QString m_path;
};

} // namespace hubhook
