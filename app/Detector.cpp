#include "Detector.h"

#include "StateFile.h"
#include "TimeParse.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hubhook {

namespace {

QString streakKey(const Build &b)
{
    return b.provider + QLatin1Char('|') + b.repository + QLatin1Char('|') + b.tag;
}

bool isRecent(const Build &b, const QDateTime &now, qint64 ignoreOlderThanMs)
{
    const QDateTime t = b.updated.isValid() ? b.updated : b.created;
    return !t.isValid() || t.msecsTo(now) <= ignoreOlderThanMs;
}

} // namespace

QList<Event> detectEvents(DetectorState &state, const QList<Build> &builds, const QDateTime &now,
                          const DetectorSettings &settings)
{
    QList<Event> events;
    auto raise = [&](EventType type, const Build &b, const Build &previous = Build()) {
        const QString id = eventId(b.provider, b.repository, b.id, type);
        if (state.fired.contains(id))
            return;
        state.fired.insert(id, now);
        Event e;
        e.id = id;
        e.type = type;
        e.occurredAt = now;
        e.build = b;
        e.previous = previous;
        events.append(e);
    };

    for (const Build &b : builds) {
        if (b.id == 0)
            continue;
        const QString key = streakKey(b);
        const bool recent = isRecent(b, now, settings.ignoreOlderThanMs);
        switch (b.state) {
        case BuildState::Failed:
            state.openFailures.insert(key, b);
            if (recent)
                raise(EventType::BuildFailed, b);
            break;
        case BuildState::Queued:
            if (b.created.isValid() && b.created.msecsTo(now) >= settings.queuedAlertAfterMs)
                raise(EventType::BuildStuck, b);
            break;
        case BuildState::Success: {
            const auto it = state.openFailures.constFind(key);
            if (it == state.openFailures.constEnd() || it->id == b.id)
                break;
            const Build failure = it.value();
            state.openFailures.remove(key);
            if (recent)
                raise(EventType::BuildRecovered, b, failure);
            break;
        }
        case BuildState::Cancelled:
            if (recent)
                raise(EventType::BuildCancelled, b);
            break;
        case BuildState::Building:
        case BuildState::Unknown:
            break;
        }
    }
    return events;
}

void DetectorState::prune(const QDateTime &now, qint64 keepMs)
{
    for (auto it = fired.begin(); it != fired.end();) {
        if (it.value().msecsTo(now) > keepMs)
            it = fired.erase(it);
        else
            ++it;
    }
}

bool DetectorState::load(const QString &path, QString *warning)
{
    fired.clear();
    openFailures.clear();
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
        fired.insert(it.key(), parseApiTime(it.value().toString()));
    for (const QJsonValue &v : r.root.value(QStringLiteral("open_failures")).toArray()) {
        const Build b = Build::fromJson(v.toObject());
        openFailures.insert(streakKey(b), b);
    }
    return true;
}

bool DetectorState::save(const QString &path, QString *error) const
{
    QJsonObject f;
    for (auto it = fired.begin(); it != fired.end(); ++it)
        f.insert(it.key(), formatApiTime(it.value()));
    QJsonArray open;
    for (const Build &b : openFailures)
        open.append(b.toJson());
    return writeStateFile(path,
                          { { QStringLiteral("version"), 1 },
                            { QStringLiteral("fired"), f },
                            { QStringLiteral("open_failures"), open } },
                          error);
}

} // namespace hubhook
