// readRateLimitHeaders (net/RateLimiter.h) on headers from bytes ("Name: value" lines), through
// a QNetworkReply that only carries them; then RateLimiter::observe on what was read.
#include "FuzzCommon.h"

#include "net/RateLimiter.h"

#include <QNetworkReply>

using namespace hubhook;

namespace {

class HeaderReply : public QNetworkReply
{
public:
    explicit HeaderReply(const QByteArray &headers)
    {
        for (const QByteArray &line : headers.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                setRawHeader(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
        }
        open(QIODevice::ReadOnly);
    }
    void abort() override { }

protected:
    qint64 readData(char *, qint64) override { return -1; }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return 0;
    const HeaderReply reply(fuzz::bytes(data, size));
    const QDateTime now(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
    const RateLimitHeaders h = readRateLimitHeaders(&reply, now);
    FUZZ_CHECK(h.retryAfterMs >= -1, "retry after");
    RateLimiter limiter;
    limiter.observe(429, h, now);
    const qint64 delay = limiter.delayMs(now);
    FUZZ_CHECK(delay >= 0 && delay <= 3600 * 1000, "paused at most an hour");
    limiter.observe(200, h, now.addSecs(1));
    limiter.requestStarted(now.addSecs(1));
    limiter.delayMs(now.addSecs(2));
    return 0;
}
