#include "cli/Cli.h"
#include "support/Clock.h"

#include "cli/CctrayCommand.h"
#include "cli/Console.h"
#include "cli/DeliveryCommands.h"
#include "cli/Output.h"
#include "cli/ScheduleCommand.h"
#include "cli/SignalWatcher.h"
#include "cli/TriggerCommands.h"
#include "config/Config.h"
#include "engine/Deliverer.h"
#include "engine/Engine.h"
#include "engine/NotificationPolicy.h"
#include "secrets/Secrets.h"
#include "support/Logging.h"
#include "support/TimeText.h"

#include <cstdio>
#include <termios.h>
#include <unistd.h>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QTextStream>

namespace hubhook {

namespace {

int configCheck(const CliOptions &o)
{
    const ConfigResult r = loadConfigFile(o.configPath);
    if (!r.ok()) {
        for (const QString &e : r.errors)
            printErr(e + QLatin1Char('\n'));
        return ExitConfigError;
    }
    printOut(QStringLiteral("%1: OK (%2 account(s), %3 watch(es), polling every %4)\n")
                     .arg(o.configPath)
                     .arg(r.config.accounts.size())
                     .arg(r.config.watch.size())
                     .arg(formatDuration(r.config.pollIntervalMs)));
    for (const QString &w : configWarnings(r.config)) // worth a look, not a reason to refuse
        printErr(QStringLiteral("warning: %1\n").arg(w));
    return ExitOk;
}

QString readSecretFromStdin(const QString &name)
{
    const bool tty = isatty(STDIN_FILENO);
    termios saved {};
    if (tty) {
        printErr(QStringLiteral("Value for secret \"%1\" (not echoed): ").arg(name));
        tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    QFile in;
    in.open(stdin, QIODevice::ReadOnly);
    QByteArray value = tty ? in.readLine() : in.readAll();
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        printErr(QStringLiteral("\n"));
    }
    while (value.endsWith('\n') || value.endsWith('\r'))
        value.chop(1);
    return QString::fromUtf8(value);
}

int secretCommand(const CliOptions &o)
{
    const QString verb = o.command.value(1);
    const QString name = o.command.value(2);
    if ((verb != QLatin1String("set") && verb != QLatin1String("delete"))
        || o.command.size() != 3) {
        printErr(QStringLiteral("usage: hubhook secret set NAME  (value on standard input)\n"
                                "       hubhook secret delete NAME\n"));
        return ExitConfigError;
    }
    if (!isValidSecretName(name)) {
        printErr(QStringLiteral("bad secret name \"%1\": use letters, digits, '-', '_' and '.'\n")
                         .arg(name));
        return ExitConfigError;
    }
    KeychainSecretStore store;
    SecretResult result;
    QEventLoop loop;
    auto done = [&](const SecretResult &r) {
        result = r;
        loop.quit();
    };
    if (verb == QLatin1String("set")) {
        const QString value = readSecretFromStdin(name);
        if (value.isEmpty()) {
            printErr(QStringLiteral("secret \"%1\": no value on standard input; nothing stored\n")
                             .arg(name));
            return ExitFailure;
        }
        store.write(name, value, done);
    } else {
        store.remove(name, done);
    }
    loop.exec();
    if (!result.ok()) {
        printErr(QStringLiteral("secret \"%1\": %2\n").arg(name, result.message));
        if (verb == QLatin1String("set"))
            printErr(QStringLiteral(
                             "Nothing was written in plain text. On a server without a keyring, "
                             "set %1 in the environment instead.\n")
                             .arg(secretEnvironmentName(name)));
        return ExitFailure;
    }
    printOut(verb == QLatin1String("set")
                     ? QStringLiteral("secret \"%1\" stored in the keychain\n").arg(name)
                     : QStringLiteral("secret \"%1\" deleted from the keychain\n").arg(name));
    return ExitOk;
}

// Logs what the tray would show as desktop notifications ("notification: <title>: <body>", on
// one line): the same policy and the same `notifications` config (enabled, events, muted
// repositories; a headless Hubhook has no do-not-disturb).
void logNotifications(Engine *engine, NotificationPolicy *policy)
{
    auto log = [](const std::optional<Notification> &n) {
        if (n)
            qCInfo(lcNotify).noquote()
                    << QStringLiteral("notification: %1: %2")
                               .arg(n->title,
                                    QString(n->body).replace(QLatin1Char('\n'), QLatin1Char(' ')));
    };
    QObject::connect(engine, &Engine::eventRaised, engine,
                     [=](const Event &e) { log(policy->onEvent(e, Clock::now())); });
    QObject::connect(engine, &Engine::statusChanged, engine, [=](OverallStatus status) {
        log(policy->onStatus(status, engine->summary(), Clock::now()));
    });
    QObject::connect(engine, &Engine::sweepFinished, engine, [=](const SweepReport &report) {
        for (const BuildChange &c : report.changes)
            log(policy->onBuildChange(c, Clock::now()));
    });
}

int runEngine(const CliOptions &o)
{
    const ConfigResult cfg = loadConfigFile(o.configPath);
    if (!cfg.ok()) {
        for (const QString &e : cfg.errors)
            printErr(e + QLatin1Char('\n'));
        return ExitConfigError;
    }
    installLogHandler(logFilePath(o));
    if (o.once && !o.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("hubhook.*.info=false"));

    KeychainSecretStore secrets;
    NotificationPolicy notifications(cfg.config.notifications);
    Engine engine(&secrets);
    logNotifications(&engine, &notifications);
    engine.setStateDir(o.stateDir);
    engine.applyConfig(cfg.config);

    if (o.once) {
        int code = ExitOk;
        QEventLoop loop;
        QObject::connect(&engine, &Engine::sweepFinished, &loop, [&](const SweepReport &report) {
            const QList<OutputRow> rows = outputRows(engine.state(), report);
            printOut(o.json ? formatJson(rows) : formatTable(rows, Clock::now()));
            if (report.offline || (report.answered == 0 && !cfg.config.watch.isEmpty()))
                code = ExitNothingFetched;
            // Give the webhooks of what this sweep found their first attempt; later retries
            // stay in the outbox for the next run.
            Deliverer *deliverer = engine.deliverer();
            if (!deliverer || deliverer->isIdle())
                return loop.quit();
            QObject::connect(deliverer, &Deliverer::idle, &loop, &QEventLoop::quit);
        });
        engine.sweepNow();
        loop.exec();
        return code;
    }

    SignalWatcher watcher;
    QObject::connect(&watcher, &SignalWatcher::terminate, qApp, &QCoreApplication::quit);
    qCInfo(lcPoll).noquote() << QStringLiteral("headless: watching %1 target(s), polling every %2")
                                        .arg(cfg.config.watch.size())
                                        .arg(formatDuration(cfg.config.pollIntervalMs));
    engine.startPolling();
    const int rc = QCoreApplication::exec();
    qCInfo(lcPoll) << "stopping";
    return rc;
}

} // namespace

namespace {

// What options imply, and what they cannot go with: sets o.error.
void checkCombination(CliOptions &o)
{
    if (o.once && !o.headless && o.command.isEmpty())
        o.headless = true; // --once only makes sense headless
    if (o.json && !o.once && o.command.value(0) != QLatin1String("deliveries")
        && o.command.value(0) != QLatin1String("triggers"))
        o.error = QStringLiteral(
                "--json goes with --once, `deliveries list` or `triggers history`");
    static const QStringList commands { QStringLiteral("config"),     QStringLiteral("secret"),
                                        QStringLiteral("deliveries"), QStringLiteral("webhook"),
                                        QStringLiteral("triggers"),   QStringLiteral("trigger"),
                                        QStringLiteral("schedule"),   QStringLiteral("cctray") };
    if (!o.command.isEmpty() && !commands.contains(o.command.first()))
        o.error = QStringLiteral("unknown command \"%1\"").arg(o.command.first());
}

} // namespace

CliOptions parseCommandLine(const QStringList &arguments)
{
    CliOptions o;
    QCommandLineParser p;
    p.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption config(QStringLiteral("config"), QString(), QStringLiteral("file"));
    const QCommandLineOption stateDir(QStringLiteral("state-dir"), QString(),
                                      QStringLiteral("dir"));
    const QCommandLineOption headless(QStringLiteral("headless"));
    const QCommandLineOption once(QStringLiteral("once"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption verbose(QStringLiteral("verbose"));
    const QCommandLineOption version(QStringLiteral("version"));
    const QCommandLineOption help(QStringList { QStringLiteral("h"), QStringLiteral("help") });
    const QCommandLineOption allFailed(QStringLiteral("all-failed"));
    const QCommandLineOption demo(QStringLiteral("demo"));
    const QCommandLineOption demoSpeed(QStringLiteral("demo-speed"), QString(),
                                       QStringLiteral("n"));
    p.addOptions({ config, stateDir, headless, once, json, verbose, version, help, allFailed, demo,
                   demoSpeed });
    if (arguments.value(1) == QLatin1String("schedule")) {
        // `schedule next` parses its own options (--count, --from).
        o.command = arguments.mid(1);
        return o;
    }
    if (!p.parse(arguments)) {
        o.error = p.errorText();
        return o;
    }
    o.configPath = p.isSet(config) ? p.value(config) : defaultConfigPath();
    o.stateDir = p.isSet(stateDir) ? p.value(stateDir) : defaultStateDir();
    o.headless = p.isSet(headless);
    o.once = p.isSet(once);
    o.json = p.isSet(json);
    o.verbose = p.isSet(verbose);
    o.version = p.isSet(version);
    o.help = p.isSet(help);
    o.allFailed = p.isSet(allFailed);
    o.demo = p.isSet(demo) || p.isSet(demoSpeed);
    if (p.isSet(demoSpeed)) {
        bool ok = false;
        o.demoSpeed = p.value(demoSpeed).toInt(&ok);
        if (!ok || o.demoSpeed < 1 || o.demoSpeed > 100)
            o.error = QStringLiteral("--demo-speed: \"%1\" is not a number from 1 to 100")
                              .arg(p.value(demoSpeed));
    }
    o.command = p.positionalArguments();
    checkCombination(o);
    return o;
}

// Every provider this build knows, by display name, comma-separated.
QString providerNames()
{
    QStringList names;
    for (const ProviderInfo *p : providerInfos())
        names.append(p->displayName());
    return names.join(QStringLiteral(", "));
}

QString helpText()
{
    return QStringLiteral(
                   "Usage: hubhook [options]                 tray application\n"
                   "       hubhook --headless [--once [--json]]\n"
                   "       hubhook config check\n"
                   "       hubhook secret set NAME           (value read from standard input)\n"
                   "       hubhook secret delete NAME\n"
                   "       hubhook cctray                    (the last sweep's rows as a cctray "
                   "feed)\n"
                   "       hubhook deliveries list [--json]\n"
                   "       hubhook deliveries retry ID|--all-failed\n"
                   "       hubhook webhook test NAME\n"
                   "       hubhook triggers list | triggers history [NAME] [--json]\n"
                   "       hubhook trigger fire NAME\n"
                   "       hubhook schedule next \"<cron expression>\" [--count N] [--from "
                   "ISO-8601]\n"
                   "\n"
                   "Watches builds (%1) and the freshness of images, and reports failures, stuck "
                   "queues, recoveries and stale images.\n"
                   "\n"
                   "Options:\n"
                   "  --config FILE     config file (default "
                   "$XDG_CONFIG_HOME/hubhook/config.json)\n"
                   "  --state-dir DIR   what Hubhook learned between runs (default "
                   "$XDG_STATE_HOME/hubhook)\n"
                   "  --headless        no tray: poll and log state changes until stopped\n"
                   "  --once            one sweep, print the builds, exit\n"
                   "  --json            with --once or `deliveries list`: JSON instead of a table\n"
                   "  --demo            run against simulated providers (hubhook-simulator; no "
                   "account)\n"
                   "  --demo-speed N    the demo's story N times faster (1-100; implies --demo)\n"
                   "  --verbose         more logging\n"
                   "  --version         print the version\n"
                   "  -h, --help        this help\n"
                   "\n"
                   "Secrets: a config value \"secret:NAME\" is read from the environment variable\n"
                   "HUBHOOK_SECRET_<NAME> (upper case, '-' and '.' as '_') or from the OS "
                   "keychain.\n"
                   "\n"
                   "Exit codes: 0 ok, 1 failure, 2 bad config or usage, 3 nothing could be "
                   "fetched.\n")
            .arg(providerNames());
}

bool wantsTray(const CliOptions &o)
{
    return o.error.isEmpty() && !o.help && !o.version && !o.headless && o.command.isEmpty();
}

QString logFilePath(const CliOptions &o) { return o.stateDir + QStringLiteral("/hubhook.log"); }

int runCli(const CliOptions &o)
{
    if (!o.error.isEmpty()) {
        printErr(QStringLiteral("hubhook: %1\n\n%2").arg(o.error, helpText()));
        return ExitConfigError;
    }
    if (o.help) {
        printOut(helpText());
        return ExitOk;
    }
    if (o.version) {
        printOut(QStringLiteral("hubhook %1\n").arg(QStringLiteral(HUBHOOK_VERSION)));
        return ExitOk;
    }
    if (o.command.value(0) == QLatin1String("config")) {
        if (o.command.value(1) != QLatin1String("check") || o.command.size() != 2) {
            printErr(QStringLiteral("usage: hubhook config check [--config FILE]\n"));
            return ExitConfigError;
        }
        return configCheck(o);
    }
    if (o.command.value(0) == QLatin1String("secret"))
        return secretCommand(o);
    if (o.command.value(0) == QLatin1String("deliveries"))
        return deliveriesCommand(o);
    if (o.command.value(0) == QLatin1String("webhook"))
        return webhookCommand(o);
    if (o.command.value(0) == QLatin1String("triggers"))
        return triggersCommand(o);
    if (o.command.value(0) == QLatin1String("trigger"))
        return triggerCommand(o);
    if (o.command.value(0) == QLatin1String("cctray"))
        return cctrayCommand(o);
    if (o.command.value(0) == QLatin1String("schedule")) {
        if (o.command.value(1) != QLatin1String("next")) {
            printErr(QStringLiteral(
                    "usage: hubhook schedule next \"<expr>\" [--count N] [--from ISO-8601]\n"));
            return ExitConfigError;
        }
        QString out, err;
        const int rc = runScheduleNext(o.command.mid(2), &out, &err);
        printOut(out);
        printErr(err);
        return rc;
    }
    return runEngine(o);
}

} // namespace hubhook
