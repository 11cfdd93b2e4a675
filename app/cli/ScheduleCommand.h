#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace hubhook {

// `hubhook schedule next "<expr>" [--count N] [--from <ISO 8601 with offset>]`: writes the next N
// (default 5; 1..1000) fire times strictly after --from (default now), one ISO 8601 timestamp with
// its UTC offset per line (e.g. `2026-03-08T03:00:00-04:00`), into *out. Returns 0, or 2 with a
// message in *err naming what is wrong (the field of the expression, or `--from: ...`,
// `--count: ...`). Uses the system time zone (TZ respected). `arguments` are the words after
// "schedule next", options included (`--count 3` or `--count=3`); several positional words are
// joined with spaces into one expression. If the schedule stops firing, fewer lines are written,
// *err says so and the result is still 0.
int runScheduleNext(const QStringList &arguments, QString *out, QString *err);

// "2026-03-08T03:00:00-04:00": the form `schedule next` writes (UTC as +00:00).
QString formatScheduleTime(const QDateTime &time);

} // namespace hubhook
