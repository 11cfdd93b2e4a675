// A simulated Docker Hub over real HTTP/1.1 on loopback, for integration tests, benchmarks and
// the demo mode. Responses are written as raw bytes so that faults and delays are exact.
#pragma once

#include "SimAuth.h"
#include "SimHooks.h"
#include "SimRateLimiter.h"
#include "SimServer.h"
#include "SimStore.h"

#include <QHash>
#include <QJsonObject>
#include <QPair>
#include <QUrlQuery>

struct SimScenario;

// Listening (HTTP or HTTPS on 127.0.0.1), faults, latency and the request log are SimServer's.
class SimulatedHub : public SimServer
{
    Q_OBJECT
public:
    explicit SimulatedHub(QObject *parent = nullptr);
    ~SimulatedHub() override;

    bool loadScenario(const QJsonObject &scenario, QString *error);
    bool loadScenarioFile(const QString &path, QString *error); // error names file and JSON path

    // data
    void addNamespace(const QString &ns);
    void addRepository(const QString &ns, const QString &name, bool isPrivate = false,
                       const QString &owner = {});
    // repo-0001.. each with one successful "latest" build
    void generateRepositories(const QString &ns, int count,
                              const QString &prefix = QStringLiteral("repo"));
    // id 0 => auto id; created/updated invalid => now; returns id (0 if the repository is
    // unknown). touchRepository bumps the repo's last_updated to now.
    qint64 addBuild(const QString &fullName, SimBuild build, bool touchRepository = true);
    // updates build.updated = now
    bool setBuildStatus(const QString &fullName, qint64 buildId, int status,
                        bool touchRepository = false);
    void touchRepository(const QString &fullName); // last_updated = now (a push)
    QList<SimBuild> builds(const QString &fullName) const; // newest first
    // Sets a tag as GET .../tags answers it. digest "" => generated ("sha256:" + 64 hex), a new
    // one for every push at another time; withTopLevelDigest false: the tag's JSON has no
    // top-level "digest" (as old tags), only images[0].digest.
    void setTag(const QString &fullName, const QString &tag, const QDateTime &lastPushed,
                const QString &digest = {}, bool withTopLevelDigest = true);
    // setTag(now) with a new digest, and the repository's last_updated = now (a real push)
    void pushTag(const QString &fullName, const QString &tag);
    QList<SimTag> tags(const QString &fullName) const; // newest push first

    // auth
    void addUser(const QString &username, const QString &password,
                 const QStringList &accessTokens = {}, const QStringList &namespaces = {});
    void setTokenLifetime(int seconds); // JWT lifetime (default 600)
    void expireAllTokens(); // every issued JWT now answers 401

    // triggers
    QString addTriggerToken(const QString &fullName); // for /u/{ns}/{repo}/trigger/{token}/
    QPair<QString, QString> addTriggerUuid(const QString &fullName); // (sourceUuid, triggerUuid)
    // A triggered build starts (status 2, building) startAfterMs after it was queued and ends
    // with finalStatus finishAfterMs later, as a real one would. By default it stays queued.
    void setTriggeredBuildRun(int startAfterMs, int finishAfterMs, int finalStatus = 10);
    // Before loadScenario(): the timeline's "after" times are multiplied by this (the demo's
    // --demo-speed shortens them).
    void setTimeScale(double factor) { m_timeScale = factor; }

    // limits (faults and latency: SimServer)
    void setRateLimit(int limitPerWindow, int windowSeconds = 60); // 0 disables (default)
    void setPageSizeMax(int max); // default 100

    // observation (requestCount() and requests(): SimServer)
    void resetCounts();
    int triggerCount(const QString &fullName) const; // accepted trigger calls (incl. ignored)

    // webhook receiver: every POST /hooks/{name}[/...] is recorded (faulted ones too) and
    // answered 200 {"ok": true} or the receiver's canned response. Hook requests skip the
    // Docker Hub rate limit and authentication; faults and latency apply as to any route.
    QUrl hookUrl(const QString &name) const; // baseUrl() + "/hooks/" + name
    // Content-Type comes from headers, else JSON if body starts with { or [, else text/plain.
    void setHookResponse(const QString &name, int status, const QByteArray &body = {},
                         const QHash<QByteArray, QByteArray> &headers = {});
    void clearHookResponse(const QString &name);
    QList<SimWebhook> webhooks(const QString &name = {}) const; // all when empty, arrival order
    int webhookCount(const QString &name = {}) const;
    void clearWebhooks(); // resetCounts() leaves webhooks alone

Q_SIGNALS:
    void triggered(const QString &fullName, const QString &tag);
    void webhookReceived(const SimWebhook &hook); // status 0: hang or reset

protected:
    // the pipeline's Docker Hub parts (SimHubPipeline.cpp)
    std::unique_ptr<Exchange> exchange(const SimRequest &request) override;
    SimHttpResponse tooManyRequests(int retryAfterSeconds) const override;
    SimHttpResponse limitExhausted(qint64 resetUnix) const override;
    SimHttpResponse errorAnswer(int status, const QString &message) const override;
    SimHttpResponse htmlErrorPage(int status) const override;
    SimHttpResponse malformedJson() const override;
    SimHttpResponse notFoundAnswer() const override;

private:
    // One request on its way through the routes. Docker Hub's rate limit is counted when it
    // arrives; the webhook receivers stand for other services and skip it.
    struct Call : Exchange
    {
        Call(SimulatedHub &hub, const SimRequest &request);
        SimHttpResponse respond() override { return hub.respond(*this); }
        SimHttpResponse answer() override; // 429 when the rate limit is spent
        void finish(SimHttpResponse &response) override; // rate headers; records a webhook

        SimulatedHub &hub;
        QStringList segments;
        QUrlQuery query;
        QString user; // authenticated username, empty if anonymous
        QString hook; // receiver name for POST /hooks/{name}[/...], else empty
        SimRateLimiter::Hit rate;
    };

    void applyScenario(const SimScenario &scenario);
    void runTimeline(const SimScenario &scenario);
    SimHttpResponse respond(Call &call);
    void recordHook(const Call &call, int status); // records and announces a webhook

    // routes (SimRoutes.cpp)
    SimHttpResponse route(Call &call);
    SimHttpResponse login(const Call &call);
    SimHttpResponse authToken(const Call &call);
    SimHttpResponse listRepositories(const Call &call, const QString &ns, bool legacy);
    SimHttpResponse getRepository(const Call &call, const QString &ns, const QString &name,
                                  bool legacy);
    SimHttpResponse buildHistory(const Call &call, const QString &ns, const QString &name,
                                 const QString &buildCode);
    SimHttpResponse tags(const Call &call, const QString &ns, const QString &name,
                         const QString &tag);
    SimHttpResponse triggerByUuid(const Call &call, const QString &source, const QString &trigger);
    SimHttpResponse triggerByToken(const Call &call, const QString &ns, const QString &name,
                                   const QString &token);
    SimHttpResponse autobuildTrigger(const Call &call, const QString &ns, const QString &name);
    SimHttpResponse page(const Call &call, const QList<QJsonObject> &items);
    const SimRepository *visibleRepository(const Call &call, const QString &ns,
                                           const QString &name) const;
    // Adds a queued build unless one is pending for the tag; returns that build's code.
    QString queueTriggeredBuild(const QString &fullName, const QString &tag);

    SimStore m_store;
    SimAuth m_auth;
    SimRateLimiter m_rateLimiter;
    SimHookReceiver m_hooks;
    QHash<QString, QString> m_triggerTokens; // token -> full name
    QHash<QString, QString> m_triggerUuids; // "source/trigger" -> full name
    QHash<QString, int> m_triggerCounts;
    int m_pageSizeMax = 100;
    double m_timeScale = 1.0;
    int m_runStartMs = -1; // -1: triggered builds stay queued
    int m_runFinishMs = 0;
    int m_runStatus = 10;
};
