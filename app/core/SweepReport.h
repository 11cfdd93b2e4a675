#pragma once

#include "core/Build.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QPair>
#include <QSet>
#include <QString>
#include <QStringList>

namespace hubhook {

struct BuildChange
{
    Build before; // before.id == 0 when the tag had no known build
    Build after;
};

struct SweepReport
{
    QDateTime started;
    QDateTime finished;
    int listingPages = 0;
    int historiesFetched = 0;
    int historiesFailed = 0;
    int answered = 0; // requests that got any HTTP answer
    QStringList errors; // every error of the sweep, each naming its watch or repository
    QList<BuildChange> changes;
    QSet<QString> repositories; // keys of the RepoStates this sweep covered
    // Watches that failed before any of their repositories was known: label -> error.
    QList<QPair<QString, QString>> watchErrors;
    bool offline = false; // nothing answered at all
};

} // namespace hubhook

Q_DECLARE_METATYPE(hubhook::SweepReport)
Q_DECLARE_METATYPE(hubhook::BuildChange)
