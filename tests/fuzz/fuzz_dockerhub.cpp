// Docker Hub's answers (providers/dockerhub/DockerHubApi.h), as a hostile or broken server
// might send them.
#include "FuzzCommon.h"

#include "providers/dockerhub/DockerHubApi.h"
#include "support/TimeText.h"

using namespace hubhook;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = fuzz::bytes(data, size);
    QString error;
    dockerhub::parseRepositoryPage(body, QStringLiteral("acme"), &error);
    dockerhub::parseRepository(body, QStringLiteral("acme"), &error);
    static const QUrl web(QStringLiteral("https://hub.docker.com"));
    if (const auto history
        = dockerhub::parseBuildHistory(body, QStringLiteral("acme/web"), web, &error)) {
        for (const Build &b : history->results) {
            // What is kept must survive state.json: times are plausible or invalid.
            FUZZ_CHECK(!b.updated.isValid() || isPlausibleTime(b.updated), "updated");
            FUZZ_CHECK(!b.created.isValid() || isPlausibleTime(b.created), "created");
        }
    }
    dockerhub::parseTags(body, &error);
    dockerhub::parseLogin(body, &error);
    dockerhub::errorDetail(body);
    dockerhub::jwtExpiry(QString::fromLatin1(body));
    return 0;
}
