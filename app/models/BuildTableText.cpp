// The words of the build table: BuildTableModel's static text helpers (statuses, tags,
// providers, workflow run and image details), also used by the tray menu.
#include "models/BuildTableModel.h"

#include "core/ProviderInfo.h"
#include "support/TimeText.h"

namespace hubhook {

int BuildTableModel::statusSeverity(BuildState state)
{
    switch (state) {
    case BuildState::Failed:
        return FailedSeverity;
    case BuildState::Stale:
        return StaleSeverity;
    case BuildState::NeedsAttention:
        return NeedsAttentionSeverity;
    case BuildState::Cancelled:
        return CancelledSeverity;
    case BuildState::Skipped:
        return SkippedSeverity;
    case BuildState::Queued:
        return QueuedSeverity;
    case BuildState::Building:
        return BuildingSeverity;
    case BuildState::Success:
        return SuccessSeverity;
    case BuildState::Unknown:
        break;
    }
    return UnknownSeverity;
}

bool BuildTableModel::isWorkflowRun(const Build &b) { return !b.workflow.isEmpty(); }

QString BuildTableModel::tagText(const Build &b)
{
    if (b.image) // a glob shows its newest match: "v1.* → v1.2"
        return b.cause.isEmpty() || b.cause == b.tag ? b.tag
                                                     : b.tag + QStringLiteral(" → ") + b.cause;
    if (!isWorkflowRun(b))
        return b.tag;
    const QString name = b.workflowName.isEmpty() ? b.workflow : b.workflowName;
    return b.branch.isEmpty() ? name : name + QStringLiteral(" · ") + b.branch;
}

QString BuildTableModel::statusText(BuildState state)
{
    switch (state) {
    case BuildState::NeedsAttention:
        return tr("waits for approval");
    case BuildState::Skipped:
        return tr("skipped");
    default:
        return buildStateName(state);
    }
}

QString BuildTableModel::statusText(const Build &b)
{
    if (b.image && b.state == BuildState::Success)
        return tr("fresh");
    return statusText(b.state);
}

QString BuildTableModel::providerText(const Build &b)
{
    const ProviderInfo *p = providerInfo(b.provider);
    if (b.image && p && !p->registryName().isEmpty())
        return p->registryName();
    return providerName(b.provider);
}

QString BuildTableModel::imageDetail(const Build &b)
{
    QString text = tr("digest %1").arg(b.buildCode.isEmpty() ? b.digest : b.buildCode);
    if (b.maxAgeMs > 0)
        text += QStringLiteral(" · ") + tr("max age %1").arg(formatDuration(b.maxAgeMs));
    return text;
}

QString BuildTableModel::imageDetails(const Build &b)
{
    QStringList lines;
    lines.append(tr("Digest %1").arg(b.digest.isEmpty() ? QStringLiteral("-") : b.digest));
    lines.append(
            tr("Last push %1")
                    .arg(b.updated.isValid() ? formatApiTime(b.updated) : QStringLiteral("-")));
    if (b.tag != b.cause && !b.cause.isEmpty())
        lines.append(tr("Newest tag matching %1: %2").arg(b.tag, b.cause));
    lines.append(b.maxAgeMs > 0 ? tr("Max age %1").arg(formatDuration(b.maxAgeMs))
                                : tr("No age limit"));
    return lines.join(QLatin1Char('\n'));
}

QString BuildTableModel::providerName(const QString &provider)
{
    return providerDisplayName(provider);
}

QString BuildTableModel::workflowRunDetails(const Build &b)
{
    QStringList lines;
    const QString run = b.buildCode.isEmpty() ? QString::number(b.id) : b.buildCode;
    lines.append(
            tr("Workflow %1 (%2), run %3, attempt %4")
                    .arg(b.workflowName.isEmpty() ? b.workflow : b.workflowName, b.workflow, run)
                    .arg(b.attempt));
    if (!b.branch.isEmpty())
        lines.append(tr("Branch %1").arg(b.branch));
    if (!b.commit.isEmpty())
        lines.append(tr("Commit %1").arg(b.commit.left(12)));
    if (!b.actor.isEmpty())
        lines.append(tr("Started by %1").arg(b.actor));
    if (!b.event.isEmpty())
        lines.append(tr("Event %1").arg(b.event));
    return lines.join(QLatin1Char('\n'));
}

} // namespace hubhook
