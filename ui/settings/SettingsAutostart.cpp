#include "ui/settings/SettingsAutostart.h"

#include "config/Config.h"
#include "secrets/Secrets.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace hubhook {

namespace {

// Quoting of the Desktop Entry Specification: an argument with reserved characters goes in
// double quotes with `"`, `` ` ``, `$` and `\` escaped; then the value's own escaping doubles
// every backslash; `%` is written `%%`.
QString execArgument(const QString &arg)
{
    static const QString reserved = QStringLiteral(" \t\n\"'\\><~|&;$*?#()`=");
    bool quote = arg.isEmpty();
    for (QChar c : arg)
        quote = quote || reserved.contains(c);
    QString out;
    for (QChar c : arg) {
        if (quote
            && (c == QLatin1Char('"') || c == QLatin1Char('`') || c == QLatin1Char('$')
                || c == QLatin1Char('\\')))
            out += QLatin1Char('\\');
        out += c;
    }
    out.replace(QLatin1Char('%'), QStringLiteral("%%"));
    if (quote)
        out = QLatin1Char('"') + out + QLatin1Char('"');
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    return out;
}

} // namespace

QString autostartPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
            + QStringLiteral("/autostart/") + kAppId + QStringLiteral(".desktop");
}

QByteArray autostartEntry(const QString &configPath)
{
    QString exec = QStringLiteral("hubhook");
    const QString config = QFileInfo(configPath).absoluteFilePath();
    if (!configPath.isEmpty() && config != QFileInfo(defaultConfigPath()).absoluteFilePath())
        exec += QStringLiteral(" --config ") + execArgument(config);
    return QStringLiteral("[Desktop Entry]\n"
                          "Type=Application\n"
                          "Name=Hubhook\n"
                          "Comment=Watch automated builds from the tray\n"
                          "Exec=%1\n"
                          "Icon=%2\n"
                          "Terminal=false\n"
                          "NoDisplay=true\n"
                          "X-GNOME-Autostart-enabled=true\n")
            .arg(exec, kAppId)
            .toUtf8();
}

bool applyAutostart(bool enabled, const QString &configPath, QString *error)
{
    const QString path = autostartPath();
    if (!enabled) {
        if (QFile::exists(path) && !QFile::remove(path)) {
            if (error)
                *error = QObject::tr("%1: cannot remove the autostart entry").arg(path);
            return false;
        }
        return true;
    }
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    const QByteArray entry = autostartEntry(configPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(entry) != entry.size() || !file.commit()) {
        if (error)
            *error = QObject::tr("%1: cannot write the autostart entry (%2)")
                             .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace hubhook
