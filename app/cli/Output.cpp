#include "cli/Output.h"

#include "support/TimeText.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hubhook {

QList<OutputRow> outputRows(const WatchState &state, const SweepReport &report)
{
    QList<OutputRow> rows;
    for (const RepoState &s : state.all()) {
        if (!report.repositories.contains(s.key()))
            continue;
        QList<Build> builds = s.builds;
        std::sort(builds.begin(), builds.end(),
                  [](const Build &a, const Build &b) { return a.tag < b.tag; });
        if (builds.isEmpty()) {
            OutputRow row { s.repository, Build(), s.error };
            row.build.repository = s.repository;
            row.noAutomatedBuilds = s.noAutomatedBuilds;
            rows.append(row);
        }
        for (const Build &b : builds)
            rows.append(OutputRow { s.repository, b, s.error });
    }
    for (const auto &[label, error] : report.watchErrors) {
        OutputRow row { label, Build(), error };
        row.build.repository = label;
        rows.append(row);
    }
    return rows;
}

namespace {

// The CAUSE column: a build's cause; an image's digest, limit and (for a glob) newest tag.
QString imageDetail(const Build &b)
{
    if (!b.image)
        return b.cause.isEmpty() ? QStringLiteral("-") : b.cause;
    QString text = QStringLiteral("digest ") + b.buildCode;
    if (!b.cause.isEmpty())
        text += QStringLiteral(", tag ") + b.cause;
    if (b.maxAgeMs > 0)
        text += QStringLiteral(", max age ") + formatDuration(b.maxAgeMs);
    return text;
}

} // namespace

QString formatTable(const QList<OutputRow> &rows, const QDateTime &now)
{
    const QStringList header { QStringLiteral("REPOSITORY"), QStringLiteral("TAG/WORKFLOW"),
                               QStringLiteral("STATUS"), QStringLiteral("AGE"),
                               QStringLiteral("CAUSE") };
    QList<QStringList> cells { header };
    QStringList errors;
    for (const OutputRow &r : rows) {
        const bool known = r.build.id != 0;
        QString status = known        ? buildStateName(r.build.state)
                : r.noAutomatedBuilds ? QStringLiteral("no automated builds")
                                      : QStringLiteral("-");
        if (known && r.build.image) // an image: fresh or stale, its digest and limit
            status = r.build.state == BuildState::Stale ? QStringLiteral("stale")
                                                        : QStringLiteral("fresh");
        if (known && r.build.state == BuildState::Unknown && r.build.workflow.isEmpty())
            status += QStringLiteral(" (%1)").arg(r.build.statusCode);
        if (!r.error.isEmpty())
            status += QStringLiteral(" !");
        // A workflow row: "Release (main)", its workflow and branch.
        const QString tag = !known           ? QStringLiteral("-")
                : r.build.workflow.isEmpty() ? r.build.tag
                                             : r.build.label().mid(r.build.repository.size() + 1);
        cells.append({ r.repository, tag, status,
                       known ? formatAge(r.build.updated, now) : QStringLiteral("-"),
                       imageDetail(r.build) });
        if (!r.error.isEmpty() && !errors.contains(r.error))
            errors.append(r.error);
    }
    QList<int> widths(header.size(), 0);
    for (const QStringList &line : cells) {
        for (int i = 0; i < line.size(); ++i)
            widths[i] = std::max(widths[i], int(line[i].size()));
    }
    QString out;
    for (const QStringList &line : cells) {
        QString text;
        for (int i = 0; i < line.size(); ++i)
            text += i + 1 < line.size() ? line[i].leftJustified(widths[i] + 2) : line[i];
        out += text + QLatin1Char('\n');
    }
    if (rows.isEmpty())
        out += QStringLiteral("(no repositories)\n");
    if (!errors.isEmpty()) {
        out += QStringLiteral("\n! errors:\n");
        for (const QString &e : errors)
            out += QStringLiteral("  %1\n").arg(e);
    }
    return out;
}

QString formatJson(const QList<OutputRow> &rows)
{
    QJsonArray array;
    for (const OutputRow &r : rows) {
        QJsonObject o = r.build.toJson();
        o.insert(QStringLiteral("repository"), r.repository);
        if (r.build.id == 0) {
            o.insert(QStringLiteral("tag"), QJsonValue::Null);
            o.insert(QStringLiteral("build_id"), QJsonValue::Null);
            o.insert(QStringLiteral("status_code"), QJsonValue::Null);
        }
        o.insert(QStringLiteral("error"),
                 r.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.error));
        if (r.build.id == 0)
            o.insert(QStringLiteral("automated_builds"), !r.noAutomatedBuilds);
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
}

} // namespace hubhook
