#include "demo/Demo.h"

#include "config/ConfigWriter.h"
#include "simulator/SimulatedHub.h"
#include "simulator/github/SimulatedGitHub.h"

#include <algorithm>

#include <QFile>
#include <QJsonDocument>
#include <QTimer>

namespace hubhook {

Demo::Demo(int speed, QObject *parent)
    : QObject(parent),
      m_hub(std::make_unique<SimulatedHub>()),
      m_gh(std::make_unique<SimulatedGitHub>()),
      m_speed(std::clamp(speed, 1, 100))
{
}

Demo::~Demo() = default;

QString Demo::configPath() const { return m_dir.filePath(QStringLiteral("config.json")); }

QString Demo::stateDir() const { return m_dir.filePath(QStringLiteral("state")); }

namespace {

// One line for a webhook the demo's receiver got: the event and its summary (Hubhook's JSON), or
// the repository and status (the Docker-Hub-shaped payload).
QString describeHook(const SimWebhook &hook)
{
    const QJsonObject o = QJsonDocument::fromJson(hook.body).object();
    const QJsonObject repo = o.value(QStringLiteral("repository")).toObject();
    const QString what = o.contains(QStringLiteral("type"))
            ? o.value(QStringLiteral("type")).toString() + QStringLiteral(": ")
                    + o.value(QStringLiteral("summary")).toString()
            : repo.value(QStringLiteral("repo_name")).toString() + QStringLiteral(" ")
                    + repo.value(QStringLiteral("status")).toString();
    return QStringLiteral("webhook received by %1: %2").arg(hook.name, what);
}

} // namespace

qint64 Demo::scaled(qint64 ms, qint64 minimum) const
{
    // Config durations keep the parser's minimums.
    return std::max(minimum, ms / m_speed);
}

bool Demo::startHub(QString *error)
{
    m_hub->setTimeScale(1.0 / m_speed);
    // A rebuild is queued for a few seconds, builds, and succeeds: the scheduled trigger's
    // expect_build is met every time.
    m_hub->setTriggeredBuildRun(int(scaled(5000, 100)), int(scaled(15000, 100)), 10);
    QFile scenario(QStringLiteral(":/demo/demo-scenario.json"));
    if (!scenario.open(QIODevice::ReadOnly)
        || !m_hub->loadScenario(QJsonDocument::fromJson(scenario.readAll()).object(), error))
        return false;
    // An image pushed just now whose age limit runs out two (demo) minutes in.
    m_hub->setTag(QStringLiteral("demo/service-0001"), QStringLiteral("latest"),
                  QDateTime::currentDateTimeUtc());
    if (!m_hub->listen(0)) {
        *error = QStringLiteral("the demo's simulated Docker Hub cannot listen on loopback");
        return false;
    }
    connect(m_hub.get(), &SimulatedHub::webhookReceived, this,
            [this](const SimWebhook &hook) { Q_EMIT webhookReceived(describeHook(hook)); });
    return true;
}

namespace {
const QString kDemoToken = QStringLiteral("github_pat_demo_not_a_secret");
}

bool Demo::startGitHub(QString *error)
{
    m_gh->loadDemo();
    m_gh->addToken(kDemoToken, { QStringLiteral("acme-gh") }, true);
    // Rebuild re-runs or dispatches: the run is queued, builds and succeeds.
    m_gh->setDispatchedRunLifecycle(int(scaled(5000, 100)), int(scaled(15000, 100)));
    if (!m_gh->listen(0)) {
        *error = QStringLiteral("the demo's simulated GitHub cannot listen on loopback");
        return false;
    }
    // The web front end's build finishes half a minute in.
    const QString web = QStringLiteral("acme-gh/web");
    const qint64 run = m_gh->runs(web).isEmpty() ? 0 : m_gh->runs(web).first().id;
    QTimer::singleShot(int(scaled(30000, 100)), m_gh.get(), [gh = m_gh.get(), web, run] {
        gh->setRunStatus(web, run, QStringLiteral("completed"), QStringLiteral("success"));
    });
    // The token is the demo's own, not a secret: it reaches the engine as a secret from the
    // environment would.
    qputenv("HUBHOOK_SECRET_DEMO_GITHUB_TOKEN", kDemoToken.toUtf8());
    return true;
}

void Demo::addGitHub(Config &c) const
{
    AccountConfig account;
    account.name = QStringLiteral("demo-github");
    account.provider = QStringLiteral("github");
    account.baseUrl = m_gh->baseUrl();
    account.tokenSecret = QStringLiteral("demo-github-token");
    c.accounts.insert(account.name, account);
    WatchConfig watch;
    watch.account = account.name;
    watch.ns = QStringLiteral("acme-gh");
    c.watch.append(watch);
}

Config Demo::makeConfig() const
{
    const QString base = m_hub->baseUrl().toString();
    Config c;
    c.pollIntervalMs = scaled(10 * 1000);
    c.queuedAlertAfterMs = scaled(60 * 1000);
    c.deliverySchedule = { 0, scaled(2000), scaled(5000), scaled(10000) };
    AccountConfig account;
    account.name = QStringLiteral("demo");
    account.baseUrl = m_hub->baseUrl();
    c.accounts.insert(account.name, account);
    WatchConfig watch;
    watch.account = account.name;
    watch.ns = QStringLiteral("demo");
    c.watch = { watch };
    WebhookConfig seedHook;
    seedHook.name = QStringLiteral("ops-receiver");
    seedHook.url = m_hub->hookUrl(QStringLiteral("ops-receiver")).toString();
    seedHook.format = WebhookFormat::DockerHub;
    seedHook.providers = { QStringLiteral("dockerhub") }; // its payload describes Docker Hub
    WebhookConfig chat;
    chat.name = QStringLiteral("team-chat");
    chat.url = m_hub->hookUrl(QStringLiteral("team-chat")).toString();
    chat.format = WebhookFormat::Json;
    c.webhooks = { seedHook, chat };
    TriggerConfig nightly;
    nightly.name = QStringLiteral("base-image-refresh");
    nightly.url = base + QStringLiteral("/u/demo/base-image/trigger/demo-base-token/");
    nightly.body = R"({"docker_tag": "latest"})";
    nightly.schedule = QStringLiteral("every %1s").arg(std::max(1, (45 + m_speed / 2) / m_speed));
    nightly.expectBuild = ExpectBuild { QStringLiteral("demo/base-image"), QStringLiteral("latest"),
                                        scaled(120000) };
    // Not scheduled: it is what the window's Rebuild button fires for demo/worker.
    TriggerConfig retry;
    retry.name = QStringLiteral("worker-rebuild");
    retry.url = base + QStringLiteral("/u/demo/worker/trigger/demo-worker-token/");
    retry.expectBuild = ExpectBuild { QStringLiteral("demo/worker"), QStringLiteral("latest"),
                                      scaled(120000) };
    // Image freshness: the base image, whose every push rebuilds the worker (a child image),
    // and one image that goes stale when nothing pushes it for two minutes.
    WatchConfig baseImage;
    baseImage.account = account.name;
    baseImage.image = QStringLiteral("docker.io/demo/base-image");
    baseImage.tags = { QStringLiteral("latest") };
    WatchConfig service;
    service.account = account.name;
    service.image = QStringLiteral("docker.io/demo/service-0001");
    service.tags = { QStringLiteral("latest") };
    service.maxAgeMs = scaled(120000, 60000); // the config allows no less than a minute
    c.watch << baseImage << service;
    TriggerConfig child;
    child.name = QStringLiteral("worker-after-base");
    child.url = retry.url;
    child.afterPushOf = QStringLiteral("docker.io/demo/base-image:latest");
    c.triggers = { nightly, retry, child };
    addGitHub(c);
    return c;
}

bool Demo::start(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a scratch directory for the demo");
        return false;
    }
    if (!startHub(error) || !startGitHub(error))
        return false;
    m_config = makeConfig();
    return saveConfigFile(configPath(), m_config, error);
}

} // namespace hubhook
