#pragma once

#include "core/Build.h"
#include "core/SweepReport.h"
#include "state/WatchState.h"

#include <QList>
#include <QString>

namespace hubhook {

// One line of `--once` output: a build of one tag, or a repository with no build to show.
struct OutputRow
{
    QString repository;
    Build build; // build.id == 0: nothing known
    QString error;
    bool noAutomatedBuilds = false; // see RepoState
};

// The rows of the repositories `report` covered, sorted by repository then tag.
QList<OutputRow> outputRows(const WatchState &state, const SweepReport &report);
QString formatTable(const QList<OutputRow> &rows, const QDateTime &now);
QString formatJson(const QList<OutputRow> &rows);

} // namespace hubhook
