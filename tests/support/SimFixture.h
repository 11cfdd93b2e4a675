#pragma once

// Shared by the integration tests: a simulated Docker Hub on a loopback port chosen by the OS,
// and the real engine pointed at it.

#include "config/Config.h"
#include "engine/Engine.h"
#include "secrets/Secrets.h"
#include "simulator/SimulatedHub.h"

#include <memory>
#include <QSignalSpy>
#include <QTest>

namespace simfixture {

inline hubhook::Config configFor(const QUrl &base, const QList<hubhook::WatchConfig> &watches,
                                 const QString &username = {}, const QString &tokenSecret = {})
{
    hubhook::Config c;
    hubhook::AccountConfig a;
    a.name = QStringLiteral("hub");
    a.baseUrl = base;
    a.username = username;
    a.tokenSecret = tokenSecret;
    c.accounts.insert(a.name, a);
    c.watch = watches;
    c.requestTimeoutMs = 2000;
    return c;
}

inline hubhook::WatchConfig namespaceWatch(const QString &ns)
{
    hubhook::WatchConfig w;
    w.account = QStringLiteral("hub");
    w.ns = ns;
    return w;
}

inline hubhook::WatchConfig repositoryWatch(const QString &repository, const QStringList &tags = {})
{
    hubhook::WatchConfig w;
    w.account = QStringLiteral("hub");
    w.repository = repository;
    w.tags = tags;
    return w;
}

// Runs one sweep and returns its report; fails the test if none finishes within the deadline.
inline hubhook::SweepReport sweep(hubhook::Engine &engine, int timeoutMs = 30000)
{
    QSignalSpy spy(&engine, &hubhook::Engine::sweepFinished);
    engine.sweepNow();
    if (!spy.wait(timeoutMs))
        return {};
    return spy.takeFirst().at(0).value<hubhook::SweepReport>();
}

} // namespace simfixture
