#include "core/Detector.h"

#include "support/TimeText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hubhook {

QString failureStreakKey(const Build &b)
{
    const QString key = b.provider + QLatin1Char('|') + b.repository + QLatin1Char('|') + b.tag;
    return b.image ? QStringLiteral("image|") + key : key;
}

namespace {

bool isRecent(const Build &b, const QDateTime &now, qint64 ignoreOlderThanMs)
{
    const QDateTime t = b.updated.isValid() ? b.updated : b.created;
    return !t.isValid() || t.msecsTo(now) <= ignoreOlderThanMs;
}

// An image row: pushed (a new digest of a tag seen before), stale (once per digest, until it is
// pushed again) and fresh (a stale tag pushed again). The last row seen of each tag is kept in
// openFailures under "image|provider|image|tag".
template<typename Raise>
void detectImage(DetectorState &state, const Build &b, Raise &raise)
{
    const QString key = failureStreakKey(b);
    const auto it = state.openFailures.constFind(key);
    const bool known = it != state.openFailures.constEnd();
    const Build before = known ? it.value() : Build();
    if (known && before.id != b.id)
        raise(EventType::ImagePushed, b, before);
    if (b.state == BuildState::Stale) {
        if (!(known && before.id == b.id && before.state == BuildState::Stale))
            raise(EventType::ImageStale, b);
    } else if (known && before.state == BuildState::Stale) {
        raise(EventType::ImageFresh, b, before);
    }
    state.openFailures.insert(key, b);
}

// A build or run row: failed (a failure streak opens, kept in openFailures), stuck in the queue,
// recovered (a success after the streak's failure closes it), cancelled, or waiting for approval.
// A row older than settings.ignoreOlderThanMs still opens or closes a streak but raises nothing
// (a queued one is judged by how long it has waited).
template<typename Raise>
void detectBuild(DetectorState &state, const Build &b, const QDateTime &now,
                 const DetectorSettings &settings, Raise &raise)
{
    const QString key = failureStreakKey(b);
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
        if (it == state.openFailures.constEnd() || it->sameRun(b))
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
    case BuildState::NeedsAttention:
        if (recent)
            raise(EventType::BuildNeedsAttention, b);
        break;
    case BuildState::Building:
    case BuildState::Stale: // image rows go to detectImage
    case BuildState::Skipped: // no verdict: neither a failure nor a fix
    case BuildState::Unknown:
        break;
    }
}

} // namespace

QList<Event> detectEvents(DetectorState &state, const QList<Build> &builds, const QDateTime &now,
                          const DetectorSettings &settings)
{
    QList<Event> events;
    auto raise = [&](EventType type, const Build &b, const Build &previous = Build()) {
        const QString id = eventId(b.provider, b.repository, b.id, type, b.attempt);
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
        if (b.image)
            detectImage(state, b, raise);
        else
            detectBuild(state, b, now, settings, raise);
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

} // namespace hubhook
