// Parsing of cron, Quartz and interval expressions into a Schedule.
#include "core/Schedule.h"
#include "core/ScheduleFields.h"

#include <QStringList>

namespace hubhook {

using namespace schedulefields;

// Fills a Schedule from the fields of a cron or Quartz expression.
class ScheduleParser
{
public:
    ScheduleParser(Schedule &schedule, bool quartz) : m_s(schedule), m_quartz(quartz) { }

    bool parseFields(const QStringList &fields)
    {
        const int offset = m_quartz ? 0 : -1; // cron has no seconds field
        if (m_quartz && !parseSimple(Second, fields.at(0), &m_s.m_seconds))
            return false;
        if (!parseSimple(Minute, fields.at(1 + offset), &m_s.m_minutes))
            return false;
        quint64 hours = 0;
        if (!parseSimple(Hour, fields.at(2 + offset), &hours))
            return false;
        m_s.m_hours = quint32(hours);
        if (!parseDayOfMonth(fields.at(3 + offset)))
            return false;
        quint64 months = 0;
        if (!parseSimple(Month, fields.at(4 + offset), &months))
            return false;
        m_s.m_months = quint16(months);
        if (!parseDayOfWeek(fields.at(5 + offset), fields.at(3 + offset) == QLatin1String("?")))
            return false;
        return fields.size() < 7 || parseYear(fields.at(6));
    }

    QString error;

private:
    bool fail(Field field, const QString &message)
    {
        error = QLatin1String(fieldNames[field]) + QLatin1String(": ") + message;
        return false;
    }

    int minOf(Field field) const
    {
        static const int mins[] = { 0, 0, 0, 1, 1, 0, 1970 };
        return field == DayOfWeek && m_quartz ? 1 : mins[field];
    }
    int maxOf(Field field) const
    {
        static const int maxs[] = { 59, 59, 23, 31, 12, 7, 2099 };
        return maxs[field];
    }
    // The end of `*` and of `5/15`: Saturday for the day of week in either form.
    int openMaxOf(Field field) const { return field == DayOfWeek && !m_quartz ? 6 : maxOf(field); }
    int weekday(int value) const { return m_quartz ? value - 1 : value % 7; } // 0 = Sunday

    // Explains why `token` is not a value of `field`.
    bool badToken(Field field, const QString &token)
    {
        static const QRegularExpression wToken(QStringLiteral("^([0-9]+W|LW)$"));
        static const QRegularExpression lToken(QStringLiteral("^(L|L-.*|[0-9]+L|[A-Z]{3}L)$"));
        static const QRegularExpression letters(QStringLiteral("^[A-Z]+$"));
        const QString upper = token.toUpper();
        const QString quoted = QLatin1Char('"') + token + QLatin1Char('"');
        const QString misplaced = quoted + QStringLiteral(" cannot be part of a range or step");
        const QString days = QStringLiteral("day-of-month or day-of-week");
        const bool dayField = field == DayOfMonth || field == DayOfWeek;
        auto onlyIn = [](const char *what, const QString &where) {
            return QStringLiteral("\"%1\" is only allowed in %2").arg(QLatin1String(what), where);
        };
        QString message = quoted + QStringLiteral(" is not a number");
        if (upper.contains(QLatin1Char('?')))
            message = dayField ? QStringLiteral("\"?\" must be the whole field")
                               : onlyIn("?", days);
        else if (upper.contains(QLatin1Char('#')))
            message = field == DayOfWeek ? quoted + QStringLiteral(": # follows one day, e.g. 5#2")
                                         : onlyIn("#", QStringLiteral("day-of-week"));
        else if (wToken.match(upper).hasMatch())
            message = field == DayOfMonth ? misplaced : onlyIn("W", QStringLiteral("day-of-month"));
        else if (lToken.match(upper).hasMatch())
            message = dayField ? misplaced : onlyIn("L", days);
        else if (letters.match(upper).hasMatch() && (field == Month || field == DayOfWeek))
            message = QStringLiteral("unknown name %1 (use %2)")
                              .arg(quoted, field == Month ? "jan-dec" : "sun-sat");
        return fail(field, message);
    }

    bool parseValue(Field field, const QString &token, int *value)
    {
        if (isDigits(token)) {
            *value = token.size() > 6 ? -1 : token.toInt();
            if (*value < minOf(field) || *value > maxOf(field)) {
                return fail(field,
                            QStringLiteral("%1 is out of range %2-%3")
                                    .arg(token)
                                    .arg(minOf(field))
                                    .arg(maxOf(field)));
            }
            return true;
        }
        const QString upper = token.toUpper();
        if (field == Month || field == DayOfWeek) {
            const int count = field == Month ? 12 : 7;
            for (int i = 0; i < count; ++i) {
                if (upper == QLatin1String(field == Month ? monthNames[i] : dayNames[i])) {
                    *value = i + 1 - (field == DayOfWeek && !m_quartz ? 1 : 0);
                    return true;
                }
            }
        }
        return badToken(field, token);
    }

    // One list item without specials: `*`, `5`, `1-5`, `*/15`, `10-50/20` or `5/15`.
    bool parseRange(Field field, const QString &item, QList<int> *values)
    {
        const QString quoted = QLatin1Char('"') + item + QLatin1Char('"');
        const QStringList parts = item.split(QLatin1Char('/'));
        if (parts.size() > 2)
            return fail(field, quoted + QStringLiteral(" has more than one step"));
        int step = 1;
        if (parts.size() == 2) {
            if (!isDigits(parts.at(1)))
                return fail(field, quoted + QStringLiteral(": the step is not a number"));
            step = parts.at(1).size() > 6 ? 1000000 : parts.at(1).toInt();
            if (step < 1)
                return fail(field, quoted + QStringLiteral(": the step must be at least 1"));
        }
        const QString &base = parts.at(0);
        int low = minOf(field);
        int high = openMaxOf(field);
        if (base.isEmpty()) {
            return fail(field, quoted + QStringLiteral(" is not valid"));
        } else if (base.contains(QLatin1Char('-'))) {
            const QStringList ends = base.split(QLatin1Char('-'));
            if (ends.size() != 2 || ends.at(0).isEmpty() || ends.at(1).isEmpty())
                return fail(field, QLatin1Char('"') + base + QStringLiteral("\" is not a range"));
            if (!parseValue(field, ends.at(0), &low) || !parseValue(field, ends.at(1), &high))
                return false;
            // `fri-sun` in cron form: Sunday as 7 closes the week.
            if (field == DayOfWeek && !m_quartz && high == 0 && low > 0)
                high = 7;
            if (low > high) {
                return fail(field,
                            QStringLiteral("\"%1\" is an inverted range (%2 > %3)")
                                    .arg(base)
                                    .arg(low)
                                    .arg(high));
            }
        } else if (base != QLatin1String("*")) {
            if (!parseValue(field, base, &low))
                return false;
            high = parts.size() == 2 ? qMax(low, openMaxOf(field)) : low;
        }
        for (int value = low; value <= high; value += step)
            values->append(value);
        return true;
    }

    // Splits a list, hands specials to `special` (returns 1 consumed, 0 not, -1 error).
    template<typename Special>
    bool parseList(Field field, const QString &text, QList<int> *values, Special special)
    {
        for (const QString &item : text.split(QLatin1Char(','))) {
            if (item.isEmpty()) {
                return fail(field, QStringLiteral("empty item in list \"%1\"").arg(text));
            }
            const int handled = special(item.toUpper());
            if (handled < 0)
                return false;
            if (handled == 0 && !parseRange(field, item, values))
                return false;
        }
        return true;
    }

    bool parseSimple(Field field, const QString &text, quint64 *mask)
    {
        QList<int> values;
        if (!parseList(field, text, &values, [](const QString &) { return 0; }))
            return false;
        *mask = 0;
        for (int value : values)
            *mask |= quint64(1) << value;
        return true;
    }

    bool parseDayOfMonth(const QString &text)
    {
        m_s.m_domRestricted = text != QLatin1String("*") && text != QLatin1String("?");
        if (!m_s.m_domRestricted) {
            m_s.m_domDays = 0xFFFFFFFE;
            return true;
        }
        static const QRegularExpression last(QStringLiteral("^L(?:-([0-9]+))?$"));
        static const QRegularExpression nearest(QStringLiteral("^([0-9]+)W$"));
        QList<int> values;
        const bool ok = parseList(DayOfMonth, text, &values, [&](const QString &item) {
            if (item == QLatin1String("LW")) {
                m_s.m_domLastWeekday = true;
                return 1;
            }
            if (const auto match = last.match(item); match.hasMatch()) {
                const int back = match.captured(1).size() > 3 ? 99 : match.captured(1).toInt();
                if (back > 30) {
                    fail(DayOfMonth, QStringLiteral("\"%1\": L-n takes n from 0 to 30").arg(item));
                    return -1;
                }
                m_s.m_domFromLast.append(back);
                return 1;
            }
            if (const auto match = nearest.match(item); match.hasMatch()) {
                int day = 0;
                if (!parseValue(DayOfMonth, match.captured(1), &day))
                    return -1;
                m_s.m_domNearestWeekday.append(day);
                return 1;
            }
            return 0;
        });
        for (int value : values)
            m_s.m_domDays |= quint32(1) << value;
        return ok;
    }

    bool parseDayOfWeek(const QString &text, bool domIsQuestion)
    {
        m_s.m_dowRestricted = text != QLatin1String("*") && text != QLatin1String("?");
        if (text == QLatin1String("?") && domIsQuestion) {
            return fail(DayOfWeek,
                        QStringLiteral("\"?\" cannot be used in both day-of-month and "
                                       "day-of-week"));
        }
        if (!m_s.m_dowRestricted) {
            m_s.m_dowDays = 0x7F;
            return true;
        }
        static const QRegularExpression lastOf(QStringLiteral("^(.+)L$"));
        static const QRegularExpression nth(QStringLiteral("^(.+)#(.*)$"));
        QList<int> values;
        const bool ok = parseList(DayOfWeek, text, &values, [&](const QString &item) {
            int day = 0;
            if (item == QLatin1String("L")) { // alone: the last day of the week
                m_s.m_dowDays |= 1 << 6;
                return 1;
            }
            if (const auto match = lastOf.match(item); match.hasMatch()) {
                if (!parseValue(DayOfWeek, match.captured(1), &day))
                    return -1;
                m_s.m_dowLast |= 1 << weekday(day);
                return 1;
            }
            if (const auto match = nth.match(item); match.hasMatch()) {
                if (!parseValue(DayOfWeek, match.captured(1), &day))
                    return -1;
                const QString n = match.captured(2);
                if (!isDigits(n) || n.size() > 1 || n.toInt() < 1 || n.toInt() > 5) {
                    fail(DayOfWeek,
                         QStringLiteral("\"%1\": the occurrence after # must be 1-5").arg(item));
                    return -1;
                }
                m_s.m_dowNth[n.toInt()] |= 1 << weekday(day);
                return 1;
            }
            return 0;
        });
        for (int value : values)
            m_s.m_dowDays |= 1 << weekday(value);
        return ok;
    }

    bool parseYear(const QString &text)
    {
        m_s.m_yearRestricted = text != QLatin1String("*");
        QList<int> values;
        if (!parseList(Year, text, &values, [](const QString &) { return 0; }))
            return false;
        for (int value : values)
            m_s.m_years.set(value - 1970);
        return true;
    }

    Schedule &m_s;
    bool m_quartz;
};

namespace {

std::optional<qint64> parseInterval(const QString &text, QString *error)
{
    static const QRegularExpression form(
            QStringLiteral("^(?:([0-9]{1,9})d)?(?:([0-9]{1,9})h)?(?:([0-9]{1,9})m)?"
                           "(?:([0-9]{1,9})s)?$"));
    QString compact = text.toLower();
    compact.remove(QRegularExpression(QStringLiteral("\\s")));
    const auto match = form.match(compact);
    if (compact.isEmpty() || !match.hasMatch()) {
        *error = QStringLiteral("interval: \"%1\" is not a duration like 90m, 2h, 1h30m, 45s or "
                                "1d")
                         .arg(text.trimmed());
        return std::nullopt;
    }
    const qint64 unitMs[] = { msPerDay, 3600000, 60000, 1000 };
    qint64 total = 0;
    for (int i = 0; i < 4; ++i)
        total += match.captured(i + 1).toLongLong() * unitMs[i];
    if (total < 1000) {
        *error = QStringLiteral("interval: must be at least 1s");
        return std::nullopt;
    }
    return total;
}

} // namespace

namespace {

// "@daily" -> "0 0 * * *"; empty with *error for @reboot and unknown macros.
QString expandMacro(const QString &text, QString *error)
{
    static const QList<QPair<QString, QString>> macros = {
        { "@hourly", "0 * * * *" },   { "@daily", "0 0 * * *" },   { "@midnight", "0 0 * * *" },
        { "@weekly", "0 0 * * 0" },   { "@monthly", "0 0 1 * *" }, { "@yearly", "0 0 1 1 *" },
        { "@annually", "0 0 1 1 *" },
    };
    for (const auto &macro : macros) {
        if (text.compare(macro.first, Qt::CaseInsensitive) == 0)
            return macro.second;
    }
    if (text.compare(QLatin1String("@reboot"), Qt::CaseInsensitive) == 0)
        *error = QStringLiteral("@reboot is not supported: Hubhook only fires at scheduled times");
    else
        *error = QStringLiteral("unknown macro \"%1\" (use @hourly, @daily, @midnight, @weekly, "
                                "@monthly, @yearly or @annually)")
                         .arg(text);
    return {};
}

// Names the day fields (and the year) of a schedule no date can match.
QString neverFiresError(const QStringList &fields)
{
    const int dom = fields.size() > 5 ? 3 : 2;
    QString which = QStringLiteral("day-of-month \"%1\", month \"%2\" and day-of-week \"%3\"")
                            .arg(fields.at(dom), fields.at(dom + 1), fields.at(dom + 2));
    if (fields.size() == 7)
        which += QStringLiteral(" in year \"%1\"").arg(fields.at(6));
    return QStringLiteral("no date matches %1: the schedule would never fire").arg(which);
}

} // namespace

std::optional<Schedule> Schedule::parse(const QString &expr, QString *error)
{
    QString scratch;
    if (!error)
        error = &scratch;
    const QString text = expr.trimmed();
    Schedule schedule;
    schedule.m_expression = expr;

    static const QRegularExpression every(QStringLiteral("^every(\\s+|$)"),
                                          QRegularExpression::CaseInsensitiveOption);
    if (const auto match = every.match(text); match.hasMatch()) {
        const auto ms = parseInterval(text.mid(match.capturedLength()), error);
        if (!ms)
            return std::nullopt;
        schedule.m_intervalMs = *ms;
        return schedule;
    }

    const bool macro = text.startsWith(QLatin1Char('@'));
    const QString cron = macro ? expandMacro(text, error) : text;
    if (macro && cron.isEmpty())
        return std::nullopt;

    const QStringList fields
            = cron.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    if (fields.size() < 5 || fields.size() > 7) {
        *error = fieldCountHint.arg(fields.size());
        return std::nullopt;
    }
    ScheduleParser parser(schedule, fields.size() > 5);
    if (!parser.parseFields(fields)) {
        *error = parser.error;
        return std::nullopt;
    }
    if (!schedule.canEverFire()) {
        *error = neverFiresError(fields);
        return std::nullopt;
    }

    return schedule;
}

bool Schedule::canEverFire() const
{
    // Whether a date matches at all does not depend on "now": probe from the first year the
    // schedule allows. 100 years from 2000 hold every weekday and leap-year combination.
    int year = 2000;
    if (m_yearRestricted) {
        int first = 0;
        while (first < int(m_years.size()) && !m_years.test(size_t(first)))
            ++first;
        if (first == int(m_years.size()))
            return false;
        year = 1970 + first;
    }
    const QDateTime probe(QDate(year, 1, 1), QTime(0, 0), QTimeZone::utc());
    return next(probe.addSecs(-1), QTimeZone::utc()).isValid();
}

} // namespace hubhook
