// Measure 9: a warm sweep of image watches where nothing was pushed, 50 tags on Docker Hub and
// 50 on GHCR, in requests and GitHub rate-limit points, against a naive poller that asks each
// registry about every tag unconditionally.
#include "BenchCommon.h"

#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "simulator/SimulatedHub.h"
#include "simulator/github/SimulatedGitHub.h"

#include <QDir>

using namespace hubhook;

namespace bench {

namespace {
constexpr int kImages = 50; // per registry
const QString kToken = QStringLiteral("ghp_bench_packages");
} // namespace

Result measureImageWarmSweep(const Options &o)
{
    Result r;
    r.number = 9;
    r.name = QStringLiteral("Image watches warm sweep, 50 Docker Hub + 50 GHCR tags unchanged");
    r.target = QStringLiteral("0 rate-limit points on GHCR; at most one request per Docker Hub "
                              "tag");
    SimulatedHub hub;
    SimulatedGitHub gh;
    const QDateTime pushed = QDateTime::currentDateTimeUtc().addSecs(-3600);
    Config config;
    AccountConfig hubAccount;
    hubAccount.name = QStringLiteral("hub");
    AccountConfig ghAccount;
    ghAccount.name = QStringLiteral("gh");
    ghAccount.provider = QStringLiteral("github");
    ghAccount.tokenSecret = QStringLiteral("gh-token");
    for (int i = 1; i <= kImages; ++i) {
        const QString name = QStringLiteral("img-%1").arg(i, 4, 10, QLatin1Char('0'));
        hub.addRepository(kNamespace, name);
        hub.setTag(kNamespace + QLatin1Char('/') + name, QStringLiteral("latest"), pushed);
        gh.addPackageVersion(QStringLiteral("acme"), name, { QStringLiteral("latest") }, pushed);
        for (const bool onHub : { true, false }) {
            WatchConfig w;
            w.account = onHub ? hubAccount.name : ghAccount.name;
            w.image = (onHub ? QStringLiteral("docker.io/") + kNamespace
                             : QStringLiteral("ghcr.io/acme"))
                    + QLatin1Char('/') + name;
            w.tags = { QStringLiteral("latest") };
            w.maxAgeMs = 26LL * 3600 * 1000;
            config.watch.append(w);
        }
    }
    gh.addToken(kToken, { QStringLiteral("acme") }, false, true);
    if (hub.listen() == 0 || gh.listen() == 0) {
        r.failed = true;
        r.note = QStringLiteral("a simulator could not listen");
        return r;
    }
    hubAccount.baseUrl = hub.baseUrl();
    ghAccount.baseUrl = gh.baseUrl();
    config.accounts.insert(hubAccount.name, hubAccount);
    config.accounts.insert(ghAccount.name, ghAccount);
    MemorySecretStore secrets;
    secrets.values.insert(ghAccount.tokenSecret, kToken);
    Engine engine(&secrets);
    const QString dir = o.scratch + QStringLiteral("/images");
    QDir().mkpath(dir);
    engine.setStateDir(dir);
    if (!applyConfig(engine, config)) {
        r.failed = true;
        r.note = QStringLiteral("the engine did not apply its config");
        return r;
    }
    const TimedSweep cold = timedSweep(engine);
    if (!cold.ok || !cold.report.errors.isEmpty()) {
        r.failed = true;
        r.note = QStringLiteral("the cold sweep failed: %1")
                         .arg(cold.report.errors.value(0, QStringLiteral("did not finish")));
        return r;
    }
    const int coldPoints = gh.pointsUsed(kToken);
    hub.resetCounts();
    gh.resetCounts();
    if (!timedSweep(engine).ok) {
        r.failed = true;
        r.note = QStringLiteral("the warm sweep did not finish");
        return r;
    }
    const int hubRequests = hub.requestCount();
    const int ghRequests = gh.requestCount();
    const int points = gh.pointsUsed(kToken);
    const int notModified = gh.notModifiedCount();
    // The naive poller: one tag request per Docker Hub image and one versions request per
    // GHCR package, unconditional: 50 + 50 requests, 50 points.
    const int naiveRequests = 2 * kImages;
    const int naivePoints = kImages;
    r.value = QStringLiteral("%1 Docker Hub + %2 GHCR requests, %3 rate-limit points")
                      .arg(hubRequests)
                      .arg(ghRequests)
                      .arg(points);
    r.ratio = QStringLiteral("%1 the naive poller's %2 requests and %3 points")
                      .arg(ratioText(double(hubRequests + ghRequests) / naiveRequests))
                      .arg(naiveRequests)
                      .arg(naivePoints);
    r.judge(double(points), 0.0);
    r.pass = points == 0 && hubRequests <= kImages;
    r.cell = QStringLiteral("%1+%2 req, %3 pts").arg(hubRequests).arg(ghRequests).arg(points);
    r.note = QStringLiteral("cold sweep: %1 GHCR points. Warm: GHCR answered %2 of its %3 "
                            "requests 304 Not Modified (free); Docker Hub's tags API has no "
                            "conditional requests, so each watched tag costs its one request")
                     .arg(coldPoints)
                     .arg(notModified)
                     .arg(ghRequests);
    return r;
}

} // namespace bench
