// An outbox record (state/Outbox.h, Delivery::fromJson) from bytes, as Outbox::load reads one
// file; a record that reads must write and read back the same.
#include "FuzzCommon.h"

#include "state/Outbox.h"

#include <QJsonDocument>

using namespace hubhook;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonObject o = QJsonDocument::fromJson(fuzz::bytes(data, size)).object();
    QString why;
    const auto d = Delivery::fromJson(o, &why);
    if (!d)
        return 0;
    const auto back = Delivery::fromJson(d->toJson(), &why);
    FUZZ_CHECK(back.has_value(), qPrintable(why));
    FUZZ_CHECK(back->id == d->id && back->target == d->target && back->body == d->body, "same");
    FUZZ_CHECK(back->attempts == d->attempts && back->lastStatus == d->lastStatus, "same numbers");
    FUZZ_CHECK(back->created == d->created && back->lastAttempt == d->lastAttempt, "same times");
    // next_attempt is written for a pending record only.
    FUZZ_CHECK(d->state != Delivery::Pending || back->nextAttempt == d->nextAttempt, "same next");
    FUZZ_CHECK(back->state == d->state, "same state");
    return 0;
}
