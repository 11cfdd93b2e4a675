#pragma once

#include "config/Config.h"
#include "demo/SimulatorProcess.h"

#include <QObject>
#include <QTemporaryDir>

namespace hubhook {

// `hubhook --demo`: the real application against the simulated Docker Hub and GitHub of
// hubhook-simulator --demo, started as a child process (demo/SimulatorProcess) on loopback; this
// side writes the config that watches them. Within the first minute one build fails, one stays
// queued past the threshold and one recovers, and a scheduled trigger rebuilds the base image
// every 45 s: each rebuild is queued, builds and succeeds, so the demo never raises an alarm
// about itself however long it runs. Beside it, a simulated GitHub shows Actions workflows: a
// failed release, a build that finishes, and Rebuild re-runs or dispatches them. Webhooks go to
// a receiver inside the simulator.
class Demo : public QObject
{
    Q_OBJECT
public:
    // `speed` (1-100) runs the whole story that many times faster: every interval, timeline
    // step and threshold is divided by it (`--demo-speed`).
    explicit Demo(int speed = 1, QObject *parent = nullptr);
    ~Demo() override;

    // Starts the simulator and writes the demo config into a scratch directory. False with
    // *error when the simulator is missing (naming where it was looked for) or fails.
    bool start(QString *error);
    QString configPath() const;
    QString stateDir() const;
    Config config() const { return m_config; }
    const SimulatorProcess &simulator() const { return m_simulator; }

Q_SIGNALS:
    // One line for each webhook the simulator's receiver got: headless demo prints them.
    void webhookReceived(const QString &line);
    // The simulator ended on its own: the demo cannot go on.
    void simulatorStopped(const QString &why);

private:
    qint64 scaled(qint64 ms, qint64 minimum = 1000) const; // a duration of the story, sped up
    QString triggerUrl(const QString &repository) const; // as the simulator announced it
    void addGitHub(Config &c) const;
    void addTriggers(Config &c) const;
    Config makeConfig() const;

    SimulatorProcess m_simulator;
    QTemporaryDir m_dir;
    Config m_config;
    int m_speed = 1;
};

} // namespace hubhook
