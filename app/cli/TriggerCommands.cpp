#include "cli/TriggerCommands.h"
#include "support/Clock.h"

#include "cli/ConfigLoader.h"
#include "cli/Console.h"
#include "cli/ScheduleCommand.h"
#include "config/Config.h"
#include "engine/Accounts.h"
#include "engine/RebuildPolicy.h"
#include "engine/TriggerRunner.h"
#include "secrets/Secrets.h"
#include "support/Redactor.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>

namespace hubhook {

namespace {

std::optional<Config> load(const CliOptions &o)
{
    const ConfigResult cfg = loadConfigFile(o.configPath);
    if (!cfg.ok()) {
        for (const QString &e : cfg.errors)
            printErr(e + QLatin1Char('\n'));
        return std::nullopt;
    }
    return cfg.config;
}

QString local(const QDateTime &t)
{
    return t.isValid() ? formatScheduleTime(t.toTimeZone(QTimeZone::systemTimeZone()))
                       : QStringLiteral("-");
}

int list(const CliOptions &o)
{
    const auto config = load(o);
    if (!config)
        return ExitConfigError;
    TriggerState state;
    QString warning;
    if (!state.load(o.stateDir + QStringLiteral("/triggers.json"), &warning))
        printErr(warning + QLatin1Char('\n'));
    if (config->triggers.isEmpty()) {
        printOut(QStringLiteral("No triggers in %1.\n").arg(o.configPath));
        return ExitOk;
    }
    printOut(QStringLiteral("%1 %2 %3 %4\n")
                     .arg(QStringLiteral("NAME"), -20)
                     .arg(QStringLiteral("SCHEDULE / LINK"), -24)
                     .arg(QStringLiteral("NEXT"), -26)
                     .arg(QStringLiteral("LAST")));
    const QDateTime now = Clock::now();
    for (const TriggerConfig &t : config->triggers) {
        const TriggerRun run = state.runs.value(t.name);
        QDateTime next = run.nextRun;
        if (!next.isValid() && !t.schedule.isEmpty()) {
            if (const auto s = Schedule::parse(t.schedule, nullptr))
                next = s->isInterval() ? now.addMSecs(s->intervalMs()) : s->next(now);
        }
        const QString when = !t.schedule.isEmpty() ? t.schedule
                : !t.afterSuccessOf.isEmpty()      ? QStringLiteral("after ") + t.afterSuccessOf
                                                   : QStringLiteral("manual");
        const QString last = run.lastRun.isValid()
                ? QStringLiteral("%1 %2").arg(local(run.lastRun), run.lastResult)
                : QStringLiteral("never fired");
        printOut(QStringLiteral("%1 %2 %3 %4\n")
                         .arg(t.name.left(20), -20)
                         .arg(when.left(24), -24)
                         .arg(next.isValid() ? local(next) : QStringLiteral("-"), -26)
                         .arg(last));
    }
    return ExitOk;
}

int history(const CliOptions &o)
{
    QStringList warnings;
    const QList<TriggerFire> fires
            = readTriggerFires(o.stateDir + QStringLiteral("/trigger-history.jsonl"),
                               o.command.value(2), 200, &warnings);
    for (const QString &w : std::as_const(warnings))
        printErr(w + QLatin1Char('\n'));
    if (o.json) {
        QJsonArray array;
        for (const TriggerFire &f : fires)
            array.append(f.toJson());
        printOut(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    if (fires.isEmpty()) {
        printOut(QStringLiteral("No trigger fires recorded.\n"));
        return ExitOk;
    }
    for (const TriggerFire &f : fires)
        printOut(QStringLiteral("%1  %2 %3 %4 %5 ms\n")
                         .arg(local(f.time))
                         .arg(f.trigger.left(20), -20)
                         .arg(f.reason, -9)
                         .arg(f.result, -24)
                         .arg(f.durationMs));
    return ExitOk;
}

} // namespace

int triggersCommand(const CliOptions &o)
{
    const QString verb = o.command.value(1);
    if (verb == QLatin1String("list") && o.command.size() == 2)
        return list(o);
    if (verb == QLatin1String("history") && o.command.size() <= 3)
        return history(o);
    printErr(QStringLiteral("usage: hubhook triggers list\n"
                            "       hubhook triggers history [NAME] [--json]\n"));
    return ExitConfigError;
}

int triggerCommand(const CliOptions &o)
{
    const QString name = o.command.value(2);
    if (o.command.value(1) != QLatin1String("fire") || o.command.size() != 3) {
        printErr(QStringLiteral("usage: hubhook trigger fire NAME\n"));
        return ExitConfigError;
    }
    Config config;
    QHash<QString, QString> secrets, secretErrors;
    if (!loadConfigWithSecrets(o, &config, &secrets, &secretErrors))
        return ExitConfigError;
    if (std::none_of(config.triggers.begin(), config.triggers.end(),
                     [&](const TriggerConfig &t) { return t.name == name; })) {
        printErr(QStringLiteral("no trigger named \"%1\" in %2\n").arg(name, o.configPath));
        return ExitConfigError;
    }
    // The same accounts as the running app's: a trigger naming one is authorised, or fired
    // through its API (a workflow dispatch), exactly as a scheduled fire would be.
    QNetworkAccessManager nam;
    Accounts accounts(&nam);
    accounts.apply(config, secrets, secretErrors);
    TriggerRunner runner(&nam, o.stateDir);
    // Records what the fire should be followed by; the running app checks it.
    RebuildPolicy rebuilds(&runner);
    rebuilds.setStateDir(o.stateDir);
    rebuilds.setConfig(config);
    rebuilds.setAccounts(&accounts);
    runner.setTriggers(config.triggers, secrets, &accounts);
    QEventLoop loop;
    std::optional<TriggerFire> result; // a fire that cannot start ends before the loop runs
    QObject::connect(&runner, &TriggerRunner::fired, &loop, [&](const TriggerFire &f) {
        result = f;
        loop.quit();
    });
    runner.fire(name, QStringLiteral("manual"));
    if (!result)
        loop.exec();
    const QString line = QStringLiteral("trigger \"%1\": %2 in %3 ms\n")
                                 .arg(name, result->result)
                                 .arg(result->durationMs);
    (result->ok ? printOut : printErr)(Redactor::instance().redact(line));
    return result->ok ? ExitOk : ExitFailure;
}

} // namespace hubhook
