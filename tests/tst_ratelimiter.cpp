#include "net/RateLimiter.h"

#include <QTest>

using namespace hubhook;

// The limiter is pure: time is passed in, so a whole window is walked through without waiting.
class TestRateLimiter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void noHeadersNoDelay();
    void retryAfterSeconds();
    void xRetryAfterTimestamp();
    void plain429BacksOffExponentially();
    void slowsDownBeforeTheLimit();
    void waitsForResetWhenExhausted();
    void staleWindowIgnored();
    void hostileRetryAfterCapped();
    void farResetCapped();
};

static const QDateTime t0(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);

void TestRateLimiter::noHeadersNoDelay()
{
    RateLimiter l;
    l.observe(200, {}, t0);
    QCOMPARE(l.delayMs(t0), 0);
}

void TestRateLimiter::retryAfterSeconds()
{
    RateLimiter l;
    RateLimitHeaders h;
    h.retryAfterMs = 7000;
    l.observe(429, h, t0);
    QCOMPARE(l.delayMs(t0), 7000);
    QCOMPARE(l.delayMs(t0.addSecs(5)), 2000);
    QCOMPARE(l.delayMs(t0.addSecs(7)), 0);
}

void TestRateLimiter::xRetryAfterTimestamp()
{
    // readRateLimitHeaders turns X-Retry-After (unix time) into a wait; the limiter honours it.
    RateLimiter l;
    RateLimitHeaders h;
    h.retryAfterMs = t0.msecsTo(t0.addSecs(30));
    l.observe(429, h, t0);
    QCOMPARE(l.delayMs(t0.addSecs(10)), 20000);
}

void TestRateLimiter::plain429BacksOffExponentially()
{
    RateLimiter l;
    l.observe(429, {}, t0);
    QCOMPARE(l.delayMs(t0), 5000);
    l.observe(429, {}, t0.addSecs(5));
    QCOMPARE(l.delayMs(t0.addSecs(5)), 10000);
    l.observe(429, {}, t0.addSecs(15));
    QCOMPARE(l.delayMs(t0.addSecs(15)), 20000);
    l.observe(200, {}, t0.addSecs(35));
    l.observe(429, {}, t0.addSecs(36));
    QCOMPARE(l.delayMs(t0.addSecs(36)), 5000); // a success resets the guess
}

void TestRateLimiter::slowsDownBeforeTheLimit()
{
    RateLimiter l(2);
    RateLimitHeaders h;
    h.limit = 100;
    h.reset = t0.addSecs(60);
    h.remaining = 80; // plenty left: full speed
    l.observe(200, h, t0);
    l.requestStarted(t0);
    QCOMPARE(l.delayMs(t0), 0);
    h.remaining = 12; // under a quarter: spread what is left over the window
    l.observe(200, h, t0);
    l.requestStarted(t0);
    QCOMPARE(l.delayMs(t0), 60000 / 9); // 11 left after this start, 2 held in reserve
    QCOMPARE(l.delayMs(t0.addSecs(7)), 0);
}

void TestRateLimiter::waitsForResetWhenExhausted()
{
    RateLimiter l(4);
    RateLimitHeaders h;
    h.limit = 100;
    h.remaining = 4;
    h.reset = t0.addSecs(42);
    l.observe(200, h, t0);
    QCOMPARE(l.delayMs(t0), 42000);
    QVERIFY(l.isLimited(t0.addSecs(41)));
    QVERIFY(!l.isLimited(t0.addSecs(42)));
}

void TestRateLimiter::staleWindowIgnored()
{
    RateLimiter l(4);
    RateLimitHeaders h;
    h.limit = 100;
    h.remaining = 0;
    h.reset = t0.addSecs(-1);
    l.observe(200, h, t0);
    QCOMPARE(l.delayMs(t0), 0);
}

void TestRateLimiter::hostileRetryAfterCapped()
{
    RateLimiter l;
    RateLimitHeaders h;
    h.retryAfterMs = 10LL * 24 * 3600 * 1000;
    l.observe(429, h, t0);
    QCOMPARE(l.delayMs(t0), 3600 * 1000);
}

// Found by fuzz_ratelimit: "Retry-After: 0" with an empty budget whose reset is in the year
// 9999 paused nothing, and the budget then held the queue until that reset.
void TestRateLimiter::farResetCapped()
{
    RateLimiter l;
    RateLimitHeaders h;
    h.retryAfterMs = 0;
    h.limit = 60;
    h.remaining = 0;
    h.reset = QDateTime::fromSecsSinceEpoch(253402300799LL, Qt::UTC);
    l.observe(429, h, t0);
    QCOMPARE(l.delayMs(t0), 3600 * 1000);
    l.observe(200, h, t0.addSecs(1));
    QVERIFY(l.delayMs(t0.addSecs(1)) <= 3600 * 1000);
}

QTEST_GUILESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
