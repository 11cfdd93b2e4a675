#pragma once

#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QUrl>

namespace hubhook {

// hubhook-simulator as the demo's child process. It is found through HUBHOOK_SIMULATOR_BINARY if
// that is set, else beside this executable, else in the installation's libexec and bin folders;
// started with --demo --json --hooks-log --until-stdin-eof, it announces its URLs on one JSON line
// once listening (on ports the OS chose) and then one JSON line per webhook it received. Stopping
// closes its standard input, so it also ends when this process is killed.
class SimulatorProcess : public QObject
{
    Q_OBJECT
public:
    explicit SimulatorProcess(QObject *parent = nullptr);
    ~SimulatorProcess() override; // stops it

    // Where it is looked for, in order (HUBHOOK_SIMULATOR_BINARY alone when set).
    static QStringList candidates();

    // Starts it with these arguments (besides the four above) and waits until it has announced
    // its URLs. False with *error naming what was looked for or what went wrong.
    bool start(const QStringList &arguments, QString *error);
    void stop();

    QString program() const { return m_process.program(); }
    QUrl dockerHubUrl() const; // the simulated Docker Hub
    QUrl gitHubUrl() const; // the simulated GitHub
    QJsonObject demo() const; // what --demo adds: {"github_token", "triggers": {"ns/name": URL}}

Q_SIGNALS:
    // One webhook the simulator's receiver got: {"name", "headers", "body"}.
    void webhookReceived(const QJsonObject &hook);
    // It ended without being asked to (why says how).
    void stopped(const QString &why);

private:
    bool waitForAnnouncement(QString *error);
    void readLines();
    QString exitText() const;

    QProcess m_process;
    QJsonObject m_announcement;
    bool m_stopping = false;
};

} // namespace hubhook
