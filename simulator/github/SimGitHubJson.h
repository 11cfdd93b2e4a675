// JSON shapes of GitHub REST objects (repositories, workflows, workflow runs, errors).
#pragma once

#include "HttpWire.h"
#include "SimGitHubStore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

class SimGitHubJson
{
public:
    // "2026-12-01T09:00:00Z"
    static QString isoTime(const QDateTime &time);
    // {"message", "documentation_url"} as GitHub's errors carry them.
    static QJsonObject message(const QString &message, const QString &documentationUrl = {});
    static QString htmlUrl(const QString &path); // https://github.com/{path}

    // A JSON answer as GitHub sends it (application/json; charset=utf-8).
    static SimHttpResponse answer(int status, const QJsonDocument &document);
    static SimHttpResponse error(int status, const QString &message,
                                 const QString &documentationUrl = {});

    // api: the API base URL (with the path prefix, if any) for the "url" fields.
    static QJsonObject owner(const SimGhOwner &owner, const QUrl &api);
    static QJsonObject repository(const SimGhRepoRecord &repo, const SimGhOwner &owner,
                                  const QUrl &api);
    static QJsonObject workflow(const SimGhRepoRecord &repo, const SimGhWorkflow &workflow,
                                const QUrl &api);
    static QJsonObject run(const SimGhRepoRecord &repo, const SimGhRunRecord &run, const QUrl &api);
    static QJsonObject packageVersion(const SimGhPackage &package,
                                      const SimGhPackageVersion &version, bool organization,
                                      const QUrl &api);
};
