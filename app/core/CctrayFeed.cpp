#include "core/CctrayFeed.h"

#include <QSet>
#include <QXmlStreamWriter>

namespace hubhook {

namespace {

QString projectName(const Build &b)
{
    if (!b.workflow.isEmpty())
        return b.label(); // "acme/api CI (main)"
    return b.tag.isEmpty() ? b.repository : b.repository + QLatin1Char(' ') + b.tag;
}

QString lastBuildStatus(BuildState state)
{
    switch (state) {
    case BuildState::Success:
        return QStringLiteral("Success");
    case BuildState::Failed:
    case BuildState::Stale:
        return QStringLiteral("Failure");
    case BuildState::NeedsAttention:
        return QStringLiteral("Exception");
    default:
        return QStringLiteral("Unknown");
    }
}

QString activity(BuildState state)
{
    if (state == BuildState::Building)
        return QStringLiteral("Building");
    return state == BuildState::Queued ? QStringLiteral("CheckingModifications")
                                       : QStringLiteral("Sleeping");
}

// "2026-12-08T14:05:00.000+00:00": with its offset, as cctray readers parse it.
QString feedTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzz")) + QStringLiteral("+00:00");
}

} // namespace

QByteArray cctrayXml(const QList<Build> &rows)
{
    QByteArray out;
    QXmlStreamWriter xml(&out);
    xml.setAutoFormatting(true);
    xml.writeStartDocument();
    xml.writeStartElement(QStringLiteral("Projects"));
    QSet<QString> names;
    for (const Build &b : rows) {
        QString name = projectName(b);
        for (int n = 2; names.contains(name); ++n) // two accounts watching the same row
            name = projectName(b) + QStringLiteral(" #%1").arg(n);
        names.insert(name);
        xml.writeEmptyElement(QStringLiteral("Project"));
        xml.writeAttribute(QStringLiteral("name"), name);
        xml.writeAttribute(QStringLiteral("activity"), activity(b.state));
        xml.writeAttribute(QStringLiteral("lastBuildStatus"), lastBuildStatus(b.state));
        xml.writeAttribute(QStringLiteral("lastBuildLabel"),
                           b.buildCode.isEmpty() ? QString::number(b.id) : b.buildCode);
        const QDateTime when = b.updated.isValid() ? b.updated : b.created;
        if (when.isValid())
            xml.writeAttribute(QStringLiteral("lastBuildTime"), feedTime(when));
        if (!b.url.isEmpty())
            xml.writeAttribute(QStringLiteral("webUrl"), b.url);
    }
    xml.writeEndElement();
    xml.writeEndDocument();
    return out;
}

} // namespace hubhook
