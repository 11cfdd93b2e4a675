// GitHub's answers (providers/github/GitHubApi.h): runs, repositories, the Link header.
#include "FuzzCommon.h"

#include "providers/github/GitHubApi.h"
#include "support/TimeText.h"

using namespace hubhook;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    QString error;
    if (const auto page = github::parseRuns(body, &error)) {
        for (const Build &b : page->runs) {
            FUZZ_CHECK(!b.updated.isValid() || isPlausibleTime(b.updated), "updated");
            FUZZ_CHECK(!b.created.isValid() || isPlausibleTime(b.created), "created");
        }
    }
    github::parseRepositories(body, &error);
    github::parseRepository(body, &error);
    const QUrl next = github::nextPageUrl(body);
    FUZZ_CHECK(next.isEmpty() || next.isValid(), "next page URL");
    github::parseDispatchRunId(body);
    github::errorMessage(body);
    return 0;
}
