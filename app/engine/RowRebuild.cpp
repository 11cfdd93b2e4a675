#include "engine/RowRebuild.h"

namespace hubhook {

std::optional<RowRebuild> rowRebuild(const Config &config, const Build &row)
{
    if (row.provider != QLatin1String("github") || row.workflow.isEmpty() || row.branch.isEmpty())
        return std::nullopt;
    for (const WatchConfig &w : config.watch) {
        if (!config.accounts.value(w.account).isGitHub() || !w.covers(row.repository))
            continue;
        RowRebuild r;
        r.trigger.name = QStringLiteral("Rebuild %1").arg(row.label());
        r.trigger.account = w.account;
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
