#include "state/TriggerState.h"

#include "core/Schedule.h"
#include "state/StateFile.h"
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
QDateTime timeOf(const QJsonObject &o, const char *key)
{
    return parseApiTime(o.value(QLatin1String(key)).toString());
}
constexpr qint64 kMaxHistoryBytes = 512 * 1024;
} // namespace

QList<Expectation> expectationsFromJson(const QJsonArray &array)
{
    QList<Expectation> out;
    for (const QJsonValue &v : array) {
        const QJsonObject o = v.toObject();
        out.append({ o.value(QStringLiteral("trigger")).toString(),
                     o.value(QStringLiteral("repository")).toString(),
                     o.value(QStringLiteral("tag")).toString(), timeOf(o, "fired_at"),
                     timeOf(o, "deadline") });
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

QHash<QString, int> retriesFromJson(const QJsonObject &object)
{
    QHash<QString, int> out;
    for (auto it = object.begin(); it != object.end(); ++it)
        out.insert(it.key(), it.value().toInt());
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

TriggerFire TriggerFire::fromJson(const QJsonObject &o)
{
    TriggerFire f;
    f.time = timeOf(o, "time");
    f.trigger = o.value(QStringLiteral("trigger")).toString();
    f.reason = o.value(QStringLiteral("reason")).toString();
    f.status = o.value(QStringLiteral("status")).toInt();
    f.durationMs = qint64(o.value(QStringLiteral("duration_ms")).toDouble());
    f.ok = o.value(QStringLiteral("ok")).toBool();
    f.result = o.value(QStringLiteral("result")).toString();
    return f;
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
    const QJsonObject root = file.root;
    const QJsonObject r = root.value(QStringLiteral("runs")).toObject();
    for (auto it = r.begin(); it != r.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        TriggerRun run;
        run.lastRun = timeOf(o, "last_run");
        run.nextRun = timeOf(o, "next_run");
        run.lastStatus = o.value(QStringLiteral("last_status")).toInt();
        run.lastResult = o.value(QStringLiteral("last_result")).toString();
        run.lastOk = o.value(QStringLiteral("last_ok")).toBool();
        runs.insert(it.key(), run);
    }
    legacyExpectations = expectationsFromJson(root.value(QStringLiteral("expectations")).toArray());
    legacyRetries = retriesFromJson(root.value(QStringLiteral("retries")).toObject());
    return true;
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
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (QFileInfo(path).size() > kMaxHistoryBytes) {
        QFile::remove(path + QStringLiteral(".1"));
        QFile::rename(path, path + QStringLiteral(".1"));
    }
    QFile file(path);
    if (file.open(QIODevice::Append | QIODevice::WriteOnly))
        file.write(QJsonDocument(fire.toJson()).toJson(QJsonDocument::Compact) + '\n');
}

QList<TriggerFire> readTriggerFires(const QString &path, const QString &trigger, int limit)
{
    QList<TriggerFire> out;
    for (const QString &p : { path + QStringLiteral(".1"), path }) {
        QFile file(p);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        while (!file.atEnd()) {
            const QByteArray line = file.readLine().trimmed();
            const QJsonObject o = QJsonDocument::fromJson(line).object();
            if (o.isEmpty()) // a line cut by a crash: skip it
                continue;
            const TriggerFire f = TriggerFire::fromJson(o);
            if (trigger.isEmpty() || f.trigger == trigger)
                out.append(f);
        }
    }
    if (out.size() > limit)
        out = out.mid(out.size() - limit);
    return out;
}

} // namespace hubhook
