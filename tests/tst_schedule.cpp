#include "cli/ScheduleCommand.h"
#include "core/Schedule.h"

#include <time.h>
#include <QTest>

using namespace hubhook;

class TestSchedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup();
    void nextTimes_data();
    void nextTimes();
    void dst_data();
    void dst();
    void consistentFromAnyInstant_data();
    void consistentFromAnyInstant();
    void invalid_data();
    void invalid();
    void accessors();
    void performance();
    void command_data();
    void command();
    void commandErrors_data();
    void commandErrors();
    void commandNeverFires();
    void systemZoneFollowsTz();
};

namespace {

QDateTime at(const QString &iso)
{
    const QDateTime time = QDateTime::fromString(iso, Qt::ISODateWithMs);
    Q_ASSERT(time.isValid());
    return time;
}

QStringList format(const QList<QDateTime> &times)
{
    QStringList result;
    for (const QDateTime &time : times)
        result.append(formatScheduleTime(time));
    return result;
}

void setTz(const char *tz)
{
    qputenv("TZ", tz);
    tzset();
}

// Columns shared by the data-driven next-time tables.
void addColumns()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QStringList>("expected");
}

void row(const char *name, const QString &expression, const QString &from,
         const QStringList &expected, const QByteArray &zone = "UTC")
{
    QTest::newRow(name) << expression << zone << from << expected;
}

} // namespace

void TestSchedule::cleanup() { setTz("UTC"); }

void TestSchedule::nextTimes_data()
{
    addColumns();
    const QString jan1 = QStringLiteral("2026-01-01T00:00:00Z"); // a Thursday
    // Standard fields.
    row("*/15", "*/15 * * * *", "2026-01-01T00:07:00Z",
        { "2026-01-01T00:15:00+00:00", "2026-01-01T00:30:00+00:00", "2026-01-01T00:45:00+00:00",
          "2026-01-01T01:00:00+00:00" });
    row("strictly after", "0 * * * *", "2026-01-01T10:00:00Z",
        { "2026-01-01T11:00:00+00:00", "2026-01-01T12:00:00+00:00" });
    row("fraction before", "*/15 * * * *", "2026-01-01T00:14:59.500Z",
        { "2026-01-01T00:15:00+00:00" });
    row("fraction after", "*/15 * * * *", "2026-01-01T00:15:00.001Z",
        { "2026-01-01T00:30:00+00:00" });
    row("range/step", "10-50/20 * * * *", jan1,
        { "2026-01-01T00:10:00+00:00", "2026-01-01T00:30:00+00:00", "2026-01-01T00:50:00+00:00",
          "2026-01-01T01:10:00+00:00" });
    row("start/step", "5/15 * * * *", jan1,
        { "2026-01-01T00:05:00+00:00", "2026-01-01T00:20:00+00:00", "2026-01-01T00:35:00+00:00",
          "2026-01-01T00:50:00+00:00", "2026-01-01T01:05:00+00:00" });
    row("step beyond range", "*/45 * * * *", jan1,
        { "2026-01-01T00:45:00+00:00", "2026-01-01T01:00:00+00:00" });
    row("list", "1,5,9 3 * * *", jan1,
        { "2026-01-01T03:01:00+00:00", "2026-01-01T03:05:00+00:00", "2026-01-01T03:09:00+00:00",
          "2026-01-02T03:01:00+00:00" });
    row("other offset in from", "0 0 * * *", "2026-01-01T01:30:00+02:00",
        { "2026-01-01T00:00:00+00:00" });
    row("month names", "0 0 1 jan,JUL *", "2026-01-01T10:00:00Z",
        { "2026-07-01T00:00:00+00:00", "2027-01-01T00:00:00+00:00" });
    row("month step", "0 0 1 */3 *", jan1,
        { "2026-04-01T00:00:00+00:00", "2026-07-01T00:00:00+00:00", "2026-10-01T00:00:00+00:00",
          "2027-01-01T00:00:00+00:00" });
    row("mon-fri", "0 9 * * mon-fri", "2026-01-02T10:00:00Z",
        { "2026-01-05T09:00:00+00:00", "2026-01-06T09:00:00+00:00", "2026-01-07T09:00:00+00:00" });
    row("fri-sun wraps to 7", "0 12 * * fri-sun", jan1,
        { "2026-01-02T12:00:00+00:00", "2026-01-03T12:00:00+00:00", "2026-01-04T12:00:00+00:00",
          "2026-01-09T12:00:00+00:00" });
    const QStringList sundays = { "2026-01-04T08:30:00+00:00", "2026-01-11T08:30:00+00:00" };
    row("dow 0 = Sunday", "30 8 * * 0", jan1, sundays);
    row("dow 7 = Sunday", "30 8 * * 7", jan1, sundays);
    row("dow SUN", "30 8 * * Sun", jan1, sundays);
    row("quartz 1 = Sunday", "0 30 8 ? * 1", jan1, sundays);
    row("quartz SUN", "0 30 8 ? * SUN", jan1, sundays);
    row("dow 1/2", "0 0 * * 1/2", jan1,
        { "2026-01-02T00:00:00+00:00", "2026-01-05T00:00:00+00:00", "2026-01-07T00:00:00+00:00" });
    row("? in cron dow", "0 12 1 * ?", jan1,
        { "2026-01-01T12:00:00+00:00", "2026-02-01T12:00:00+00:00" });
    row("? in cron dom", "0 12 ? * mon", jan1,
        { "2026-01-05T12:00:00+00:00", "2026-01-12T12:00:00+00:00" });

    // Month ends and leap years.
    row("29 February", "0 0 29 2 *", "2025-01-01T00:00:00Z",
        { "2028-02-29T00:00:00+00:00", "2032-02-29T00:00:00+00:00", "2036-02-29T00:00:00+00:00" });
    row("31st skips short months", "0 0 31 * *", jan1,
        { "2026-01-31T00:00:00+00:00", "2026-03-31T00:00:00+00:00", "2026-05-31T00:00:00+00:00",
          "2026-07-31T00:00:00+00:00", "2026-08-31T00:00:00+00:00", "2026-10-31T00:00:00+00:00",
          "2026-12-31T00:00:00+00:00" });
    row("L", "0 0 L * *", jan1,
        { "2026-01-31T00:00:00+00:00", "2026-02-28T00:00:00+00:00", "2026-03-31T00:00:00+00:00",
          "2026-04-30T00:00:00+00:00" });
    row("L leap February", "0 0 L 2 *", "2027-03-01T00:00:00Z", { "2028-02-29T00:00:00+00:00" });
    row("L-3", "0 0 L-3 * *", jan1,
        { "2026-01-28T00:00:00+00:00", "2026-02-25T00:00:00+00:00", "2026-03-28T00:00:00+00:00",
          "2026-04-27T00:00:00+00:00" });
    row("LW", "0 0 LW * *", jan1, // Jan 31 and Feb 28 are Saturdays, May 31 a Sunday
        { "2026-01-30T00:00:00+00:00", "2026-02-27T00:00:00+00:00", "2026-03-31T00:00:00+00:00",
          "2026-04-30T00:00:00+00:00", "2026-05-29T00:00:00+00:00" });
    row("15W", "0 0 15W * *", jan1, // Feb 15 and Mar 15 are Sundays
        { "2026-01-15T00:00:00+00:00", "2026-02-16T00:00:00+00:00", "2026-03-16T00:00:00+00:00",
          "2026-04-15T00:00:00+00:00" });
    row("15W on a Saturday", "0 0 15W * *", "2026-08-01T00:00:00Z",
        { "2026-08-14T00:00:00+00:00" });
    row("1W on a Saturday", "0 0 1W * *", "2026-07-15T00:00:00Z", // Aug 1 Sat, Nov 1 Sun
        { "2026-08-03T00:00:00+00:00", "2026-09-01T00:00:00+00:00", "2026-10-01T00:00:00+00:00",
          "2026-11-02T00:00:00+00:00" });
    row("31W on a Sunday", "0 0 31W * *", "2026-05-01T00:00:00Z",
        { "2026-05-29T00:00:00+00:00", "2026-07-31T00:00:00+00:00", "2026-08-31T00:00:00+00:00" });
    row("L in a list", "0 0 1,L * *", jan1,
        { "2026-01-31T00:00:00+00:00", "2026-02-01T00:00:00+00:00", "2026-02-28T00:00:00+00:00" });

    // Either-day semantics.
    row("13th or Friday", "0 0 13 * 5", "2026-03-14T00:00:00Z",
        { "2026-03-20T00:00:00+00:00", "2026-03-27T00:00:00+00:00", "2026-04-03T00:00:00+00:00",
          "2026-04-10T00:00:00+00:00", "2026-04-13T00:00:00+00:00", "2026-04-17T00:00:00+00:00" });
    row("13th only", "0 0 13 * *", "2026-03-14T00:00:00Z",
        { "2026-04-13T00:00:00+00:00", "2026-05-13T00:00:00+00:00" });
    row("Friday only", "0 0 * * 5", "2026-03-14T00:00:00Z",
        { "2026-03-20T00:00:00+00:00", "2026-03-27T00:00:00+00:00" });
    row("quartz both restricted: either", "0 0 0 13 * 6", "2026-03-14T00:00:00Z",
        { "2026-03-20T00:00:00+00:00", "2026-03-27T00:00:00+00:00", "2026-04-03T00:00:00+00:00",
          "2026-04-10T00:00:00+00:00", "2026-04-13T00:00:00+00:00" });

    // Day-of-week specials, numbered per form.
    const QStringList lastFridays = { "2026-01-30T00:00:00+00:00", "2026-02-27T00:00:00+00:00",
                                      "2026-03-27T00:00:00+00:00", "2026-04-24T00:00:00+00:00" };
    row("5L", "0 0 * * 5L", jan1, lastFridays);
    row("FRIL", "0 0 * * FRIL", jan1, lastFridays);
    row("quartz 6L", "0 0 0 ? * 6L", jan1, lastFridays);
    const QStringList secondFridays = { "2026-01-09T00:00:00+00:00", "2026-02-13T00:00:00+00:00",
                                        "2026-03-13T00:00:00+00:00", "2026-04-10T00:00:00+00:00" };
    row("5#2", "0 0 * * 5#2", jan1, secondFridays);
    row("fri#2", "0 0 * * fri#2", jan1, secondFridays);
    row("quartz 6#2", "0 0 0 ? * 6#2", jan1, secondFridays);
    row("5#5", "0 0 * * 5#5", jan1,
        { "2026-01-30T00:00:00+00:00", "2026-05-29T00:00:00+00:00", "2026-07-31T00:00:00+00:00",
          "2026-10-30T00:00:00+00:00" });
    row("L in dow = Saturday", "0 0 * * L", jan1,
        { "2026-01-03T00:00:00+00:00", "2026-01-10T00:00:00+00:00" });

    // Quartz.
    row("seed: every minute", "0 * * * * ?", "2026-01-01T10:00:30Z",
        { "2026-01-01T10:01:00+00:00", "2026-01-01T10:02:00+00:00" });
    row("quartz seconds step", "*/20 * * * * ?", "2026-01-01T00:00:30Z",
        { "2026-01-01T00:00:40+00:00", "2026-01-01T00:01:00+00:00", "2026-01-01T00:01:20+00:00" });
    row("quartz 6 = Friday", "30 0 12 ? * 6", jan1,
        { "2026-01-02T12:00:30+00:00", "2026-01-09T12:00:30+00:00" });
    row("quartz 2-6 = Mon-Fri", "0 0 12 ? * 2-6", "2026-01-02T13:00:00Z",
        { "2026-01-05T12:00:00+00:00", "2026-01-06T12:00:00+00:00", "2026-01-07T12:00:00+00:00" });
    row("year list", "0 0 0 1 1 ? 2027,2029", "2026-03-01T00:00:00Z",
        { "2027-01-01T00:00:00+00:00", "2029-01-01T00:00:00+00:00" });
    row("year list in the past", "0 0 0 1 1 ? 2020-2025", jan1, {});
    row("year step", "0 0 12 1 1 ? 2030/5", jan1,
        { "2030-01-01T12:00:00+00:00", "2035-01-01T12:00:00+00:00", "2040-01-01T12:00:00+00:00" });
    row("year *", "0 0 0 29 2 ? *", "2025-01-01T00:00:00Z", { "2028-02-29T00:00:00+00:00" });

    // Macros (2026-01-01 is a Thursday).
    const QString morning = QStringLiteral("2026-01-01T10:30:00Z");
    row("@hourly", "@hourly", morning,
        { "2026-01-01T11:00:00+00:00", "2026-01-01T12:00:00+00:00" });
    const QStringList days = { "2026-01-02T00:00:00+00:00", "2026-01-03T00:00:00+00:00" };
    row("@daily", "@daily", morning, days);
    row("@midnight", "@midnight", morning, days);
    row("@DAILY", " @DAILY ", morning, days);
    row("@weekly", "@weekly", morning,
        { "2026-01-04T00:00:00+00:00", "2026-01-11T00:00:00+00:00" });
    row("@monthly", "@monthly", morning,
        { "2026-02-01T00:00:00+00:00", "2026-03-01T00:00:00+00:00" });
    const QStringList years = { "2027-01-01T00:00:00+00:00", "2028-01-01T00:00:00+00:00" };
    row("@yearly", "@yearly", morning, years);
    row("@annually", "@annually", morning, years);

    // Intervals.
    const QStringList ninety = { "2026-01-01T01:30:00+00:00", "2026-01-01T03:00:00+00:00" };
    row("every 90m", "every 90m", jan1, ninety);
    row("every 1h30m", "every 1h30m", jan1, ninety);
    row("every 2h", "every 2h", jan1, { "2026-01-01T02:00:00+00:00", "2026-01-01T04:00:00+00:00" });
    row("every 45s", "every 45s", jan1,
        { "2026-01-01T00:00:45+00:00", "2026-01-01T00:01:30+00:00" });
    row("every 2d", "Every 2d", jan1, { "2026-01-03T00:00:00+00:00", "2026-01-05T00:00:00+00:00" });
    row("every 1h in New York across the gap", "every 1h", "2026-03-08T01:30:00-05:00",
        { "2026-03-08T03:30:00-04:00", "2026-03-08T04:30:00-04:00" }, "America/New_York");
}

// Checks one table row: the times, their zone, and that they strictly increase.
static void checkRow()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, zone);
    QFETCH(QString, from);
    QFETCH(QStringList, expected);
    QString error;
    const auto schedule = Schedule::parse(expression, &error);
    QVERIFY2(schedule, qPrintable(error));
    const QTimeZone tz(zone);
    QVERIFY(tz.isValid());
    const QList<QDateTime> times = schedule->nextTimes(at(from), expected.size() + 1, tz);
    QCOMPARE(format(times.mid(0, expected.size())), expected);
    QDateTime previous = at(from);
    for (const QDateTime &time : times) {
        QCOMPARE(time.timeZone(), tz);
        QVERIFY(time > previous);
        previous = time;
    }
    if (!expected.isEmpty())
        QCOMPARE(formatScheduleTime(schedule->next(at(from), tz)), expected.first());
    else
        QVERIFY(!schedule->next(at(from), tz).isValid());
}

void TestSchedule::nextTimes() { checkRow(); }

void TestSchedule::dst_data()
{
    addColumns();
    const QByteArray ny = "America/New_York", berlin = "Europe/Berlin";
    // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT.
    row("NY gap: 02:30 daily fires at 03:00", "30 2 * * *", "2026-03-07T12:00:00-05:00",
        { "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00" }, ny);
    row("NY gap: 02:00 daily", "0 2 * * *", "2026-03-07T12:00:00-05:00",
        { "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00" }, ny);
    row("NY gap: two moved times fire once", "0,30 2 * * *", "2026-03-07T12:00:00-05:00",
        { "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00", "2026-03-09T02:30:00-04:00" },
        ny);
    row("NY gap: moved and real 03:00 fire once", "0 2,3 * * *", "2026-03-07T12:00:00-05:00",
        { "2026-03-08T03:00:00-04:00", "2026-03-09T02:00:00-04:00", "2026-03-09T03:00:00-04:00" },
        ny);
    row("NY gap: hours 1-5 at :30", "30 1-5 * * *", "2026-03-08T00:00:00-05:00",
        { "2026-03-08T01:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:30:00-04:00",
          "2026-03-08T04:30:00-04:00" },
        ny);
    row("NY gap: */15 skips", "*/15 * * * *", "2026-03-08T01:30:00-05:00",
        { "2026-03-08T01:45:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:15:00-04:00" },
        ny);
    row("NY gap: 30 * skips", "30 * * * *", "2026-03-08T00:45:00-05:00",
        { "2026-03-08T01:30:00-05:00", "2026-03-08T03:30:00-04:00", "2026-03-08T04:30:00-04:00" },
        ny);
    row("NY gap: quartz every minute", "0 * * * * ?", "2026-03-08T01:58:30-05:00",
        { "2026-03-08T01:59:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-08T03:01:00-04:00" },
        ny);
    // New York, 2026-11-01: 02:00 EDT falls back to 01:00 EST.
    row("NY repeat: 01:30 daily fires once", "30 1 * * *", "2026-10-31T12:00:00-04:00",
        { "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00" }, ny);
    row("NY repeat: from the second pass", "30 1 * * *", "2026-11-01T01:10:00-05:00",
        { "2026-11-02T01:30:00-05:00" }, ny);
    row("NY repeat: */15", "*/15 * * * *", "2026-11-01T01:30:00-04:00",
        { "2026-11-01T01:45:00-04:00", "2026-11-01T02:00:00-05:00", "2026-11-01T02:15:00-05:00" },
        ny);
    row("NY repeat: */15 from the second pass", "*/15 * * * *", "2026-11-01T01:20:00-05:00",
        { "2026-11-01T02:00:00-05:00", "2026-11-01T02:15:00-05:00" }, ny);
    row("NY repeat: 30 *", "30 * * * *", "2026-11-01T00:45:00-04:00",
        { "2026-11-01T01:30:00-04:00", "2026-11-01T02:30:00-05:00", "2026-11-01T03:30:00-05:00" },
        ny);
    row("NY repeat: midnight unaffected", "0 0 * * *", "2026-10-31T12:00:00-04:00",
        { "2026-11-01T00:00:00-04:00", "2026-11-02T00:00:00-05:00" }, ny);
    // Berlin, 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    row("Berlin gap: 02:30 daily", "30 2 * * *", "2026-03-28T12:00:00+01:00",
        { "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00" }, berlin);
    row("Berlin gap: 02:00 daily", "0 2 * * *", "2026-03-28T12:00:00+01:00",
        { "2026-03-29T03:00:00+02:00", "2026-03-30T02:00:00+02:00" }, berlin);
    row("Berlin gap: */15", "*/15 * * * *", "2026-03-29T01:30:00+01:00",
        { "2026-03-29T01:45:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-29T03:15:00+02:00" },
        berlin);
    row("Berlin gap: 30 *", "30 * * * *", "2026-03-29T00:45:00+01:00",
        { "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00" }, berlin);
    // Berlin, 2026-10-25: 03:00 CEST falls back to 02:00 CET.
    row("Berlin repeat: 02:30 daily", "30 2 * * *", "2026-10-24T12:00:00+02:00",
        { "2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00" }, berlin);
    row("Berlin repeat: */15", "*/15 * * * *", "2026-10-25T02:30:00+02:00",
        { "2026-10-25T02:45:00+02:00", "2026-10-25T03:00:00+01:00", "2026-10-25T03:15:00+01:00" },
        berlin);
    row("Berlin repeat: 0 *", "0 * * * *", "2026-10-25T01:30:00+02:00",
        { "2026-10-25T02:00:00+02:00", "2026-10-25T03:00:00+01:00" }, berlin);
    row("Berlin repeat: quartz 02:30:15 Sundays", "15 30 2 ? * SUN", "2026-10-24T12:00:00+02:00",
        { "2026-10-25T02:30:15+02:00", "2026-11-01T02:30:15+01:00" }, berlin);
    // Transitions at midnight, of 30 minutes, and of a whole day.
    row("Santiago gap at midnight", "0 0 * * *", "2026-09-05T12:00:00-04:00",
        { "2026-09-06T01:00:00-03:00", "2026-09-07T00:00:00-03:00" }, "America/Santiago");
    row("Santiago repeat before midnight", "30 23 * * *", "2026-04-04T12:00:00-03:00",
        { "2026-04-04T23:30:00-03:00", "2026-04-05T23:30:00-04:00" }, "America/Santiago");
    row("Lord Howe 30-minute gap", "15 2 * * *", "2026-10-03T12:00:00+10:30",
        { "2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00" }, "Australia/Lord_Howe");
    row("Lord Howe 30-minute gap, */15", "*/15 * * * *", "2026-10-04T01:50:00+10:30",
        { "2026-10-04T02:30:00+11:00", "2026-10-04T02:45:00+11:00" }, "Australia/Lord_Howe");
    row("Apia skips 2011-12-30", "0 12 * * *", "2011-12-29T13:00:00-10:00",
        { "2011-12-31T00:00:00+14:00", "2011-12-31T12:00:00+14:00" }, "Pacific/Apia");
}

void TestSchedule::dst() { checkRow(); }

void TestSchedule::consistentFromAnyInstant_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<QString>("from");
    QTest::newRow("*/15 NY spring")
            << "*/15 * * * *" << QByteArray("America/New_York") << "2026-03-08T00:00:00-05:00";
    QTest::newRow("*/15 NY fall") << "*/15 * * * *" << QByteArray("America/New_York")
                                  << "2026-11-01T00:00:00-04:00";
    QTest::newRow("0,30 1-3 NY fall")
            << "0,30 1-3 * * *" << QByteArray("America/New_York") << "2026-11-01T00:00:00-04:00";
    QTest::newRow("7,37 2 Berlin spring")
            << "7,37 2 * * *" << QByteArray("Europe/Berlin") << "2026-03-29T00:00:00+01:00";
    QTest::newRow("17 * Berlin fall")
            << "17 * * * *" << QByteArray("Europe/Berlin") << "2026-10-25T00:00:00+02:00";
}

// next() from every minute of a transition day agrees with the sequence of nextTimes().
void TestSchedule::consistentFromAnyInstant()
{
    QFETCH(QString, expression);
    QFETCH(QByteArray, zone);
    QFETCH(QString, from);
    const auto schedule = Schedule::parse(expression, nullptr);
    QVERIFY(schedule);
    const QTimeZone tz(zone);
    const QDateTime start = at(from);
    const QList<QDateTime> times = schedule->nextTimes(start.addSecs(-3600), 200, tz);
    QCOMPARE(times.size(), 200);
    auto firstAfter = [&times](const QDateTime &t) {
        for (const QDateTime &time : times) {
            if (time > t)
                return formatScheduleTime(time);
        }
        return QString();
    };
    for (QDateTime t = start; t < start.addSecs(26 * 3600); t = t.addSecs(60)) {
        QCOMPARE(formatScheduleTime(schedule->next(t, tz)), firstAfter(t));
        QCOMPARE(formatScheduleTime(schedule->next(t.addMSecs(-1), tz)),
                 firstAfter(t.addMSecs(-1)));
        QCOMPARE(formatScheduleTime(schedule->next(t.addSecs(31), tz)), firstAfter(t.addSecs(31)));
    }
}

void TestSchedule::invalid_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("error");
    const QString count = QStringLiteral("expected 5 fields (cron) or 6-7 (Quartz, seconds first), "
                                         "got %1");
    QTest::newRow("empty") << "" << count.arg(0);
    QTest::newRow("4 fields") << "* * * *" << count.arg(4);
    QTest::newRow("8 fields") << "0 * * * * ? * *" << count.arg(8);
    QTest::newRow("garbage") << "hello world foo bar baz"
                             << "minute: \"hello\" is not a number";
    QTest::newRow("dom 32") << "0 0 32 * *"
                            << "day-of-month: 32 is out of range 1-31";
    QTest::newRow("dom 0") << "0 0 0 * *"
                           << "day-of-month: 0 is out of range 1-31";
    QTest::newRow("minute 60") << "60 * * * *"
                               << "minute: 60 is out of range 0-59";
    QTest::newRow("hour 24") << "0 24 * * *"
                             << "hour: 24 is out of range 0-23";
    QTest::newRow("month 13") << "0 0 * 13 *"
                              << "month: 13 is out of range 1-12";
    const QString never = QStringLiteral("no date matches %1: the schedule would never fire");
    QTest::newRow("31 April") << "0 0 31 4 *"
                              << never.arg("day-of-month \"31\", month \"4\" and day-of-week "
                                           "\"*\"");
    QTest::newRow("30 February") << "0 0 30 2 *"
                                 << never.arg("day-of-month \"30\", month \"2\" and "
                                              "day-of-week \"*\"");
    QTest::newRow("quartz 31 Nov") << "0 0 0 31 NOV ?"
                                   << never.arg("day-of-month \"31\", month \"NOV\" and "
                                                "day-of-week \"?\"");
    QTest::newRow("29 Feb of 2026") << "0 0 0 29 2 ? 2026"
                                    << never.arg("day-of-month \"29\", month \"2\" and "
                                                 "day-of-week \"?\" in year \"2026\"");
    QTest::newRow("dow 8") << "0 0 * * 8"
                           << "day-of-week: 8 is out of range 0-7";
    QTest::newRow("quartz dow 0") << "0 0 0 ? * 0"
                                  << "day-of-week: 0 is out of range 1-7";
    QTest::newRow("second 60") << "60 0 0 * * ?"
                               << "second: 60 is out of range 0-59";
    QTest::newRow("year 1969") << "0 0 0 1 1 ? 1969"
                               << "year: 1969 is out of range 1970-2099";
    QTest::newRow("huge number") << "99999999999 * * * *"
                                 << "minute: 99999999999 is out of range 0-59";
    QTest::newRow("open range") << "5- * * * *"
                                << "minute: \"5-\" is not a range";
    QTest::newRow("range without start") << "0 -5 * * *"
                                         << "hour: \"-5\" is not a range";
    QTest::newRow("inverted") << "5-1 * * * *"
                              << "minute: \"5-1\" is an inverted range (5 > 1)";
    QTest::newRow("inverted names") << "0 0 * * fri-mon"
                                    << "day-of-week: \"fri-mon\" is an inverted range (5 > 1)";
    QTest::newRow("step 0") << "*/0 * * * *"
                            << "minute: \"*/0\": the step must be at least 1";
    QTest::newRow("step text") << "*/x * * * *"
                               << "minute: \"*/x\": the step is not a number";
    QTest::newRow("two steps") << "*/5/2 * * * *"
                               << "minute: \"*/5/2\" has more than one step";
    QTest::newRow("no start") << "/5 * * * *"
                              << "minute: \"/5\" is not valid";
    QTest::newRow("empty item") << "1,,2 * * * *"
                                << "minute: empty item in list \"1,,2\"";
    QTest::newRow("trailing comma") << "0 0 * * 1,"
                                    << "day-of-week: empty item in list \"1,\"";
    QTest::newRow("unknown month") << "0 0 * foo *"
                                   << "month: unknown name \"foo\" (use jan-dec)";
    QTest::newRow("unknown day") << "0 0 * * funday"
                                 << "day-of-week: unknown name \"funday\" (use sun-sat)";
    QTest::newRow("name in hour") << "0 mon * * *"
                                  << "hour: \"mon\" is not a number";
    QTest::newRow("? in minute") << "? * * * *"
                                 << "minute: \"?\" is only allowed in day-of-month or day-of-week";
    QTest::newRow("? in year") << "0 0 0 1 1 ? ?"
                               << "year: \"?\" is only allowed in day-of-month or day-of-week";
    QTest::newRow("? in a list") << "0 0 1,? * *"
                                 << "day-of-month: \"?\" must be the whole field";
    QTest::newRow("? twice") << "0 0 0 ? * ?"
                             << "day-of-week: \"?\" cannot be used in both day-of-month and "
                                "day-of-week";
    QTest::newRow("#6") << "0 0 * * 5#6"
                        << "day-of-week: \"5#6\": the occurrence after # must be 1-5";
    QTest::newRow("#0") << "0 0 * * 5#0"
                        << "day-of-week: \"5#0\": the occurrence after # must be 1-5";
    QTest::newRow("# day out of range") << "0 0 0 ? * 8#1"
                                        << "day-of-week: 8 is out of range 1-7";
    QTest::newRow("# without a day") << "0 0 * * #2"
                                     << "day-of-week: \"#2\": # follows one day, e.g. 5#2";
    QTest::newRow("# in dom") << "0 0 1#2 * *"
                              << "day-of-month: \"#\" is only allowed in day-of-week";
    QTest::newRow("W in dow") << "0 0 * * 5W"
                              << "day-of-week: \"W\" is only allowed in day-of-month";
    QTest::newRow("LW in dow") << "0 0 * * LW"
                               << "day-of-week: \"W\" is only allowed in day-of-month";
    QTest::newRow("W in month") << "0 0 * 1W *"
                                << "month: \"W\" is only allowed in day-of-month";
    QTest::newRow("W in range") << "0 0 1-5W * *"
                                << "day-of-month: \"5W\" cannot be part of a range or step";
    QTest::newRow("32W") << "0 0 32W * *"
                         << "day-of-month: 32 is out of range 1-31";
    QTest::newRow("L in hour") << "0 L * * *"
                               << "hour: \"L\" is only allowed in day-of-month or day-of-week";
    QTest::newRow("L in range") << "0 0 1-L * *"
                                << "day-of-month: \"L\" cannot be part of a range or step";
    QTest::newRow("L-31") << "0 0 L-31 * *"
                          << "day-of-month: \"L-31\": L-n takes n from 0 to 30";
    QTest::newRow("L with step") << "0 0 L/2 * *"
                                 << "day-of-month: \"L\" cannot be part of a range or step";
    QTest::newRow("8L") << "0 0 * * 8L"
                        << "day-of-week: 8 is out of range 0-7";
    QTest::newRow("@reboot") << "@reboot"
                             << "@reboot is not supported: Hubhook only fires at scheduled times";
    QTest::newRow("unknown macro") << "@fortnightly"
                                   << "unknown macro \"@fortnightly\" (use @hourly, @daily, "
                                      "@midnight, @weekly, @monthly, @yearly or @annually)";
    QTest::newRow("every 0s") << "every 0s"
                              << "interval: must be at least 1s";
    QTest::newRow("every 500ms") << "every 500ms"
                                 << "interval: \"500ms\" is not a duration like 90m, 2h, 1h30m, "
                                    "45s or 1d";
    QTest::newRow("every parsec") << "every 5 parsecs"
                                  << "interval: \"5 parsecs\" is not a duration like 90m, 2h, "
                                     "1h30m, 45s or 1d";
    QTest::newRow("every nothing") << "every"
                                   << "interval: \"\" is not a duration like 90m, 2h, 1h30m, 45s "
                                      "or 1d";
    QTest::newRow("every 30m1h") << "every 30m1h"
                                 << "interval: \"30m1h\" is not a duration like 90m, 2h, 1h30m, "
                                    "45s or 1d";
}

void TestSchedule::invalid()
{
    QFETCH(QString, expression);
    QFETCH(QString, error);
    QString message = QStringLiteral("untouched");
    QVERIFY(!Schedule::parse(expression, &message));
    QCOMPARE(message, error);
    QVERIFY(!Schedule::parse(expression, nullptr)); // no error pointer: no crash
}

void TestSchedule::accessors()
{
    const auto cron = Schedule::parse(QStringLiteral(" 0 * * * * ? "), nullptr);
    QVERIFY(cron);
    QCOMPARE(cron->expression(), QStringLiteral(" 0 * * * * ? "));
    QVERIFY(!cron->isInterval());
    QCOMPARE(cron->intervalMs(), 0);
    const auto interval = Schedule::parse(QStringLiteral("every 1h30m"), nullptr);
    QVERIFY(interval);
    QVERIFY(interval->isInterval());
    QCOMPARE(interval->intervalMs(), 90 * 60 * 1000);
    QCOMPARE(Schedule::parse(QStringLiteral("every 2d"), nullptr)->intervalMs(), 2 * 86400000LL);
    QCOMPARE(Schedule::parse(QStringLiteral("every 1h 30m 15s"), nullptr)->intervalMs(), 5415000);
    QCOMPARE(Schedule::parse(QStringLiteral("every 45s"), nullptr)->intervalMs(), 45000);
    QVERIFY(!cron->next(QDateTime(), QTimeZone::utc()).isValid());
    QVERIFY(cron->nextTimes(at("2026-01-01T00:00:00Z"), 0, QTimeZone::utc()).isEmpty());
}

// Field-skipping search: these finish in well under a second.
void TestSchedule::performance()
{
    const QTimeZone ny("America/New_York");
    const auto every5 = Schedule::parse(QStringLiteral("*/5 * * * *"), nullptr);
    const QDateTime from = at("2026-01-01T00:00:00Z");
    const QList<QDateTime> times = every5->nextTimes(from, 1000, QTimeZone::utc());
    QCOMPARE(times.size(), 1000);
    QCOMPARE(times.last(), from.addSecs(1000 * 300));
    QCOMPARE(every5->nextTimes(from, 1000, ny).size(), 1000);

    const auto leap = Schedule::parse(QStringLiteral("0 0 29 2 *"), nullptr);
    const QList<QDateTime> leaps = leap->nextTimes(at("2025-01-01T00:00:00Z"), 20, ny);
    QCOMPARE(leaps.size(), 20);
    QCOMPARE(formatScheduleTime(leaps.at(17)), QStringLiteral("2096-02-29T00:00:00-05:00"));
    // 2100 is not a leap year.
    QCOMPARE(formatScheduleTime(leaps.at(18)), QStringLiteral("2104-02-29T00:00:00-05:00"));
    QCOMPARE(formatScheduleTime(leaps.at(19)), QStringLiteral("2108-02-29T00:00:00-05:00"));

    const auto past = Schedule::parse(QStringLiteral("0 0 0 1 1 ? 1999"), nullptr);
    QVERIFY(past);
    QVERIFY(past->nextTimes(from, 20, ny).isEmpty());
    const auto seconds = Schedule::parse(QStringLiteral("* * * * * ?"), nullptr);
    QCOMPARE(seconds->nextTimes(at("2026-03-08T01:59:00-05:00"), 1000, ny).size(), 1000);
}

void TestSchedule::command_data()
{
    QTest::addColumn<QString>("tz");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("output");
    QTest::newRow("count and from")
            << "UTC"
            << QStringList { "0 0 * * *", "--count", "3", "--from", "2026-01-01T10:00:00Z" }
            << "2026-01-02T00:00:00+00:00\n2026-01-03T00:00:00+00:00\n"
               "2026-01-04T00:00:00+00:00\n";
    QTest::newRow("= forms, offset")
            << "UTC" << QStringList { "--count=1", "--from=2026-01-01T01:30:00+02:00", "@daily" }
            << "2026-01-01T00:00:00+00:00\n";
    QTest::newRow("default count 5")
            << "UTC" << QStringList { "@hourly", "--from", "2026-01-01T00:00:00.000+0000" }
            << "2026-01-01T01:00:00+00:00\n2026-01-01T02:00:00+00:00\n2026-01-01T03:00:00+00:00\n"
               "2026-01-01T04:00:00+00:00\n2026-01-01T05:00:00+00:00\n";
    QTest::newRow("unquoted words joined")
            << "UTC" << QStringList { "30", "8",      "*",
                                      "*",  "sun",    "--count",
                                      "1",  "--from", "2026-01-01T00:00:00Z" }
            << "2026-01-04T08:30:00+00:00\n";
    QTest::newRow("after --") << "UTC" << QStringList { "--count", "1",
                                                        "--from",  "2026-01-01T00:00:00Z",
                                                        "--",      "@weekly" }
                              << "2026-01-04T00:00:00+00:00\n";
    QTest::newRow("TZ New York gap")
            << "America/New_York"
            << QStringList { "30 2 * * *", "--count", "2", "--from", "2026-03-07T12:00:00-05:00" }
            << "2026-03-08T03:00:00-04:00\n2026-03-09T02:30:00-04:00\n";
    QTest::newRow("TZ Berlin, from in UTC")
            << "Europe/Berlin"
            << QStringList { "0 0 * * *", "--count", "1", "--from", "2026-01-01T10:00:00Z" }
            << "2026-01-02T00:00:00+01:00\n";
    QTest::newRow("TZ Kolkata half-hour offset")
            << "Asia/Kolkata"
            << QStringList { "0 0 * * *", "--count", "1", "--from", "2026-01-01T10:00:00Z" }
            << "2026-01-02T00:00:00+05:30\n";
}

void TestSchedule::command()
{
    QFETCH(QString, tz);
    QFETCH(QStringList, arguments);
    QFETCH(QString, output);
    setTz(tz.toUtf8().constData());
    QString out, err = QStringLiteral("stale");
    QCOMPARE(runScheduleNext(arguments, &out, &err), 0);
    QCOMPARE(out, output);
    QCOMPARE(err, QString());
}

void TestSchedule::commandErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("error");
    const QString from = QStringLiteral("2026-01-01T00:00:00Z");
    QTest::newRow("count 0") << QStringList { "@daily", "--count", "0" }
                             << "--count: \"0\" is not a number from 1 to 1000";
    QTest::newRow("count 1001") << QStringList { "@daily", "--count=1001" }
                                << "--count: \"1001\" is not a number from 1 to 1000";
    QTest::newRow("count text") << QStringList { "@daily", "--count", "many" }
                                << "--count: \"many\" is not a number from 1 to 1000";
    QTest::newRow("count negative") << QStringList { "@daily", "--count=-3" }
                                    << "--count: \"-3\" is not a number from 1 to 1000";
    QTest::newRow("count no value")
            << QStringList { "@daily", "--count" } << "--count: missing value";
    QTest::newRow("from garbage") << QStringList { "@daily", "--from", "yesterday" }
                                  << "--from: \"yesterday\" is not an ISO 8601 time with a UTC "
                                     "offset, e.g. 2026-03-08T01:00:00-05:00";
    QTest::newRow("from without offset")
            << QStringList { "@daily", "--from", "2026-01-01T00:00:00" }
            << "--from: \"2026-01-01T00:00:00\" is not an ISO 8601 time with a UTC offset, e.g. "
               "2026-03-08T01:00:00-05:00";
    QTest::newRow("from no value") << QStringList { "@daily", "--from" } << "--from: missing value";
    QTest::newRow("unknown option") << QStringList { "@daily", "--zone", "UTC" }
                                    << "schedule next: unknown option --zone (use --count N or "
                                       "--from TIME)";
    QTest::newRow("no expression")
            << QStringList { "--from", from } << "schedule next: missing the schedule expression";
    QTest::newRow("bad field") << QStringList { "0 0 32 * *", "--from", from }
                               << "invalid schedule \"0 0 32 * *\": day-of-month: 32 is out of "
                                  "range 1-31";
    QTest::newRow("@reboot") << QStringList { "@reboot" }
                             << "invalid schedule \"@reboot\": @reboot is not supported: Hubhook "
                                "only fires at scheduled times";
}

void TestSchedule::commandErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, error);
    QString out, err;
    QCOMPARE(runScheduleNext(arguments, &out, &err), 2);
    QCOMPARE(err, error);
    QVERIFY(out.isEmpty());
}

void TestSchedule::commandNeverFires()
{
    QString out, err;
    const QStringList arguments { "0 0 0 1 1 ? 2027", "--count", "3", "--from",
                                  "2026-06-01T00:00:00Z" };
    QCOMPARE(runScheduleNext(arguments, &out, &err), 0);
    QCOMPARE(out, QStringLiteral("2027-01-01T00:00:00+00:00\n"));
    QCOMPARE(err,
             QStringLiteral("schedule \"0 0 0 1 1 ? 2027\" never fires after "
                            "2027-01-01T00:00:00+00:00"));
    // Nothing at all after --from: an error, like a schedule that can never fire.
    QCOMPARE(runScheduleNext({ "0 0 0 1 1 ? 2025", "--from", "2026-06-01T00:00:00Z" }, &out, &err),
             2);
    QVERIFY(out.isEmpty());
    QCOMPARE(err,
             QStringLiteral("schedule \"0 0 0 1 1 ? 2025\" never fires after "
                            "2026-06-01T00:00:00+00:00"));
    QCOMPARE(runScheduleNext({ "0 0 31 4 *" }, &out, &err), 2);
    QVERIFY(out.isEmpty());
    QCOMPARE(err,
             QStringLiteral("invalid schedule \"0 0 31 4 *\": no date matches day-of-month "
                            "\"31\", month \"4\" and day-of-week \"*\": the schedule would "
                            "never fire"));
    // Without --from: now, and the next fire times are in the future.
    QCOMPARE(runScheduleNext({ "@hourly", "--count", "2" }, &out, &err), 0);
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QVERIFY(at(lines.first()) > QDateTime::currentDateTimeUtc());
}

// Qt 6.4 does not cache the system zone: it follows TZ as soon as it changes.
void TestSchedule::systemZoneFollowsTz()
{
    const auto daily = Schedule::parse(QStringLiteral("0 0 * * *"), nullptr);
    const QDateTime from = at("2026-07-01T12:00:00Z");
    QCOMPARE(formatScheduleTime(daily->next(from)), QStringLiteral("2026-07-02T00:00:00+00:00"));
    setTz("Europe/Berlin");
    QCOMPARE(QTimeZone::systemTimeZone().id(), QByteArray("Europe/Berlin"));
    const QDateTime berlin = daily->next(from);
    QCOMPARE(formatScheduleTime(berlin), QStringLiteral("2026-07-02T00:00:00+02:00"));
    QCOMPARE(berlin.timeZone(), QTimeZone("Europe/Berlin"));
    setTz("UTC");
    QCOMPARE(formatScheduleTime(daily->next(from)), QStringLiteral("2026-07-02T00:00:00+00:00"));
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
