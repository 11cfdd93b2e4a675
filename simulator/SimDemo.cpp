#include "SimDemo.h"

#include "SimulatedHub.h"
#include "github/SimulatedGitHub.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>

namespace {

// Not a secret: the demo's GitHub account reads it from the demo's own announcement.
const QString kGitHubToken = QStringLiteral("github_pat_demo_not_a_secret");
const QString kGitHubOwner = QStringLiteral("acme-gh");

} // namespace

SimDemo::SimDemo(SimulatedHub &hub, SimulatedGitHub &github, int speed)
    : m_hub(hub), m_github(github), m_speed(std::clamp(speed, 1, 100))
{
}

int SimDemo::scaled(int ms) const { return std::max(100, ms / m_speed); }

bool SimDemo::load(QString *error)
{
    if (!loadHub(error))
        return false;
    loadGitHub();
    return true;
}

bool SimDemo::loadHub(QString *error)
{
    m_hub.setTimeScale(1.0 / m_speed);
    // A rebuild is queued for a few seconds, builds, and succeeds: a trigger's expect_build is
    // met every time.
    m_hub.setTriggeredBuildRun(scaled(5000), scaled(15000), 10);
    QFile file(QStringLiteral(":/simulator/demo-scenario.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the demo's scenario is missing from this build");
        return false;
    }
    m_scenario = QJsonDocument::fromJson(file.readAll()).object();
    if (!m_hub.loadScenario(m_scenario, error))
        return false;
    // An image pushed just now, whose age limit (in the demo's config) runs out later.
    m_hub.setTag(QStringLiteral("demo/service-0001"), QStringLiteral("latest"),
                 QDateTime::currentDateTimeUtc());
    return true;
}

void SimDemo::loadGitHub()
{
    m_github.loadDemo();
    m_github.addToken(kGitHubToken, { kGitHubOwner }, true);
    // Rebuild re-runs or dispatches: the run is queued, builds and succeeds.
    m_github.setDispatchedRunLifecycle(scaled(5000), scaled(15000));
}

void SimDemo::start()
{
    // The web front end's build finishes half a minute in.
    const QString web = kGitHubOwner + QStringLiteral("/web");
    const QList<SimGhRun> runs = m_github.runs(web);
    const qint64 run = runs.isEmpty() ? 0 : runs.first().id;
    QTimer::singleShot(scaled(30000), &m_github, [github = &m_github, web, run] {
        github->setRunStatus(web, run, QStringLiteral("completed"), QStringLiteral("success"));
    });
}

QJsonObject SimDemo::description() const
{
    QJsonObject triggers;
    const QJsonObject namespaces = m_scenario.value(QLatin1String("namespaces")).toObject();
    for (auto ns = namespaces.begin(); ns != namespaces.end(); ++ns) {
        const QJsonArray repositories
                = ns.value().toObject().value(QLatin1String("repositories")).toArray();
        for (const QJsonValue &value : repositories) {
            const QJsonObject repo = value.toObject();
            const QString token = repo.value(QLatin1String("trigger_token")).toString();
            if (token.isEmpty())
                continue;
            const QString fullName
                    = ns.key() + QLatin1Char('/') + repo.value(QLatin1String("name")).toString();
            QUrl url = m_hub.baseUrl();
            url.setPath(QStringLiteral("/u/%1/trigger/%2/").arg(fullName, token));
            triggers.insert(fullName, url.toString());
        }
    }
    return { { QStringLiteral("github_token"), kGitHubToken },
             { QStringLiteral("triggers"), triggers } };
}
