// Measure 7's building block: the build table of the real window refreshed after a sweep, at any
// size, for the suite's own figure and for a scaling table.
#pragma once

#include <QString>

namespace bench {

// Wall time of one sweep reaching the screen: BuildTableModel::apply() + processEvents() + a
// forced repaint of the viewport.
struct TableTiming
{
    double medianMs = 0;
    double p90Ms = 0;
    double maxMs = 0;
    int rows = 0; // rows of the model
    int visibleRows = 0; // rows through the filter after the last sweep
    bool ok = false; // false when the window did not show every row (see error)
    QString error;
};

// The real MainWindow (1280x800, offscreen or whatever platform runs) with `repositories` x 2
// tags, sorted by `sortColumn` (a BuildTableModel::Column; -1: as the window sorts, by status;
// the Started and Updated columns newest first, as a person looks at them) and filtered by `filter`
// in the window's filter box; `samples` sweeps, each changing `changes` rows (both tags of changes
// / 2 repositories spread over the table) that move between success, building and failed, after
// three warm-up sweeps.
TableTiming tableRefreshTiming(int repositories, int changes, int samples,
                               const QString &filter = QString(), int sortColumn = -1);

} // namespace bench
