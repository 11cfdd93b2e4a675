// parseDuration and parseApiTime: no overflow, and every time that parses is written in a form
// that reads back equal (issue 14: "17 Sep 200414 08:26:22 +0000").
#include "FuzzCommon.h"

#include "support/TimeText.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 256)
        return 0;
    const QString text = hubhook::fuzz::text(data, size);

    hubhook::DurationError why = hubhook::DurationError::None;
    if (const auto ms = hubhook::parseDuration(text, &why)) {
        FUZZ_CHECK(*ms >= 0 && *ms <= hubhook::kMaxDurationMs, "duration in range");
        FUZZ_CHECK(why == hubhook::DurationError::None, "no error");
        // formatDuration drops milliseconds from a second up.
        const qint64 shown = *ms < 1000 ? *ms : *ms - *ms % 1000;
        FUZZ_CHECK(hubhook::parseDuration(hubhook::formatDuration(*ms)) == shown,
                   "formatDuration reads back");
    } else {
        FUZZ_CHECK(why != hubhook::DurationError::None, "an error says which");
    }

    const QDateTime t = hubhook::parseApiTime(text);
    if (t.isValid()) {
        FUZZ_CHECK(t.timeSpec() == Qt::UTC, "UTC");
        const QString written = hubhook::formatApiTime(t);
        FUZZ_CHECK(!written.isEmpty(), "a parsed time can be written");
        const QDateTime back = hubhook::parseApiTime(written);
        FUZZ_CHECK(back.isValid() && back == t, "written time reads back equal");
        FUZZ_CHECK(hubhook::formatApiTime(back) == written, "and is written the same");
    }
    return 0;
}
