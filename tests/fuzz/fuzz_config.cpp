// parseConfig: any bytes give a result or errors, never a crash; a config that parses is within
// the ranges its fields promise.
#include "FuzzCommon.h"

#include "config/Config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const hubhook::ConfigResult r = hubhook::parseConfig(hubhook::fuzz::bytes(data, size));
    if (r.ok()) {
        FUZZ_CHECK(r.config.version == 1, "version");
        FUZZ_CHECK(r.config.concurrency >= 1 && r.config.concurrency <= 32, "concurrency");
        FUZZ_CHECK(r.config.pollIntervalMs >= 1000, "poll_interval");
    }
    return 0;
}
