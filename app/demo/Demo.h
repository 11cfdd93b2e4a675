#pragma once

#include "config/Config.h"

#include <memory>
#include <QObject>
#include <QTemporaryDir>

class SimulatedGitHub;
class SimulatedHub;
struct SimWebhook;

namespace hubhook {

// `hubhook --demo`: the real application against the built-in simulated Docker Hub on
// loopback. Within the first minute one build fails, one stays queued past the threshold and
// one recovers, and a scheduled trigger rebuilds the base image every 45 s: each rebuild is
// queued, builds and succeeds, so the demo never raises an alarm about itself however long it
// runs. Beside it, a simulated GitHub shows Actions workflows: a failed release, a build that
// finishes, and Rebuild re-runs or dispatches them. Webhooks go to a receiver inside the
// simulator.
class Demo : public QObject
{
    Q_OBJECT
public:
    // `speed` (1-100) runs the whole story that many times faster: every interval, timeline
    // step and threshold is divided by it (`--demo-speed`).
    explicit Demo(int speed = 1, QObject *parent = nullptr);
    ~Demo() override;

    // Starts the simulator and writes the demo config into a scratch directory.
    bool start(QString *error);
    QString configPath() const;
    QString stateDir() const;
    Config config() const { return m_config; }
    SimulatedHub *hub() const { return m_hub.get(); }
    SimulatedGitHub *gitHub() const { return m_gh.get(); }

Q_SIGNALS:
    // One line for each webhook the simulator's receiver got: headless demo prints them.
    void webhookReceived(const QString &line);

private:
    qint64 scaled(qint64 ms, qint64 minimum = 1000) const; // a duration of the story, sped up
    bool startHub(QString *error);
    bool startGitHub(QString *error);
    void addGitHub(Config &c) const;
    Config makeConfig() const;

    std::unique_ptr<SimulatedHub> m_hub;
    std::unique_ptr<SimulatedGitHub> m_gh;
    QTemporaryDir m_dir;
    Config m_config;
    int m_speed = 1;
};

} // namespace hubhook
