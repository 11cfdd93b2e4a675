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

QTEST_GUILESS_MAIN(TestTimeText)
#include "tst_timetext.moc"
