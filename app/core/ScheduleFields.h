#pragma once

// Internal to the schedule code (Schedule.cpp, ScheduleParser.cpp): the fields of an
// expression and small bit helpers.

#include <QRegularExpression>
#include <QString>
#include <QtAlgorithms>

namespace hubhook::schedulefields {

enum Field { Second, Minute, Hour, DayOfMonth, Month, DayOfWeek, Year };
inline const char *const fieldNames[]
        = { "second", "minute", "hour", "day-of-month", "month", "day-of-week", "year" };
inline const char *const monthNames[]
        = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
inline const char *const dayNames[] = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

inline const qint64 msPerDay = 86400000;
inline const QString fieldCountHint
        = QStringLiteral("expected 5 fields (cron) or 6-7 (Quartz, seconds "
                         "first), got %1");

inline bool isDigits(const QString &text)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    return digits.match(text).hasMatch();
}

inline int nextBit(quint64 mask, int from)
{
    if (from >= 64)
        return -1;
    const quint64 rest = mask >> from;
    return rest ? from + int(qCountTrailingZeroBits(rest)) : -1;
}

inline qint64 floorDiv(qint64 a, qint64 b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace hubhook::schedulefields
