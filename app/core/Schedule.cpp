#include "core/Schedule.h"
#include "core/ScheduleFields.h"

#include <QRegularExpression>
#include <QStringList>
#include <QtAlgorithms>

namespace hubhook {

using namespace schedulefields;

// ---- Finding fire times --------------------------------------------------------------------

struct Schedule::Wall
{
    QDate date;
    int hour = 0;
    int minute = 0;
    int second = 0;
};

bool Schedule::yearMatches(int year) const
{
    return !m_yearRestricted || (year >= 1970 && year <= 2099 && m_years.test(year - 1970));
}

// Bit n set: day n of that month fires (both day fields applied).
quint32 Schedule::dayMask(int year, int month) const
{
    const QDate first(year, month, 1);
    const int days = first.daysInMonth();
    const int firstWeekday = first.dayOfWeek() % 7; // 0 = Sunday
    const quint32 all = ((quint32(1) << days) - 1) << 1;
    if (!m_domRestricted && !m_dowRestricted)
        return all;
    auto weekdayOf = [&](int day) { return (firstWeekday + day - 1) % 7; };

    quint32 dom = m_domDays & all;
    for (int back : m_domFromLast) {
        if (days - back >= 1)
            dom |= quint32(1) << (days - back);
    }
    for (int day : m_domNearestWeekday) {
        if (day > days)
            continue; // that day does not exist this month
        if (weekdayOf(day) == 6)
            day = day == 1 ? 3 : day - 1;
        else if (weekdayOf(day) == 0)
            day = day == days ? day - 2 : day + 1;
        dom |= quint32(1) << day;
    }
    if (m_domLastWeekday) {
        const int wd = weekdayOf(days);
        dom |= quint32(1) << (wd == 6 ? days - 1 : wd == 0 ? days - 2 : days);
    }

    quint32 dow = 0;
    for (int day = 1; day <= days; ++day) {
        const int wd = weekdayOf(day);
        if ((m_dowDays >> wd & 1) || ((m_dowLast >> wd & 1) && day + 7 > days)
            || (m_dowNth[(day - 1) / 7 + 1] >> wd & 1)) {
            dow |= quint32(1) << day;
        }
    }
    if (!m_domRestricted)
        return dow;
    if (!m_dowRestricted)
        return dom;
    return dom | dow;
}

// Moves `wall` to the first matching wall-clock time at or after it.
bool Schedule::nextWall(Wall &wall) const
{
    const int limitYear = m_yearRestricted ? 2099 : wall.date.year() + 100;
    QDate date = wall.date;
    int hour = wall.hour, minute = wall.minute, second = wall.second;
    auto restartAt = [&](const QDate &day) {
        date = day;
        hour = minute = second = 0;
    };
    while (date.isValid() && date.year() <= limitYear) {
        const int year = date.year(), month = date.month();
        if (!yearMatches(year)) {
            int nextYear = qMax(year + 1, 1970);
            while (nextYear <= limitYear && !yearMatches(nextYear))
                ++nextYear;
            restartAt(QDate(nextYear, 1, 1));
            continue;
        }
        const int nextMonth = nextBit(m_months, month);
        if (nextMonth != month) {
            restartAt(nextMonth < 0 ? QDate(year + 1, 1, 1) : QDate(year, nextMonth, 1));
            continue;
        }
        const int day = nextBit(dayMask(year, month), date.day());
        if (day < 0) {
            restartAt(QDate(year, month, 1).addMonths(1));
            continue;
        }
        if (day != date.day())
            restartAt(QDate(year, month, day));
        for (int h = nextBit(m_hours, hour); h >= 0; h = nextBit(m_hours, h + 1)) {
            for (int m = nextBit(m_minutes, h == hour ? minute : 0); m >= 0;
                 m = nextBit(m_minutes, m + 1)) {
                const int s = nextBit(m_seconds, h == hour && m == minute ? second : 0);
                if (s >= 0) {
                    wall = Wall { date, h, m, s };
                    return true;
                }
            }
        }
        restartAt(date.addDays(1));
    }
    return false;
}

namespace {

qint64 offsetMs(const QTimeZone &zone, qint64 utcMs)
{
    return zone.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utcMs, Qt::UTC)) * qint64(1000);
}

// The first instant in (low, high] whose offset differs from `before`'s (a transition).
qint64 transitionIn(const QTimeZone &zone, qint64 low, qint64 high, qint64 before)
{
    while (high - low > 1) {
        const qint64 mid = low + (high - low) / 2;
        (offsetMs(zone, mid) == before ? low : high) = mid;
    }
    return high;
}

// Where a wall-clock time (as milliseconds, read as if UTC) falls in a time zone.
struct Placement
{
    enum Kind { Normal, Gap, Repeated } kind = Normal;
    qint64 utc = 0; // the instant; for a gap the end of the gap; for a repeat the first one
    qint64 wallAfter = 0; // Gap, Repeated: the first wall-clock time after the affected range
};

// Assumes at most one transition within a day of `wall`, as in every real zone.
Placement place(const QTimeZone &zone, qint64 wall)
{
    const qint64 before = offsetMs(zone, wall - msPerDay);
    const qint64 after = offsetMs(zone, wall + msPerDay);
    const bool beforeFits = offsetMs(zone, wall - before) == before;
    const bool afterFits = before != after && offsetMs(zone, wall - after) == after;
    Placement placement;
    if (beforeFits && afterFits) { // repeated: the larger offset is the earlier instant
        placement.kind = Placement::Repeated;
        placement.utc = wall - before;
        placement.wallAfter = transitionIn(zone, wall - before, wall - after, before) + before;
    } else if (beforeFits || afterFits) {
        placement.utc = wall - (beforeFits ? before : after);
    } else if (before < after) { // skipped by a spring-forward gap
        placement.kind = Placement::Gap;
        placement.utc = transitionIn(zone, wall - after, wall - before, before);
        placement.wallAfter = placement.utc + after;
    } else { // two transitions within a day (no such zone today): keep the earlier offset
        placement.utc = wall - before;
    }
    return placement;
}

} // namespace

QDateTime Schedule::next(const QDateTime &after, const QTimeZone &zone) const
{
    if (!after.isValid())
        return {};
    const QTimeZone tz = zone.isValid() ? zone : QTimeZone::utc();
    const qint64 afterMs = after.toMSecsSinceEpoch();
    if (isInterval())
        return QDateTime::fromMSecsSinceEpoch(afterMs + m_intervalMs, tz);

    // Every-hour schedules skip nonexistent times; others fire them at the end of the gap.
    const bool skipGaps = (m_hours & 0xFFFFFF) == 0xFFFFFF;
    // Search wall-clock times from the first whole second after `after`'s own wall-clock time.
    qint64 wallMs = (floorDiv(afterMs + offsetMs(tz, afterMs), 1000) + 1) * 1000;
    for (;;) {
        const qint64 days = floorDiv(wallMs, msPerDay);
        const int secondOfDay = int((wallMs - days * msPerDay) / 1000);
        Wall wall { QDate::fromJulianDay(days + 2440588), secondOfDay / 3600, secondOfDay / 60 % 60,
                    secondOfDay % 60 };
        if (!nextWall(wall))
            return {};
        wallMs = (wall.date.toJulianDay() - 2440588) * msPerDay
                + (wall.hour * 3600 + wall.minute * 60 + wall.second) * qint64(1000);
        const Placement placement = place(tz, wallMs);
        const bool fires = placement.kind != Placement::Gap || !skipGaps;
        if (fires && placement.utc > afterMs)
            return QDateTime::fromMSecsSinceEpoch(placement.utc, tz);
        // Already fired (a repeated hour's second pass, or the end of a gap): skip past it.
        if (placement.kind == Placement::Normal || placement.wallAfter <= wallMs)
            wallMs += 1000;
        else
            wallMs = placement.wallAfter;
    }
}

QList<QDateTime> Schedule::nextTimes(const QDateTime &after, int count, const QTimeZone &zone) const
{
    QList<QDateTime> times;
    QDateTime time = after;
    while (times.size() < count) {
        time = next(time, zone);
        if (!time.isValid())
            break;
        times.append(time);
    }
    return times;
}

} // namespace hubhook
