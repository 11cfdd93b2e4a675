// hubhook-simulator: a simulated Docker Hub (and, with --github, a simulated GitHub Actions API)
// on loopback for tests, benchmarks and demos. `hubhook --demo` runs it as a child process:
// --demo --json --hooks-log --until-stdin-eof.
#include "SimDemo.h"
#include "SimulatedHub.h"
#include "github/SimulatedGitHub.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <climits>
#include <cstdio>
#include <optional>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#include <unistd.h>

namespace {

int signalPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

// Quits the event loop on SIGTERM/SIGINT so the server shuts down cleanly.
void installSignalHandlers(QCoreApplication *app)
{
    if (::pipe(signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}

// Quits the event loop when standard input ends: the parent that started this process with a
// pipe closed it, exited or was killed. What it writes is read and ignored.
void quitAtEndOfInput(QCoreApplication *app)
{
    auto *notifier = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [notifier] {
        char buffer[4096];
        const auto got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got == 0 || (got < 0 && errno != EINTR && errno != EAGAIN)) {
            notifier->setEnabled(false);
            QCoreApplication::quit();
        }
    });
}

} // namespace
#endif

namespace {

struct Options
{
    quint16 port = 0;
    QString scenario;
    bool verbose = false;
    bool tls = false;
    bool hooksLog = false;
    bool github = false;
    int githubRepos = 0; // 0: the small demo set
    bool json = false;
    bool untilStdinEof = false;
    int demoSpeed = 0; // 0: no demo
};

QList<QCommandLineOption> commandLineOptions()
{
    const auto option = [](const char *name, const char *description, const char *value = nullptr,
                           const char *byDefault = nullptr) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
                                  QString::fromLatin1(value), QString::fromLatin1(byDefault));
    };
    return {
        option("port", "Port to listen on (0: any free port).", "N", "0"),
        option("scenario", "Scenario JSON file to load.", "FILE"),
        option("verbose", "Log every request to stderr."),
        option("tls", "Serve HTTPS with a fresh self-signed certificate (needs openssl)."),
        option("hooks-log",
               "Print each webhook received at /hooks/NAME as one JSON line "
               "{\"name\", \"headers\", \"body\"} to stdout."),
        option("github",
               "Also start a simulated GitHub REST API (Actions workflow runs) and print "
               "\"github: URL\" on the next line."),
        option("github-repos",
               "Fill the simulated GitHub with N generated repositories under \"acme-gh\" (0: a "
               "small demo set). Implies --github.",
               "N", "0"),
        option("json",
               "Announce the URLs as one JSON line instead: {\"dockerhub\": URL, \"github\": URL "
               "(with --github), \"demo\": {...} (with --demo)}."),
        option("until-stdin-eof",
               "Exit when standard input ends (the parent that started this process went away)."),
        option("demo",
               "Serve the world of `hubhook --demo` (a Docker Hub story and GitHub's demo owner). "
               "Implies --github; not with --scenario or --github-repos."),
        option("demo-speed", "Play the demo's story N times faster (1-100). Implies --demo.", "N",
               "1"),
    };
}

// The value of a numeric option, from min to max; says what is wrong otherwise.
std::optional<int> number(const QCommandLineParser &parser, const QString &name, int min, int max)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (ok && value >= min && value <= max)
        return value;
    std::fprintf(stderr, "hubhook-simulator: invalid --%s \"%s\"\n", qPrintable(name),
                 qPrintable(parser.value(name)));
    return std::nullopt;
}

bool readOptions(const QCommandLineParser &parser, Options *o)
{
    const auto port = number(parser, QStringLiteral("port"), 0, 65535);
    const auto repos = number(parser, QStringLiteral("github-repos"), 0, INT_MAX);
    const auto speed = number(parser, QStringLiteral("demo-speed"), 1, 100);
    if (!port || !repos || !speed)
        return false;
    o->port = quint16(*port);
    o->scenario = parser.value(QStringLiteral("scenario"));
    o->verbose = parser.isSet(QStringLiteral("verbose"));
    o->tls = parser.isSet(QStringLiteral("tls"));
    o->hooksLog = parser.isSet(QStringLiteral("hooks-log"));
    o->githubRepos = *repos;
    o->json = parser.isSet(QStringLiteral("json"));
    o->untilStdinEof = parser.isSet(QStringLiteral("until-stdin-eof"));
    if (parser.isSet(QStringLiteral("demo")) || parser.isSet(QStringLiteral("demo-speed")))
        o->demoSpeed = *speed;
    o->github = o->demoSpeed > 0 || parser.isSet(QStringLiteral("github"))
            || parser.isSet(QStringLiteral("github-repos"));
    if (o->demoSpeed > 0 && (!o->scenario.isEmpty() || o->githubRepos > 0)) {
        std::fprintf(stderr,
                     "hubhook-simulator: --demo brings its own data: no --scenario or "
                     "--github-repos\n");
        return false;
    }
    return true;
}

void logRequests(SimServer *server, const char *prefix)
{
    QObject::connect(server, &SimServer::requestServed, server,
                     [prefix](const SimRequest &request, int status) {
                         std::fprintf(stderr, "%s%s %s -> %d\n", prefix, qPrintable(request.method),
                                      qPrintable(request.path), status);
                     });
}

void printHook(const SimWebhook &hook)
{
    QJsonObject headers;
    for (auto it = hook.headers.cbegin(); it != hook.headers.cend(); ++it)
        headers.insert(it.key(), it.value());
    const QJsonObject line { { QStringLiteral("name"), hook.name },
                             { QStringLiteral("headers"), headers },
                             { QStringLiteral("body"), QString::fromUtf8(hook.body) } };
    std::fprintf(stdout, "%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

// The hub's data, logs and TLS, before it listens. Returns the exit code on failure.
std::optional<int> setUpHub(SimulatedHub &hub, const Options &o)
{
    QString error;
    if (!o.scenario.isEmpty() && !hub.loadScenarioFile(o.scenario, &error)) {
        std::fprintf(stderr, "hubhook-simulator: bad scenario: %s\n", qPrintable(error));
        return 2;
    }
    if (o.verbose)
        logRequests(&hub, "");
    if (o.hooksLog)
        QObject::connect(&hub, &SimulatedHub::webhookReceived, &hub, printHook);
    if (o.tls && !hub.enableTls(&error)) {
        std::fprintf(stderr, "hubhook-simulator: --tls: %s\n", qPrintable(error));
        return 1;
    }
    return std::nullopt;
}

void setUpGitHub(SimulatedGitHub &github, const Options &o)
{
    if (o.githubRepos > 0)
        github.generateRepositories(QStringLiteral("acme-gh"), o.githubRepos);
    else if (o.demoSpeed == 0) // the demo loads its own
        github.loadDemo();
    if (o.verbose)
        logRequests(&github, "github: ");
}

// The URLs, once listening: plain lines, or one JSON line with --json.
void announce(const SimulatedHub &hub, const SimulatedGitHub &github, const Options &o,
              const QJsonObject &demo)
{
    if (o.json) {
        QJsonObject line { { QStringLiteral("dockerhub"), hub.baseUrl().toString() } };
        if (o.github)
            line.insert(QStringLiteral("github"), github.baseUrl().toString());
        if (!demo.isEmpty())
            line.insert(QStringLiteral("demo"), demo);
        std::fprintf(stdout, "%s\n",
                     QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    } else {
        std::fprintf(stdout, "%s\n", qPrintable(hub.baseUrl().toString()));
        if (o.github)
            std::fprintf(stdout, "github: %s\n", qPrintable(github.baseUrl().toString()));
    }
    std::fflush(stdout);
}

// Listens on loopback; says which one could not.
bool listenOnLoopback(SimulatedHub &hub, SimulatedGitHub &github, const Options &o)
{
    if (hub.listen(o.port) == 0) {
        std::fprintf(stderr, "hubhook-simulator: cannot listen on 127.0.0.1:%u\n", o.port);
        return false;
    }
    if (o.github && github.listen() == 0) {
        std::fprintf(stderr, "hubhook-simulator: cannot listen for --github\n");
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("hubhook-simulator"));
#ifdef HUBHOOK_VERSION
    QCoreApplication::setApplicationVersion(QStringLiteral(HUBHOOK_VERSION));
#endif
    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Simulated Docker Hub on 127.0.0.1. Prints its base URL on one line "
                           "once listening. POST /hooks/NAME is a webhook receiver."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions(commandLineOptions());
    parser.process(app);
    Options o;
    if (!readOptions(parser, &o))
        return 2;

    SimulatedHub hub;
    SimulatedGitHub github;
    SimDemo demo(hub, github, o.demoSpeed);
    if (const std::optional<int> failed = setUpHub(hub, o))
        return *failed;
    setUpGitHub(github, o);
    QString error;
    if (o.demoSpeed > 0 && !demo.load(&error)) {
        std::fprintf(stderr, "hubhook-simulator: --demo: %s\n", qPrintable(error));
        return 1;
    }
    if (!listenOnLoopback(hub, github, o))
        return 1;
#ifdef Q_OS_UNIX
    installSignalHandlers(&app);
    if (o.untilStdinEof)
        quitAtEndOfInput(&app);
#endif
    if (o.demoSpeed > 0)
        demo.start();
    announce(hub, github, o, o.demoSpeed > 0 ? demo.description() : QJsonObject());
    const int code = app.exec();
    github.stop();
    hub.stop();
    return code;
}
