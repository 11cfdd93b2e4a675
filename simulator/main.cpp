// hubhook-simulator: a simulated Docker Hub (and, with --github, a simulated GitHub Actions API)
// on loopback for tests, benchmarks and demos.
#include "SimulatedHub.h"
#include "github/SimulatedGitHub.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <cstdio>

#ifdef Q_OS_UNIX
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

} // namespace
#endif

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
    const QCommandLineOption portOption(QStringLiteral("port"),
                                        QStringLiteral("Port to listen on (0: any free port)."),
                                        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption scenarioOption(QStringLiteral("scenario"),
                                            QStringLiteral("Scenario JSON file to load."),
                                            QStringLiteral("FILE"));
    const QCommandLineOption verboseOption(QStringLiteral("verbose"),
                                           QStringLiteral("Log every request to stderr."));
    const QCommandLineOption tlsOption(
            QStringLiteral("tls"),
            QStringLiteral("Serve HTTPS with a fresh self-signed certificate (needs openssl)."));
    const QCommandLineOption hooksLogOption(
            QStringLiteral("hooks-log"),
            QStringLiteral("Print each webhook received at /hooks/NAME as one JSON line "
                           "{\"name\", \"headers\", \"body\"} to stdout."));
    const QCommandLineOption githubOption(
            QStringLiteral("github"),
            QStringLiteral("Also start a simulated GitHub REST API (Actions workflow runs) and "
                           "print \"github: URL\" on the next line."));
    const QCommandLineOption githubReposOption(
            QStringLiteral("github-repos"),
            QStringLiteral("Fill the simulated GitHub with N generated repositories under "
                           "\"acme-gh\" (0: a small demo set). Implies --github."),
            QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions({ portOption, scenarioOption, verboseOption, tlsOption, hooksLogOption,
                        githubOption, githubReposOption });
    parser.process(app);

    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        std::fprintf(stderr, "hubhook-simulator: invalid --port \"%s\"\n",
                     qPrintable(parser.value(portOption)));
        return 2;
    }

    const bool withGitHub = parser.isSet(githubOption) || parser.isSet(githubReposOption);
    bool reposOk = false;
    const int githubRepos = parser.value(githubReposOption).toInt(&reposOk);
    if (!reposOk || githubRepos < 0) {
        std::fprintf(stderr, "hubhook-simulator: invalid --github-repos \"%s\"\n",
                     qPrintable(parser.value(githubReposOption)));
        return 2;
    }

    SimulatedHub hub;
    if (parser.isSet(scenarioOption)) {
        QString error;
        if (!hub.loadScenarioFile(parser.value(scenarioOption), &error)) {
            std::fprintf(stderr, "hubhook-simulator: bad scenario: %s\n", qPrintable(error));
            return 2;
        }
    }
    if (parser.isSet(verboseOption)) {
        QObject::connect(&hub, &SimulatedHub::requestServed, &hub,
                         [](const SimRequest &request, int status) {
                             std::fprintf(stderr, "%s %s -> %d\n", qPrintable(request.method),
                                          qPrintable(request.path), status);
                         });
    }
    if (parser.isSet(hooksLogOption)) {
        QObject::connect(&hub, &SimulatedHub::webhookReceived, &hub, [](const SimWebhook &hook) {
            QJsonObject headers;
            for (auto it = hook.headers.cbegin(); it != hook.headers.cend(); ++it)
                headers.insert(it.key(), it.value());
            const QJsonObject line { { QStringLiteral("name"), hook.name },
                                     { QStringLiteral("headers"), headers },
                                     { QStringLiteral("body"), QString::fromUtf8(hook.body) } };
            std::fprintf(stdout, "%s\n",
                         QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
        });
    }
    if (parser.isSet(tlsOption)) {
        QString error;
        if (!hub.enableTls(&error)) {
            std::fprintf(stderr, "hubhook-simulator: --tls: %s\n", qPrintable(error));
            return 1;
        }
    }
    if (hub.listen(quint16(port)) == 0) {
        std::fprintf(stderr, "hubhook-simulator: cannot listen on 127.0.0.1:%u\n", port);
        return 1;
    }
#ifdef Q_OS_UNIX
    installSignalHandlers(&app);
#endif
    SimulatedGitHub github;
    if (withGitHub) {
        if (githubRepos > 0)
            github.generateRepositories(QStringLiteral("acme-gh"), githubRepos);
        else
            github.loadDemo();
        if (parser.isSet(verboseOption)) {
            QObject::connect(&github, &SimulatedGitHub::requestServed, &github,
                             [](const SimRequest &request, int status) {
                                 std::fprintf(stderr, "github: %s %s -> %d\n",
                                              qPrintable(request.method), qPrintable(request.path),
                                              status);
                             });
        }
        if (github.listen() == 0) {
            std::fprintf(stderr, "hubhook-simulator: cannot listen for --github\n");
            return 1;
        }
    }
    std::fprintf(stdout, "%s\n", qPrintable(hub.baseUrl().toString()));
    if (withGitHub)
        std::fprintf(stdout, "github: %s\n", qPrintable(github.baseUrl().toString()));
    std::fflush(stdout);
    const int code = app.exec();
    github.stop();
    hub.stop();
    return code;
}
