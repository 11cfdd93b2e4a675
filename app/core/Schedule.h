#pragma once

#include <bitset>
#include <optional>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

namespace hubhook {

// When scheduled rebuilds fire: a cron expression, a Quartz expression or an interval.
//
// Syntax
// - Cron, 5 fields: `minute hour day-of-month month day-of-week`. Each field takes `*`, numbers,
//   lists `1,5,9`, ranges `1-5`, steps `*/15`, `10-50/20` and `5/15` (= 5-max/15). Months take
//   `jan`-`dec`, days of week `sun`-`sat` (any case, also in ranges: `mon-fri`, `fri-sun`);
//   day-of-week is 0-7 with 0 and 7 = Sunday.
// - Macros: @hourly, @daily (= @midnight), @weekly, @monthly, @yearly (= @annually).
//   @reboot is rejected.
// - Quartz, 6 or 7 fields: `second minute hour day-of-month month day-of-week [year]`, where
//   day-of-week is 1-7 with 1 = Sunday and the year is 1970-2099 (lists, ranges and steps too).
// - `?` may stand for day-of-month or day-of-week (not both), in either form: it means "any".
// - Specials, in either form. Day-of-month: `L` (last day), `L-3` (third-to-last day), `15W`
//   (the weekday nearest the 15th, never crossing into another month: `1W` on a Saturday is
//   Monday the 3rd, `31W` on a Sunday is Friday the 29th), `LW` (last weekday). Day-of-week:
//   `5L`/`FRIL` (last Friday of the month), `5#2`/`FRI#2` (second Friday; # takes 1-5), `L`
//   alone (Saturday). Numbers follow the form: 5 = Friday in cron, 6 = Friday in Quartz.
// - Intervals: `every 90m`, `every 2h`, `every 1h30m`, `every 45s`, `every 1d` (units d, h, m, s
//   in that order; at least 1s). next(after) is simply after + the interval.
//
// Which days match
// - A day field counts as unrestricted only if it is exactly `*` or `?`. If both day fields are
//   restricted, a day matches when EITHER matches (Vixie cron; `0 0 13 * 5` fires on every 13th
//   and on every Friday); if one is unrestricted, only the other counts. Unlike Vixie cron, a
//   field such as `*/2` counts as restricted.
// - A day that does not exist in a month (the 31st, `30W` in February) does not match there.
//
// Time semantics
// - Wall-clock times are those of the given time zone (the app passes the system zone, which
//   honours TZ); results are returned in that zone.
// - Results are strictly after `after`, and strictly increasing in nextTimes().
// - Daylight-saving gap (spring forward): a wall-clock time that does not exist that day fires
//   once, at the first instant after the gap (02:30 in New York on 2026-03-08 fires at
//   03:00 EDT), as Vixie cron does for fixed-time jobs - unless the schedule's hour field matches
//   every hour (`*/15 * * * *`, `30 * * * *`, `0 * * * * ?`): those simply skip the nonexistent
//   times, as Vixie cron does for wildcard jobs. Several nonexistent times (`0,30 2 * * *`), or a
//   nonexistent time and the real time at the end of the gap, fire once together.
// - Repeated hour (fall back): each wall-clock time fires once, at its first occurrence (01:30 in
//   New York on 2026-11-01 fires at 01:30 EDT, not again at 01:30 EST); `*/15`-style schedules
//   do not fire during the second pass of the hour.
// - A schedule no date can ever match (`0 0 30 2 *`, `0 0 31 4 *`) is rejected by parse().
//   next() returns an invalid QDateTime when the schedule never fires again: a year list
//   entirely in the past. Without a year field the search covers 100 years.
class Schedule
{
public:
    // Parses `expr`; on failure returns std::nullopt and sets *error (if given) to a message that
    // names the wrong field, e.g. `day-of-month: 32 is out of range 1-31`.
    static std::optional<Schedule> parse(const QString &expr, QString *error);

    // The first fire time strictly after `after`, computed in `zone` and returned in `zone`;
    // invalid if the schedule never fires again.
    QDateTime next(const QDateTime &after,
                   const QTimeZone &zone = QTimeZone::systemTimeZone()) const;
    // Up to `count` consecutive fire times after `after` (fewer if it stops firing).
    QList<QDateTime> nextTimes(const QDateTime &after, int count,
                               const QTimeZone &zone = QTimeZone::systemTimeZone()) const;

    QString expression() const { return m_expression; } // as given
    bool isInterval() const { return m_intervalMs > 0; } // "every 90m"
    // False when no date can ever match (`0 0 31 4 *`): parse() rejects those. A schedule
    // whose years are all past still parses; next() then returns an invalid time.
    bool canEverFire() const;
    qint64 intervalMs() const { return m_intervalMs; } // 0 unless isInterval()

private:
    Schedule() = default;
    friend class ScheduleParser;

    struct Wall; // a wall-clock time of one day
    bool nextWall(Wall &wall) const;
    quint32 dayMask(int year, int month) const;
    bool yearMatches(int year) const;

    QString m_expression;
    qint64 m_intervalMs = 0;

    quint64 m_seconds = 1; // bit n: second n
    quint64 m_minutes = 0;
    quint32 m_hours = 0;
    quint16 m_months = 0; // bit n: month n (1-12)
    bool m_domRestricted = false;
    bool m_dowRestricted = false;
    quint32 m_domDays = 0; // bit n: day n (1-31)
    QList<int> m_domFromLast; // L-n: n days before the last day (L = L-0)
    QList<int> m_domNearestWeekday; // nW
    bool m_domLastWeekday = false; // LW
    quint8 m_dowDays = 0; // bit n: weekday n (0 = Sunday)
    quint8 m_dowLast = 0; // nL: last such weekday of the month
    quint8 m_dowNth[6] = {}; // [k] has bit n: k-th weekday n of the month (n#k)
    bool m_yearRestricted = false;
    std::bitset<130> m_years; // bit n: year 1970 + n
};

} // namespace hubhook
