// The scenario file: users, namespaces, repositories, builds, faults and a timeline, parsed and
// validated up front so that a bad file changes nothing and its error names the JSON path.
#pragma once

#include "SimAuth.h"
#include "SimFaults.h"
#include "SimTypes.h"

#include <QJsonObject>
#include <QList>

struct SimScenarioTag
{
    QString name;
    QDateTime lastPushed;
    QString digest; // "" => generated
    bool topLevelDigest = true; // false: an old tag without a top-level "digest"
};

struct SimScenarioRepository
{
    QString name;
    bool isPrivate = false;
    QString owner;
    QString description;
    int starCount = -1; // -1 => keep the default
    qint64 pullCount = -1;
    bool hasLastUpdated = false; // absent => newest successful build, or null
    QDateTime lastUpdated; // invalid with hasLastUpdated => null
    QDateTime dateRegistered;
    QList<SimBuild> builds;
    bool hasTags = false; // absent => derived from successful builds
    QList<SimScenarioTag> tags;
    QString triggerToken;
    QString triggerSourceUuid;
    QString triggerUuid;
};

struct SimScenarioNamespace
{
    QString name;
    int generateCount = 0;
    QString generatePrefix = QStringLiteral("repo");
    QList<SimScenarioRepository> repositories;
};

struct SimTimelineEvent
{
    enum class Action { AddBuild, SetStatus, Touch, SetTag };

    qint64 afterMs = 0;
    QString repository; // "ns/name"
    Action action = Action::AddBuild;
    SimBuild build; // AddBuild
    qint64 buildId = 0; // SetStatus: 0 => the newest build
    int status = 0; // SetStatus
    bool touch = true; // AddBuild / SetStatus: bump last_updated (a push)
    QString tag; // SetTag
};

struct SimScenario
{
    QList<SimUser> users;
    int tokenLifetime = -1; // -1 => unchanged
    int rateLimit = -1;
    int rateWindow = 60;
    int latencyMs = -1;
    int pageSizeMax = -1;
    qint64 randomSeed = -1; // -1 => unchanged
    QList<SimScenarioNamespace> namespaces;
    QList<SimFault> faults;
    QList<SimTimelineEvent> timeline;

    // now anchors relative times such as "-90m".
    static bool parse(const QJsonObject &json, const QDateTime &now, SimScenario *scenario,
                      QString *error);
};
