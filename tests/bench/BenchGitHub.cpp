// Measure 8: a warm sweep of 100 watched GitHub repositories where nothing changed, in
// rate-limit points and requests, against the naive poller that reads every repository's runs
// each sweep.
#include "BenchCommon.h"

#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "simulator/github/SimulatedGitHub.h"

#include <QDir>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

using namespace hubhook;

namespace bench {

namespace {

constexpr int kRepositories = 100;
const QString kToken = QStringLiteral("github_pat_bench");

// The naive poller: every repository's runs, unconditionally, four at a time.
int naiveSweep(const QUrl &base)
{
    QNetworkAccessManager nam;
    QEventLoop loop;
    int next = 0, running = 0, done = 0;
    std::function<void()> pump = [&] {
        while (running < 4 && next < kRepositories) {
            QNetworkRequest request(QUrl(base.toString()
                                         + QStringLiteral("/repos/acme/repo-%1/actions/runs")
                                                   .arg(++next, 4, 10, QLatin1Char('0'))));
            request.setRawHeader("Authorization", "Bearer " + kToken.toUtf8());
            request.setRawHeader("User-Agent", "bench");
            QNetworkReply *reply = nam.get(request);
            ++running;
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                reply->deleteLater();
                --running;
                if (++done == kRepositories)
                    loop.quit();
                pump();
            });
        }
    };
    pump();
    QTimer::singleShot(60000, &loop, &QEventLoop::quit);
    loop.exec();
    return done;
}

} // namespace

Result measureGitHubWarmSweep(const Options &o)
{
    Result r;
    r.number = 8;
    r.name = QStringLiteral("GitHub warm sweep, 100 repositories unchanged");
    r.target = QStringLiteral("0 rate-limit points; requests at least 50x fewer than the naive "
                              "poller's");
    SimulatedGitHub gh;
    gh.generateRepositories(QStringLiteral("acme"), kRepositories);
    gh.addToken(kToken, { QStringLiteral("acme") });
    if (gh.listen() == 0) {
        r.failed = true;
        r.note = QStringLiteral("the simulator could not listen");
        return r;
    }
    Config config;
    AccountConfig account;
    account.name = QStringLiteral("gh");
    account.provider = QStringLiteral("github");
    account.baseUrl = gh.baseUrl();
    account.tokenSecret = QStringLiteral("gh-token");
    config.accounts.insert(account.name, account);
    WatchConfig watch;
    watch.account = account.name;
    watch.ns = QStringLiteral("acme");
    config.watch.append(watch);
    MemorySecretStore secrets;
    secrets.values.insert(account.tokenSecret, kToken);
    Engine engine(&secrets);
    const QString dir = o.scratch + QStringLiteral("/github");
    QDir().mkpath(dir);
    engine.setStateDir(dir);
    if (!applyConfig(engine, config) || !timedSweep(engine).ok) {
        r.failed = true;
        r.note = QStringLiteral("the cold sweep did not finish");
        return r;
    }
    const int coldPoints = gh.pointsUsed(kToken);
    gh.resetCounts();
    if (!timedSweep(engine).ok) {
        r.failed = true;
        r.note = QStringLiteral("the warm sweep did not finish");
        return r;
    }
    const int points = gh.pointsUsed(kToken);
    const int requests = gh.requestCount();
    const int notModified = gh.notModifiedCount();
    gh.resetCounts();
    naiveSweep(gh.baseUrl());
    const int naivePoints = gh.pointsUsed(kToken);
    const int naiveRequests = gh.requestCount();
    const double ratio = double(naiveRequests) / std::max(1, requests);
    r.value = QStringLiteral("%1 rate-limit points, %2 requests").arg(points).arg(requests);
    r.ratio = QStringLiteral("%1 fewer requests than the naive poller's %2 (%3 points)")
                      .arg(ratioText(ratio))
                      .arg(naiveRequests)
                      .arg(naivePoints);
    r.judge(ratio, 50.0, true);
    r.pass = r.pass && points == 0;
    r.note = QStringLiteral("the cold sweep used %1 points (a listing page and every "
                            "repository's runs); warm: the listing answered 304 Not Modified "
                            "(%2 of %3 requests), so no runs were read")
                     .arg(coldPoints)
                     .arg(notModified)
                     .arg(requests);
    return r;
}

} // namespace bench
