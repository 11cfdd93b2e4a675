#include "state/DetectorFile.h"

#include "state/StateFile.h"
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
    const QJsonObject f = r.root.value(QStringLiteral("fired")).toObject();
    for (auto it = f.begin(); it != f.end(); ++it)
        state->fired.insert(it.key(), parseApiTime(it.value().toString()));
    for (const QJsonValue &v : r.root.value(QStringLiteral("open_failures")).toArray()) {
        const Build b = Build::fromJson(v.toObject());
        state->openFailures.insert(failureStreakKey(b), b);
    }
    return true;
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
