#pragma once

#include "Config.h"

#include <memory>
#include <QObject>
#include <QTemporaryDir>

class SimulatedHub;

namespace hubhook {

// `hubhook --demo`: the real application against the built-in simulated Docker Hub on
// loopback. Within the first minute one build fails, one stays queued past the threshold and
// one recovers, and a scheduled trigger fires; webhooks go to a receiver inside the simulator.
class Demo : public QObject
{
    Q_OBJECT
public:
    explicit Demo(QObject *parent = nullptr);
    ~Demo() override;

    // Starts the simulator and writes the demo config into a scratch directory.
    bool start(QString *error);
    QString configPath() const;
    QString stateDir() const;
    Config config() const { return m_config; }
    SimulatedHub *hub() const { return m_hub.get(); }

Q_SIGNALS:
    // One line for each webhook the simulator's receiver got: headless demo prints them.
    void webhookReceived(const QString &line);

private:
    std::unique_ptr<SimulatedHub> m_hub;
    QTemporaryDir m_dir;
    Config m_config;
};

} // namespace hubhook
