#include "demo/SimulatorProcess.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>

namespace hubhook {

namespace {

const QString kName = QStringLiteral("hubhook-simulator");
constexpr int kStartTimeoutMs = 30000;

bool isExecutable(const QString &path)
{
    const QFileInfo info(path);
    return info.isFile() && info.isExecutable();
}

} // namespace

SimulatorProcess::SimulatorProcess(QObject *parent) : QObject(parent)
{
    // Its own messages (it writes only errors, prefixed with its name) are the user's to read.
    m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(&m_process, &QProcess::readyReadStandardOutput, this, &SimulatorProcess::readLines);
    connect(&m_process, &QProcess::finished, this, [this] {
        if (!m_stopping && !m_announcement.isEmpty())
            Q_EMIT stopped(exitText());
    });
}

SimulatorProcess::~SimulatorProcess() { stop(); }

QStringList SimulatorProcess::candidates()
{
    const QString fromEnvironment = qEnvironmentVariable("HUBHOOK_SIMULATOR_BINARY");
    if (!fromEnvironment.isEmpty())
        return { fromEnvironment };
    const QDir here(QCoreApplication::applicationDirPath());
    QStringList out { here.filePath(kName) };
    // The installation this executable belongs to (bin/..), then the one it was built for.
    for (const QString &prefix :
         { here.filePath(QStringLiteral("..")), QStringLiteral(HUBHOOK_INSTALL_PREFIX) }) {
        const QDir root(prefix);
        for (const QString &folder : { QStringLiteral(HUBHOOK_INSTALL_LIBEXECDIR "/hubhook"),
                                       QStringLiteral(HUBHOOK_INSTALL_LIBEXECDIR),
                                       QStringLiteral(HUBHOOK_INSTALL_BINDIR) }) {
            const QString path = QDir::cleanPath(root.filePath(folder + QLatin1Char('/') + kName));
            if (!out.contains(path))
                out.append(path);
        }
    }
    return out;
}

bool SimulatorProcess::start(const QStringList &arguments, QString *error)
{
    const QStringList paths = candidates();
    QString binary;
    for (const QString &path : paths) {
        if (isExecutable(path)) {
            binary = path;
            break;
        }
    }
    if (binary.isEmpty()) {
        *error = qEnvironmentVariableIsEmpty("HUBHOOK_SIMULATOR_BINARY")
                ? QStringLiteral("%1 is not installed: looked for %2 (HUBHOOK_SIMULATOR_BINARY "
                                 "may name it)")
                          .arg(kName, paths.join(QStringLiteral(", ")))
                : QStringLiteral("HUBHOOK_SIMULATOR_BINARY names %1, which is not an executable "
                                 "file")
                          .arg(paths.constFirst());
        return false;
    }
    m_process.setProgram(binary);
    m_process.setArguments(QStringList { QStringLiteral("--demo"), QStringLiteral("--json"),
                                         QStringLiteral("--hooks-log"),
                                         QStringLiteral("--until-stdin-eof") }
                           + arguments);
    m_process.start(); // standard input stays an open pipe: its end is the signal to stop
    if (!m_process.waitForStarted(kStartTimeoutMs)) {
        *error = QStringLiteral("%1 did not start: %2").arg(binary, m_process.errorString());
        return false;
    }
    return waitForAnnouncement(error);
}

bool SimulatorProcess::waitForAnnouncement(QString *error)
{
    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (!m_process.canReadLine()) {
        if (m_process.state() == QProcess::NotRunning
            || !m_process.waitForReadyRead(int(deadline.remainingTime()))) {
            *error = m_process.state() == QProcess::NotRunning
                    ? QStringLiteral("%1 %2 before it said where it listens")
                              .arg(m_process.program(), exitText())
                    : QStringLiteral("%1 did not say where it listens within %2 s")
                              .arg(m_process.program())
                              .arg(kStartTimeoutMs / 1000);
            stop();
            return false;
        }
    }
    const QJsonObject line = QJsonDocument::fromJson(m_process.readLine()).object();
    if (!QUrl(line.value(QLatin1String("dockerhub")).toString()).isValid()
        || line.value(QLatin1String("dockerhub")).toString().isEmpty()) {
        *error = QStringLiteral("%1 did not announce its URLs as expected")
                         .arg(m_process.program());
        stop();
        return false;
    }
    m_announcement = line;
    readLines(); // webhooks that came with the announcement
    return true;
}

void SimulatorProcess::readLines()
{
    if (m_announcement.isEmpty())
        return; // waitForAnnouncement() reads the first line
    while (m_process.canReadLine()) {
        const QJsonObject hook = QJsonDocument::fromJson(m_process.readLine()).object();
        if (hook.contains(QLatin1String("name")))
            Q_EMIT webhookReceived(hook);
    }
}

void SimulatorProcess::stop()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_stopping = true;
    // The end of its standard input asks it to quit (--until-stdin-eof); then it is made to.
    m_process.closeWriteChannel();
    if (m_process.waitForFinished(3000))
        return;
    m_process.terminate();
    if (!m_process.waitForFinished(2000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

QString SimulatorProcess::exitText() const
{
    if (m_process.exitStatus() == QProcess::CrashExit)
        return QStringLiteral("crashed");
    return QStringLiteral("exited with code %1").arg(m_process.exitCode());
}

QUrl SimulatorProcess::dockerHubUrl() const
{
    return QUrl(m_announcement.value(QLatin1String("dockerhub")).toString());
}

QUrl SimulatorProcess::gitHubUrl() const
{
    return QUrl(m_announcement.value(QLatin1String("github")).toString());
}

QJsonObject SimulatorProcess::demo() const
{
    return m_announcement.value(QLatin1String("demo")).toObject();
}

} // namespace hubhook
