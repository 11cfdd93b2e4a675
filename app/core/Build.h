#pragma once

#include "core/BuildState.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace hubhook {

// One build as Hubhook sees it, whatever the provider.
struct Build
{
    QString provider = QStringLiteral("dockerhub");
    QString repository; // "namespace/name"
    QString tag;
    BuildState state = BuildState::Unknown;
    int statusCode = 0; // the provider's raw code, kept for payloads and for unknown states
    qint64 id = 0;
    QString buildCode;
    QDateTime created;
    QDateTime updated;
    QString cause; // empty when the provider sent null
    QString url; // the build's page for humans
    // The provider's own record, verbatim (Docker Hub's build-history result): payloads that
    // must match the provider's format field for field are rendered from it.
    QJsonObject raw;

    // The form used by `--json` output; the state file adds `raw`.
    QJsonObject toJson() const;
    static Build fromJson(const QJsonObject &object);

    bool operator==(const Build &other) const;
    bool operator!=(const Build &other) const { return !(*this == other); }
};

// The newest build of each tag, newest first: what a table shows for one repository.
QList<Build> latestPerTag(const QList<Build> &history);

} // namespace hubhook
