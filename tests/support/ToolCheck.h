#pragma once

// A test that drives an external program checks for it first, so that a missing one fails with
// the Debian package to install instead of an obscure error later.

#include <QPair>
#include <QStandardPaths>
#include <QString>
#include <QStringList>

namespace toolcheck {

// {program, Debian package}: returns "" when all are on PATH, else a message naming the missing
// programs and their packages.
inline QString missing(const QList<QPair<QString, QString>> &tools)
{
    QStringList absent;
    for (const auto &[program, package] : tools) {
        if (QStandardPaths::findExecutable(program).isEmpty())
            absent << QStringLiteral("%1 (apt-get install %2)").arg(program, package);
    }
    if (absent.isEmpty())
        return {};
    return QStringLiteral("missing: %1; scripts/setup-debian.sh --tests installs them")
            .arg(absent.join(QStringLiteral(", ")));
}

} // namespace toolcheck
