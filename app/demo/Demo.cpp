#include "demo/Demo.h"

#include "config/ConfigWriter.h"

#include <algorithm>

#include <QJsonDocument>

namespace hubhook {

Demo::Demo(int speed, QObject *parent) : QObject(parent), m_speed(std::clamp(speed, 1, 100)) { }

Demo::~Demo() = default;

QString Demo::configPath() const { return m_dir.filePath(QStringLiteral("config.json")); }

QString Demo::stateDir() const { return m_dir.filePath(QStringLiteral("state")); }

namespace {

// One line for a webhook the demo's receiver got ({"name", "headers", "body"}): the event and its
// summary (Hubhook's JSON), or the repository and status (the Docker-Hub-shaped payload).
QString describeHook(const QJsonObject &hook)
{
    const QJsonObject o
            = QJsonDocument::fromJson(hook.value(QLatin1String("body")).toString().toUtf8())
                      .object();
    const QJsonObject repo = o.value(QStringLiteral("repository")).toObject();
    const QString what = o.contains(QStringLiteral("type"))
            ? o.value(QStringLiteral("type")).toString() + QStringLiteral(": ")
                    + o.value(QStringLiteral("summary")).toString()
            : repo.value(QStringLiteral("repo_name")).toString() + QStringLiteral(" ")
                    + repo.value(QStringLiteral("status")).toString();
    return QStringLiteral("webhook received by %1: %2")
            .arg(hook.value(QLatin1String("name")).toString(), what);
}

} // namespace

qint64 Demo::scaled(qint64 ms, qint64 minimum) const
{
    // Config durations keep the parser's minimums.
    return std::max(minimum, ms / m_speed);
}

QString Demo::triggerUrl(const QString &repository) const
{
    return m_simulator.demo()
            .value(QLatin1String("triggers"))
            .toObject()
            .value(repository)
            .toString();
}

void Demo::addGitHub(Config &c) const
{
    AccountConfig account;
    account.name = QStringLiteral("demo-github");
    account.provider = QStringLiteral("github");
    account.baseUrl = m_simulator.gitHubUrl();
    account.tokenSecret = QStringLiteral("demo-github-token");
    c.accounts.insert(account.name, account);
    WatchConfig watch;
    watch.account = account.name;
    watch.ns = QStringLiteral("acme-gh");
    c.watch.append(watch);
}

Config Demo::makeConfig() const
{
    const QUrl hub = m_simulator.dockerHubUrl();
    const auto hookUrl = [&hub](const QString &name) {
        QUrl url = hub;
        url.setPath(QStringLiteral("/hooks/") + name);
        return url.toString();
    };
    Config c;
    c.pollIntervalMs = scaled(10 * 1000);
    c.queuedAlertAfterMs = scaled(60 * 1000);
    c.deliverySchedule = { 0, scaled(2000), scaled(5000), scaled(10000) };
    AccountConfig account;
    account.name = QStringLiteral("demo");
    account.baseUrl = hub;
    c.accounts.insert(account.name, account);
    WatchConfig watch;
    watch.account = account.name;
    watch.ns = QStringLiteral("demo");
    c.watch = { watch };
    WebhookConfig seedHook;
    seedHook.name = QStringLiteral("ops-receiver");
    seedHook.url = hookUrl(QStringLiteral("ops-receiver"));
    seedHook.format = WebhookFormat::DockerHub;
    seedHook.providers = { QStringLiteral("dockerhub") }; // its payload describes Docker Hub
    WebhookConfig chat;
    chat.name = QStringLiteral("team-chat");
    chat.url = hookUrl(QStringLiteral("team-chat"));
    chat.format = WebhookFormat::Json;
    c.webhooks = { seedHook, chat };
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
    addTriggers(c);
    addGitHub(c);
    return c;
}

void Demo::addTriggers(Config &c) const
{
    TriggerConfig nightly;
    nightly.name = QStringLiteral("base-image-refresh");
    nightly.url = triggerUrl(QStringLiteral("demo/base-image"));
    nightly.body = R"({"docker_tag": "latest"})";
    nightly.schedule = QStringLiteral("every %1s").arg(std::max(1, (45 + m_speed / 2) / m_speed));
    nightly.expectBuild = ExpectBuild { QStringLiteral("demo/base-image"), QStringLiteral("latest"),
                                        scaled(120000) };
    // Not scheduled: it is what the window's Rebuild button fires for demo/worker.
    TriggerConfig retry;
    retry.name = QStringLiteral("worker-rebuild");
    retry.url = triggerUrl(QStringLiteral("demo/worker"));
    retry.expectBuild = ExpectBuild { QStringLiteral("demo/worker"), QStringLiteral("latest"),
                                      scaled(120000) };
    TriggerConfig child;
    child.name = QStringLiteral("worker-after-base");
    child.url = retry.url;
    child.afterPushOf = QStringLiteral("docker.io/demo/base-image:latest");
    c.triggers = { nightly, retry, child };
}

bool Demo::start(QString *error)
{
    if (!m_dir.isValid()) {
        *error = QStringLiteral("cannot create a scratch directory for the demo");
        return false;
    }
    connect(&m_simulator, &SimulatorProcess::webhookReceived, this,
            [this](const QJsonObject &hook) { Q_EMIT webhookReceived(describeHook(hook)); });
    connect(&m_simulator, &SimulatorProcess::stopped, this, [this](const QString &why) {
        Q_EMIT simulatorStopped(
                QStringLiteral("the demo's simulator (%1) %2").arg(m_simulator.program(), why));
    });
    QStringList arguments;
    if (m_speed != 1)
        arguments << QStringLiteral("--demo-speed") << QString::number(m_speed);
    if (!m_simulator.start(arguments, error))
        return false;
    for (const QString &repository :
         { QStringLiteral("demo/base-image"), QStringLiteral("demo/worker") }) {
        if (triggerUrl(repository).isEmpty() || m_simulator.gitHubUrl().isEmpty()) {
            *error = QStringLiteral("%1 announced no GitHub URL or no trigger URL for %2")
                             .arg(m_simulator.program(), repository);
            return false;
        }
    }
    // The simulator's GitHub token is the demo's own, not a secret: it reaches the engine as a
    // secret from the environment would.
    qputenv("HUBHOOK_SECRET_DEMO_GITHUB_TOKEN",
            m_simulator.demo().value(QLatin1String("github_token")).toString().toUtf8());
    m_config = makeConfig();
    return saveConfigFile(configPath(), m_config, error);
}

} // namespace hubhook
