#include "state/TriggerState.h"

#include "core/Schedule.h"
#include "state/StateFile.h"
#include "support/JsonFields.h"
#include "support/TimeText.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace hubhook {

namespace {
QJsonValue timeValue(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(formatApiTime(t)) : QJsonValue(QJsonValue::Null);
}
QDateTime timeOf(const QJsonObject &o, const char *key, const QString &path, const JsonFields &f)
{
    return stateTime(f, o, QLatin1String(key), path);
}
constexpr qint64 kMaxRetries = 1000000;
// HTTP statuses as a trigger run records them: 0 when no answer came.
constexpr qint64 kMaxHttpStatus = 999;
constexpr qint64 kMaxHistoryBytes = 512 * 1024;
} // namespace

QList<Expectation> expectationsFromJson(const QJsonArray &array, const JsonFields &f,
                                        const QString &path)
{
    QList<Expectation> out;
    for (int i = 0; i < array.size(); ++i) {
        const QString p = JsonFields::index(path, i);
        const int before = f.errorCount();
        if (!array.at(i).isObject()) {
            f.error(p,
                    QStringLiteral("expected an object, got %1")
                            .arg(JsonFields::typeName(array.at(i))));
            continue;
        }
        const QJsonObject o = array.at(i).toObject();
        Expectation e { f.string(o, QStringLiteral("trigger"), p, true),
                        f.string(o, QStringLiteral("repository"), p, true),
                        f.string(o, QStringLiteral("tag"), p), timeOf(o, "fired_at", p, f),
                        timeOf(o, "deadline", p, f) };
        if (f.errorCount() == before) // an expectation with a bad value is dropped, not guessed
            out.append(e);
    }
    return out;
}

QJsonArray expectationsToJson(const QList<Expectation> &expectations)
{
    QJsonArray e;
    for (const Expectation &x : expectations)
        e.append(QJsonObject { { QStringLiteral("trigger"), x.trigger },
                               { QStringLiteral("repository"), x.repository },
                               { QStringLiteral("tag"), x.tag },
                               { QStringLiteral("fired_at"), timeValue(x.firedAt) },
                               { QStringLiteral("deadline"), timeValue(x.deadline) } });
    return e;
}

QHash<QString, int> retriesFromJson(const QJsonObject &object, const JsonFields &f,
                                    const QString &path)
{
    QHash<QString, int> out;
    for (auto it = object.begin(); it != object.end(); ++it) {
        const int before = f.errorCount();
        const qint64 n = f.integerIn(object, it.key(), path, 0, kMaxRetries);
        if (f.errorCount() == before)
            out.insert(it.key(), int(n));
    }
    return out;
}

QJsonObject TriggerFire::toJson() const
{
    return { { QStringLiteral("time"), timeValue(time) },
             { QStringLiteral("trigger"), trigger },
             { QStringLiteral("reason"), reason },
             { QStringLiteral("status"), status ? QJsonValue(status) : QJsonValue() },
             { QStringLiteral("duration_ms"), double(durationMs) },
             { QStringLiteral("ok"), ok },
             { QStringLiteral("result"), result } };
}

TriggerFire TriggerFire::fromJson(const QJsonObject &o, const JsonFields &f, const QString &path)
{
    TriggerFire fire;
    fire.time = timeOf(o, "time", path, f);
    fire.trigger = f.string(o, QStringLiteral("trigger"), path, true);
    fire.reason = f.string(o, QStringLiteral("reason"), path);
    // Written as null when no answer came.
    if (!o.value(QStringLiteral("status")).isNull())
        fire.status = int(f.integerIn(o, QStringLiteral("status"), path, 0, kMaxHttpStatus));
    fire.durationMs = f.integerIn(o, QStringLiteral("duration_ms"), path, 0, kMaxDurationMs);
    fire.ok = f.boolean(o, QStringLiteral("ok"), path);
    fire.result = f.string(o, QStringLiteral("result"), path);
    return fire;
}

TriggerFire TriggerFire::fromJson(const QJsonObject &o)
{
    return fromJson(o, JsonFields(nullptr), {});
}

bool TriggerState::load(const QString &path, QString *warning)
{
    runs.clear();
    legacyExpectations.clear();
    legacyRetries.clear();
    const StateFileRead file = readStateFile(path, 1);
    if (file.status == StateFileRead::Unreadable)
        *warning = QStringLiteral("%1: cannot read").arg(path);
    if (file.status == StateFileRead::Corrupt)
        *warning = corruptStateFileWarning(path, file.why,
                                           QStringLiteral("Schedules start afresh."));
    if (file.status != StateFileRead::Ok)
        return file.status == StateFileRead::Missing;
    QStringList bad; // values ignored, with a warning: the rest of the file is kept
    const JsonFields f(&bad);
    const QJsonObject root = file.root;
    const QJsonObject r = f.object(root, QStringLiteral("runs"), {});
    for (auto it = r.begin(); it != r.end(); ++it) {
        const QString p = JsonFields::join(QStringLiteral("runs"), it.key());
        if (!it.value().isObject()) {
            f.error(p,
                    QStringLiteral("expected an object, got %1")
                            .arg(JsonFields::typeName(it.value())));
            continue;
        }
        const QJsonObject o = it.value().toObject();
        TriggerRun run;
        run.lastRun = timeOf(o, "last_run", p, f);
        run.nextRun = timeOf(o, "next_run", p, f);
        run.lastStatus = int(f.integerIn(o, QStringLiteral("last_status"), p, 0, kMaxHttpStatus));
        run.lastResult = f.string(o, QStringLiteral("last_result"), p);
        run.lastOk = f.boolean(o, QStringLiteral("last_ok"), p);
        runs.insert(it.key(), run);
    }
    if (root.contains(QStringLiteral("expectations")))
        legacyExpectations = expectationsFromJson(f.array(root, QStringLiteral("expectations"), {}),
                                                  f, QStringLiteral("expectations"));
    if (root.contains(QStringLiteral("retries")))
        legacyRetries = retriesFromJson(f.object(root, QStringLiteral("retries"), {}), f,
                                        QStringLiteral("retries"));
    *warning = stateValuesWarning(path, bad, QStringLiteral("ignored those values."));
    return bad.isEmpty();
}

bool TriggerState::save(const QString &path, QString *error) const
{
    QJsonObject r;
    for (auto it = runs.begin(); it != runs.end(); ++it) {
        r.insert(it.key(),
                 QJsonObject { { QStringLiteral("last_run"), timeValue(it->lastRun) },
                               { QStringLiteral("next_run"), timeValue(it->nextRun) },
                               { QStringLiteral("last_status"), it->lastStatus },
                               { QStringLiteral("last_result"), it->lastResult },
                               { QStringLiteral("last_ok"), it->lastOk } });
    }
    const QJsonObject root { { QStringLiteral("version"), 1 }, { QStringLiteral("runs"), r } };
    return writeStateFile(path, root, error, QJsonDocument::Indented);
}

bool scheduleDue(const Schedule &schedule, TriggerRun &run, const QDateTime &now,
                 const QTimeZone &zone, qint64 jitterMs, double jitter01)
{
    const qint64 jitter = qint64(double(jitterMs) * std::clamp(jitter01, 0.0, 1.0));
    auto nextAfter = [&](const QDateTime &t) {
        const QDateTime n = schedule.isInterval() ? t.addMSecs(schedule.intervalMs())
                                                  : schedule.next(t, zone);
        return n.isValid() ? n.toUTC().addMSecs(jitter) : QDateTime();
    };
    if (!run.nextRun.isValid()) {
        run.nextRun = schedule.isInterval() && run.lastRun.isValid() ? nextAfter(run.lastRun)
                                                                     : nextAfter(now);
        if (!run.nextRun.isValid() || run.nextRun > now)
            return false;
    }
    if (now < run.nextRun)
        return false;
    run.nextRun = nextAfter(now);
    return true;
}

void appendTriggerFire(const QString &path, const TriggerFire &fire)
{
    prepareStateDir(path);
    if (QFileInfo(path).size() > kMaxHistoryBytes) {
        QFile::remove(path + QStringLiteral(".1"));
        QFile::rename(path, path + QStringLiteral(".1"));
    }
    makeStateFilePrivate(path); // one written by an older Hubhook under umask 022
    QFile file(path);
    if (file.open(QIODevice::Append | QIODevice::WriteOnly, kStateFilePermissions))
        file.write(QJsonDocument(fire.toJson()).toJson(QJsonDocument::Compact) + '\n');
}

QList<TriggerFire> readTriggerFires(const QString &path, const QString &trigger, int limit,
                                    QStringList *warnings)
{
    QList<TriggerFire> out;
    for (const QString &p : { path + QStringLiteral(".1"), path }) {
        QFile file(p);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        int number = 0;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            ++number;
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.isEmpty()) // a line cut by a crash: skip it
                continue;
            QStringList errors;
            const TriggerFire f = TriggerFire::fromJson(o, JsonFields(&errors),
                                                        QStringLiteral("line %1").arg(number));
            if (!errors.isEmpty()) { // a fire with a bad value is not shown as if it were fine
                if (warnings)
                    warnings->append(p + QStringLiteral(": ") + errors.first()
                                     + QStringLiteral("; ignored that line"));
                continue;
            }
            if (trigger.isEmpty() || f.trigger == trigger)
                out.append(f);
        }
    }
    if (out.size() > limit)
        out = out.mid(out.size() - limit);
    return out;
}

} // namespace hubhook
