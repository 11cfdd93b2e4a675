#include "state/DetectorFile.h"

#include "state/StateFile.h"
#include "support/JsonFields.h"
#include "support/TimeText.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hubhook {

bool loadDetectorState(const QString &path, DetectorState *state, QString *warning)
{
    *state = DetectorState();
    const StateFileRead r = readStateFile(path, 1);
    if (r.status == StateFileRead::Unreadable)
        *warning = QStringLiteral("%1: cannot read").arg(path);
    if (r.status == StateFileRead::Corrupt) // then events still in the history may be sent again
        *warning = corruptStateFileWarning(path, r.why,
                                           QStringLiteral("Recent events may be sent again."));
    if (r.status != StateFileRead::Ok)
        return r.status == StateFileRead::Missing;
    QStringList bad; // values ignored: an unreadable time, a build that is not one
    const JsonFields v(&bad);
    const QJsonObject f = v.object(r.root, QStringLiteral("fired"), {});
    for (auto it = f.begin(); it != f.end(); ++it) {
        // An unreadable time would be no time at all: pruning would never drop the id, and a
        // caller comparing it to "now" would get nonsense. Dropped, with a warning.
        const QDateTime t = stateTime(v, f, it.key(), QStringLiteral("fired"));
        if (t.isValid())
            state->fired.insert(it.key(), t);
    }
    const QJsonArray open = v.array(r.root, QStringLiteral("open_failures"), {});
    for (int i = 0; i < open.size(); ++i) {
        if (!checkBuildJson(v, open.at(i), JsonFields::index(QStringLiteral("open_failures"), i)))
            continue;
        const Build b = Build::fromJson(open.at(i).toObject());
        state->openFailures.insert(failureStreakKey(b), b);
    }
    *warning = stateValuesWarning(path, bad,
                                  QStringLiteral("ignored those values (recent events may be "
                                                 "sent again)."));
    return bad.isEmpty();
}

bool saveDetectorState(const QString &path, const DetectorState &state, QString *error)
{
    QJsonObject f;
    for (auto it = state.fired.begin(); it != state.fired.end(); ++it)
        f.insert(it.key(), formatApiTime(it.value()));
    QJsonArray open;
    for (const Build &b : state.openFailures)
        open.append(b.toJson());
    return writeStateFile(path,
                          { { QStringLiteral("version"), 1 },
                            { QStringLiteral("fired"), f },
                            { QStringLiteral("open_failures"), open } },
                          error);
}

} // namespace hubhook
