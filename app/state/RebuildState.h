#pragma once

#include "state/TriggerState.h"

#include <QHash>
#include <QList>
#include <QString>

namespace hubhook {

// What the rebuild policy remembers between runs: rebuilds.json in the state directory. Its one
// owner is engine/RebuildPolicy.
struct RebuildState
{
    QList<Expectation> expectations; // fires still waiting for their build
    QHash<QString, int> retries; // "repository|tag" -> rebuilds in the current failure streak

    // Missing: true with nothing loaded (*existed false). Corrupt: moved aside, *warning set.
    // A value not as Hubhook writes it (a bad retry count, an unreadable time): that record is
    // ignored, the rest loaded, *warning set and false returned.
    bool load(const QString &path, QString *warning, bool *existed = nullptr);
    bool save(const QString &path, QString *error) const;
};

} // namespace hubhook
