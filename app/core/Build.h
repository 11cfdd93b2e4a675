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

// The fields of a build's JSON, in one place for every writer of it (Build::toJson, and
// state.json's fast text writer): `v` gets string(key, QString), nullable(key, QString: null
// when empty), integer(key, qint64) and time(key, QDateTime: null when invalid).
template<typename Visitor>
void visitBuildFields(const Build &b, Visitor &v)
{
    v.string("provider", b.provider);
    v.string("repository", b.repository);
    v.string("tag", b.tag);
    v.string("status", buildStateName(b.state));
    v.integer("status_code", b.statusCode);
    v.integer("build_id", b.id);
    v.nullable("build_code", b.buildCode);
    v.time("created", b.created);
    v.time("updated", b.updated);
    v.nullable("cause", b.cause);
    v.nullable("url", b.url);
}

// The newest build of each tag, newest first: what a table shows for one repository.
QList<Build> latestPerTag(const QList<Build> &history);

} // namespace hubhook
