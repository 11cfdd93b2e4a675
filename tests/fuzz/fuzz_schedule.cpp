// Schedule::parse, and next() on what parses: strictly increasing, never stuck.
#include "FuzzCommon.h"

#include "core/Schedule.h"

#include <QTimeZone>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 512)
        return 0;
    QString error;
    const auto s = hubhook::Schedule::parse(hubhook::fuzz::text(data, size), &error);
    if (!s) {
        FUZZ_CHECK(!error.isEmpty(), "a rejected schedule says why");
        return 0;
    }
    static const QTimeZone zones[]
            = { QTimeZone::utc(), QTimeZone("Europe/Berlin"), QTimeZone("America/New_York") };
    const QDateTime start(QDate(2026, 3, 28), QTime(23, 30), Qt::UTC);
    for (const QTimeZone &zone : zones) {
        QDateTime t = start;
        for (int i = 0; i < 4; ++i) {
            const QDateTime n = s->next(t, zone);
            if (!n.isValid())
                break;
            FUZZ_CHECK(n > t, "next() is strictly after");
            t = n;
        }
    }
    return 0;
}
