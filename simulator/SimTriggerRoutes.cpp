// Remote build triggers: the URL-secret forms and the authenticated autobuild form.
#include "SimulatedHub.h"

#include "SimJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

namespace {

SimHttpResponse notFound() { return SimHttpWire::detail(404, QStringLiteral("Object not found")); }

SimHttpResponse state(int status)
{
    return SimHttpWire::json(
            status,
            QJsonDocument(QJsonObject { { QStringLiteral("state"), QStringLiteral("Success") } }));
}

} // namespace

QString SimulatedHub::queueTriggeredBuild(const QString &fullName, const QString &tag)
{
    ++m_triggerCounts[fullName];
    SimRepository *repo = m_store.repository(fullName);
    if (!repo)
        return {};
    QString code;
    if (const SimBuild *pending = SimStore::pendingBuild(*repo, tag)) {
        code = pending->buildCode; // already queued or building: accepted, ignored
    } else {
        SimBuild build;
        build.status = 0;
        build.tag = tag;
        build.cause = QStringLiteral("TRIGGERED_VIA_API");
        build.buildCode = SimStore::newBuildCode();
        code = build.buildCode;
        const qint64 id = m_store.addBuild(fullName, build, false);
        if (m_runStartMs >= 0) {
            const int finishMs = m_runFinishMs, status = m_runStatus;
            QTimer::singleShot(m_runStartMs, this, [this, fullName, id, finishMs, status] {
                setBuildStatus(fullName, id, 2);
                QTimer::singleShot(finishMs, this, [this, fullName, id, status] {
                    setBuildStatus(fullName, id, status, true); // the push moves last_updated
                });
            });
        }
    }
    Q_EMIT triggered(fullName, tag);
    return code;
}

void SimulatedHub::setTriggeredBuildRun(int startAfterMs, int finishAfterMs, int finalStatus)
{
    m_runStartMs = std::max(0, startAfterMs);
    m_runFinishMs = std::max(0, finishAfterMs);
    m_runStatus = finalStatus;
}

namespace {

// The tag a remote trigger body asks for; false if the body is not a JSON object.
bool triggerTag(const QByteArray &body, QString *tag)
{
    QJsonObject o;
    if (!SimJson::objectBody(body, &o))
        return false;
    *tag = o.value(QLatin1String("docker_tag")).toString();
    if (tag->isEmpty())
        *tag = o.value(QLatin1String("source_name")).toString();
    if (tag->isEmpty())
        *tag = QStringLiteral("latest");
    return true;
}

} // namespace

SimHttpResponse SimulatedHub::triggerByUuid(const Call &call, const QString &source,
                                            const QString &trigger)
{
    const QString fullName = m_triggerUuids.value(source + QLatin1Char('/') + trigger);
    if (fullName.isEmpty() || !m_store.repository(fullName))
        return notFound();
    QString tag;
    if (!triggerTag(call.request.body, &tag))
        return SimHttpWire::detail(400, QStringLiteral("JSON parse error"));
    queueTriggeredBuild(fullName, tag);
    return state(202);
}

SimHttpResponse SimulatedHub::triggerByToken(const Call &call, const QString &ns,
                                             const QString &name, const QString &token)
{
    const QString fullName = ns + QLatin1Char('/') + name;
    if (m_triggerTokens.value(token) != fullName || !m_store.repository(fullName))
        return notFound();
    QString tag;
    if (!triggerTag(call.request.body, &tag))
        return SimHttpWire::detail(400, QStringLiteral("JSON parse error"));
    queueTriggeredBuild(fullName, tag);
    return state(200);
}

SimHttpResponse SimulatedHub::autobuildTrigger(const Call &call, const QString &ns,
                                               const QString &name)
{
    if (call.user.isEmpty())
        return SimHttpWire::detail(401,
                                   QStringLiteral("Authentication credentials were not provided."));
    const SimRepository *repo = visibleRepository(call, ns, name);
    if (!repo)
        return notFound();
    if (!m_auth.mayRead(call.user, ns))
        return SimHttpWire::detail(
                403, QStringLiteral("You do not have permission to perform this action."));
    QJsonObject body;
    if (!SimJson::objectBody(call.request.body, &body))
        return SimHttpWire::detail(400, QStringLiteral("JSON parse error"));
    const QString sourceType
            = body.value(QLatin1String("source_type")).toString(QStringLiteral("Branch"));
    const QString sourceName
            = body.value(QLatin1String("source_name")).toString(QStringLiteral("master"));
    // Docker Hub's default build rules: a branch builds "latest", a tag builds its own name.
    const QString tag = sourceType == QLatin1String("Tag") && !sourceName.isEmpty()
            ? sourceName
            : QStringLiteral("latest");
    const QString code = queueTriggeredBuild(repo->fullName(), tag);
    const QJsonObject entry { { QStringLiteral("source_type"), sourceType },
                              { QStringLiteral("source_name"), sourceName },
                              { QStringLiteral("evaluated_tag_name"), tag },
                              { QStringLiteral("build_code"), code },
                              { QStringLiteral("msg"), QStringLiteral("Build submitted") },
                              { QStringLiteral("queued_for_retry"), false } };
    return SimHttpWire::json(200, QJsonDocument(QJsonArray { entry }));
}
