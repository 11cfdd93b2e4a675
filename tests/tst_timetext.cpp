#include "support/TimeText.h"

#include <QTest>

using namespace hubhook;

class TestTimeText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void apiTimes_data();
    void apiTimes();
    void durations_data();
    void durations();
    void formatting();
    void durationOverflow_data();
    void durationOverflow();
    void implausibleYears_data();
    void implausibleYears();
    void roundTrip_data();
    void roundTrip();
    void fractionsAsTheProviderWroteThem_data();
    void fractionsAsTheProviderWroteThem();
};

void TestTimeText::apiTimes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("utc"); // empty: invalid
    QTest::newRow("seed created_date (6-digit fraction)") << "2018-04-24T13:34:33.654759Z"
                                                          << "2018-04-24T13:34:33.654Z";
    QTest::newRow("no fraction") << "2018-04-24T13:34:33Z"
                                 << "2018-04-24T13:34:33.000Z";
    QTest::newRow("1-digit fraction") << "2018-04-24T13:34:33.6Z"
                                      << "2018-04-24T13:34:33.600Z";
    QTest::newRow("9-digit fraction") << "2018-04-24T13:34:33.123456789Z"
                                      << "2018-04-24T13:34:33.123Z";
    QTest::newRow("positive offset") << "2018-04-24T15:34:33+02:00"
                                     << "2018-04-24T13:34:33.000Z";
    QTest::newRow("negative offset no colon") << "2018-04-24T08:34:33.5-0500"
                                              << "2018-04-24T13:34:33.500Z";
    QTest::newRow("offset hours only") << "2018-04-24T14:34:33+01"
                                       << "2018-04-24T13:34:33.000Z";
    QTest::newRow("no zone means UTC") << "2018-04-24T13:34:33.654759"
                                       << "2018-04-24T13:34:33.654Z";
    QTest::newRow("space separator") << "2018-04-24 13:34:33Z"
                                     << "2018-04-24T13:34:33.000Z";
    QTest::newRow("lower-case z") << "2018-04-24T13:34:33z"
                                  << "2018-04-24T13:34:33.000Z";
    QTest::newRow("rfc 2822 audit api") << "Wed, 17 Sep 2014 08:26:22 +0000"
                                        << "2014-09-17T08:26:22.000Z";
    QTest::newRow("rfc 2822 offset") << "Wed, 17 Sep 2014 10:26:22 +0200"
                                     << "2014-09-17T08:26:22.000Z";
    QTest::newRow("leap day") << "2024-02-29T00:00:00Z"
                              << "2024-02-29T00:00:00.000Z";
    QTest::newRow("not a leap day") << "2023-02-29T00:00:00Z"
                                    << "";
    QTest::newRow("month 13") << "2018-13-01T00:00:00Z"
                              << "";
    QTest::newRow("hour 25") << "2018-01-01T25:00:00Z"
                             << "";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("garbage") << "yesterday"
                             << "";
    QTest::newRow("date only") << "2018-04-24"
                               << "";
    QTest::newRow("rfc 2822 six-digit year (issue 14)") << "17 Sep 200414 08:26:22 +0000"
                                                        << "";
    QTest::newRow("rfc 2822 year 1969") << "Wed, 31 Dec 1969 23:59:59 +0000"
                                        << "";
    QTest::newRow("iso year 0001") << "0001-01-01T00:00:00Z"
                                   << "";
    QTest::newRow("iso year 1969") << "1969-12-31T23:59:59.999Z"
                                   << "";
    QTest::newRow("iso epoch") << "1970-01-01T00:00:00Z"
                               << "1970-01-01T00:00:00.000Z";
    QTest::newRow("offset into 1969") << "1970-01-01T00:30:00+01:00"
                                      << "";
    QTest::newRow("offset into 10000") << "9999-12-31T23:30:00-01:00"
                                       << "";
    QTest::newRow("last plausible") << "9999-12-31T23:59:59.999Z"
                                    << "9999-12-31T23:59:59.999Z";
}

void TestTimeText::apiTimes()
{
    QFETCH(QString, text);
    QFETCH(QString, utc);
    const QDateTime t = parseApiTime(text);
    if (utc.isEmpty()) {
        QVERIFY2(!t.isValid(), qPrintable(t.toString(Qt::ISODateWithMs)));
        return;
    }
    QVERIFY(t.isValid());
    QCOMPARE(t.timeSpec(), Qt::UTC);
    QCOMPARE(formatApiTime(t), utc);
}

void TestTimeText::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ms"); // -1: invalid
    QTest::newRow("seconds") << "90s" << qint64(90000);
    QTest::newRow("minutes") << "5m" << qint64(300000);
    QTest::newRow("hours+minutes") << "1h30m" << qint64(5400000);
    QTest::newRow("days") << "2d" << qint64(172800000);
    QTest::newRow("millis") << "500ms" << qint64(500);
    QTest::newRow("spaces trimmed") << " 10m " << qint64(600000);
    QTest::newRow("no unit") << "60" << qint64(-1);
    QTest::newRow("negative") << "-5m" << qint64(-1);
    QTest::newRow("unknown unit") << "5x" << qint64(-1);
    QTest::newRow("trailing junk") << "5m!" << qint64(-1);
    QTest::newRow("empty") << "" << qint64(-1);
    QTest::newRow("inner space") << "1h 30m" << qint64(-1);
}

void TestTimeText::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, ms);
    const auto parsed = parseDuration(text);
    if (ms < 0) {
        QVERIFY(!parsed.has_value());
        return;
    }
    QVERIFY(parsed.has_value());
    QCOMPARE(*parsed, ms);
}

void TestTimeText::formatting()
{
    QCOMPARE(formatDuration(5400000), QStringLiteral("1h30m"));
    QCOMPARE(formatDuration(45000), QStringLiteral("45s"));
    QCOMPARE(formatDuration(250), QStringLiteral("250ms"));
    const QDateTime now(QDate(2026, 1, 2), QTime(12, 0), Qt::UTC);
    QCOMPARE(formatAge(now.addSecs(-30), now), QStringLiteral("just now"));
    QCOMPARE(formatAge(now.addSecs(-300), now), QStringLiteral("5m ago"));
    QCOMPARE(formatAge(now.addSecs(-7200), now), QStringLiteral("2h ago"));
    QCOMPARE(formatAge(now.addDays(-3), now), QStringLiteral("3d ago"));
    QCOMPARE(formatAge(QDateTime(), now), QStringLiteral("-"));
}

void TestTimeText::durationOverflow_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("outOfRange"); // false: a syntax error
    QTest::newRow("issue 14 days") << "8825400613783079d" << true;
    QTest::newRow("issue 14 minutes") << "222222222222220m" << true;
    QTest::newRow("past qint64") << "99999999999999999999999s" << true;
    QTest::newRow("sum overflows") << "9223372036854775807ms1ms" << true;
    QTest::newRow("just past the maximum") << QStringLiteral("%1ms1ms").arg(kMaxDurationMs) << true;
    QTest::newRow("junk after a huge number") << "99999999999999999999999s!" << false;
}

void TestTimeText::durationOverflow()
{
    QFETCH(QString, text);
    QFETCH(bool, outOfRange);
    DurationError why = DurationError::None;
    QVERIFY(!parseDuration(text, &why).has_value());
    QCOMPARE(why, outOfRange ? DurationError::OutOfRange : DurationError::Syntax);
    // The largest accepted duration is accepted, and exact.
    QCOMPARE(parseDuration(QStringLiteral("%1ms").arg(kMaxDurationMs), &why), kMaxDurationMs);
    QCOMPARE(why, DurationError::None);
    QCOMPARE(parseDuration(QStringLiteral("36500d")), qint64(36500) * 86400 * 1000);
}

void TestTimeText::implausibleYears_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::newRow("year 200414") << QDateTime(QDate(200414, 9, 17), QTime(8, 26, 22), Qt::UTC);
    QTest::newRow("year 10000") << QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("year 1969") << QDateTime(QDate(1969, 12, 31), QTime(23, 59, 59), Qt::UTC);
    QTest::newRow("year -5") << QDateTime(QDate(-5, 1, 1), QTime(0, 0), Qt::UTC);
    QTest::newRow("invalid") << QDateTime();
}

void TestTimeText::implausibleYears()
{
    QFETCH(QDateTime, time);
    // Not written in a form that would read back as something else (or as nothing).
    QVERIFY(!isPlausibleTime(time));
    QCOMPARE(formatApiTime(time), QString());
}

void TestTimeText::fractionsAsTheProviderWroteThem_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("Docker Hub microseconds") << "2018-04-24T13:34:33.654759Z";
    QTest::newRow("one microsecond") << "2026-01-01T00:00:00.000001Z";
    QTest::newRow("no fraction") << "2026-01-01T00:01:00Z";
    QTest::newRow("milliseconds") << "2026-01-01T00:01:00.120Z";
    QTest::newRow("one digit") << "2026-01-01T00:01:00.5Z";
    QTest::newRow("four digits") << "2026-01-01T00:01:00.6547Z";
    QTest::newRow("last microsecond of a second") << "2026-12-31T23:59:59.999999Z";
}

// A payload in Docker Hub's format repeats its times as Docker Hub wrote them, from the time
// and its fraction alone (the provider's text is not kept).
void TestTimeText::fractionsAsTheProviderWroteThem()
{
    QFETCH(QString, text);
    const QDateTime t = parseApiTime(text);
    QVERIFY(t.isValid());
    const TimeFraction f = apiTimeFraction(text);
    QCOMPARE(formatApiTime(t, f), text);
    // And what Hubhook writes with it reads back as the same instant and fraction.
    QCOMPARE(parseApiTime(formatApiTime(t, f)), t);
    QCOMPARE(apiTimeFraction(formatApiTime(t, f)), f);
}

void TestTimeText::roundTrip_data()
{
    QTest::addColumn<QDateTime>("time");
    const auto utc = [](int y, int mo, int d, int h, int mi, int s, int ms) {
        return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
    };
    QTest::newRow("epoch") << utc(1970, 1, 1, 0, 0, 0, 0);
    QTest::newRow("last ms") << utc(9999, 12, 31, 23, 59, 59, 999);
    QTest::newRow("leap day") << utc(2024, 2, 29, 12, 0, 0, 1);
    QTest::newRow("y2038") << utc(2038, 1, 19, 3, 14, 8, 0);
    QTest::newRow("end of a year") << utc(1999, 12, 31, 23, 59, 59, 999);
    QTest::newRow("a local time") << QDateTime(QDate(2026, 3, 29), QTime(2, 30), Qt::OffsetFromUTC,
                                               5 * 3600 + 1800);
    QTest::newRow("local time of epoch")
            << QDateTime(QDate(1970, 1, 1), QTime(0, 30), Qt::OffsetFromUTC, -3600);
    QTest::newRow("from ms since epoch") << QDateTime::fromMSecsSinceEpoch(1234567890123, Qt::UTC);
}

void TestTimeText::roundTrip()
{
    QFETCH(QDateTime, time);
    const QString text = formatApiTime(time);
    QVERIFY(!text.isEmpty());
    const QDateTime back = parseApiTime(text);
    QVERIFY2(back.isValid(), qPrintable(text));
    QCOMPARE(back, time);
    QCOMPARE(back.toMSecsSinceEpoch(), time.toMSecsSinceEpoch());
    QCOMPARE(formatApiTime(back), text);
}

QTEST_GUILESS_MAIN(TestTimeText)
#include "tst_timetext.moc"
