#include "support/Logging.h"

#include "support/Redactor.h"

#include <cstdio>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>

Q_LOGGING_CATEGORY(lcPoll, "hubhook.poll", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "hubhook.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "hubhook.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSecrets, "hubhook.secrets", QtInfoMsg)
Q_LOGGING_CATEGORY(lcState, "hubhook.state", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDelivery, "hubhook.delivery", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNotify, "hubhook.notify", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTrigger, "hubhook.trigger", QtInfoMsg)
Q_LOGGING_CATEGORY(lcEvent, "hubhook.event", QtInfoMsg)
Q_LOGGING_CATEGORY(lcTray, "hubhook.tray", QtInfoMsg)

namespace hubhook {

namespace {

QString g_logFile;
QMutex g_logMutex;

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "error";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString text = Redactor::instance().redact(message);
    const QString category = QString::fromLatin1(context.category ? context.category : "default");
    const QByteArray line = QStringLiteral("%1 %2 %3: %4\n")
                                    .arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate),
                                         QString::fromLatin1(levelName(type)), category, text)
                                    .toUtf8();
    QMutexLocker lock(&g_logMutex);
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
    if (!g_logFile.isEmpty()) {
        QFile file(g_logFile);
        if (file.size() > 1024 * 1024) {
            QFile::remove(g_logFile + QStringLiteral(".1"));
            QFile::rename(g_logFile, g_logFile + QStringLiteral(".1"));
        }
        const bool created = !file.exists();
        if (file.open(QIODevice::Append | QIODevice::WriteOnly)) {
            if (created) // private like every state file, whatever the umask
                file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            file.write(line);
        }
    }
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void installLogHandler(const QString &logFile)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_logFile = logFile;
    }
    if (!logFile.isEmpty())
        QDir().mkpath(QFileInfo(logFile).absolutePath());
    qInstallMessageHandler(handler);
}

} // namespace hubhook
