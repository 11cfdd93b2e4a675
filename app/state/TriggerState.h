#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace hubhook {

class JsonFields;
class Schedule;

// The schedule bookkeeping of one trigger.
struct TriggerRun
{
    QDateTime lastRun;
    QDateTime nextRun; // invalid: not scheduled
    int lastStatus = 0;
    QString lastResult; // "HTTP 202", "timed out", ...
    bool lastOk = false;
};

// A fire that should be followed by a build of `repository` (and `tag`) before `deadline`.
struct Expectation
{
    QString trigger;
    QString repository;
    QString tag;
    QDateTime firedAt;
    QDateTime deadline;
};

// One fire of a trigger, as `triggers history` shows it.
struct TriggerFire
{
    QDateTime time;
    QString trigger;
    QString reason; // schedule, manual, link, retry
    int status = 0; // HTTP status, 0 when none came
    qint64 durationMs = 0;
    bool ok = false;
    QString result; // "HTTP 202" or what went wrong
    QJsonObject toJson() const;
    // Each value not as toJson writes it (a bad number, an unreadable time) is an error in `f`.
    static TriggerFire fromJson(const QJsonObject &o, const JsonFields &f, const QString &path);
    static TriggerFire fromJson(const QJsonObject &o); // errors ignored
};

// The JSON of expectations and retry counts (triggers.json of old, rebuilds.json now).
// A record with a bad value is left out, with an error in `f` naming it under `path`.
QList<Expectation> expectationsFromJson(const QJsonArray &array, const JsonFields &f,
                                        const QString &path);
QJsonArray expectationsToJson(const QList<Expectation> &expectations);
QHash<QString, int> retriesFromJson(const QJsonObject &object, const JsonFields &f,
                                    const QString &path);

// What the scheduler remembers between runs: triggers.json in the state directory.
struct TriggerState
{
    QHash<QString, TriggerRun> runs;
    // Written by versions before the rebuild policy had its own file (RebuildState): read once
    // so that an upgrade loses no expectation, never written again.
    QList<Expectation> legacyExpectations;
    QHash<QString, int> legacyRetries;

    // A corrupt file is moved aside; a value not as Hubhook writes it is ignored (the rest
    // loaded). False when *warning is set.
    bool load(const QString &path, QString *warning);
    bool save(const QString &path, QString *error) const;
};

// Pure scheduling step, from the wall clock, so a machine that slept does not drift:
//  - not scheduled yet: schedules the first fire after `now` and is not due;
//  - `now` at or past `nextRun`: due once, however many slots were missed (like systemd's
//    Persistent=true), and the next fire is the first slot after `now`.
// `jitterMs` * `jitter01` is added to every scheduled time.
bool scheduleDue(const Schedule &schedule, TriggerRun &run, const QDateTime &now,
                 const QTimeZone &zone, qint64 jitterMs, double jitter01);

// The fire log: trigger-history.jsonl, one JSON object per line, newest last.
void appendTriggerFire(const QString &path, const TriggerFire &fire);
// A line with a bad value is left out, with a warning naming the file and the line.
QList<TriggerFire> readTriggerFires(const QString &path, const QString &trigger = {},
                                    int limit = 200, QStringList *warnings = nullptr);

} // namespace hubhook
Q_DECLARE_METATYPE(hubhook::TriggerFire)
