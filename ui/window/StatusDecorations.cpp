#include "ui/window/StatusDecorations.h"

#include "models/BuildTableModel.h"
#include "ui/tray/TrayIcon.h"

#include <QColor>
#include <QIcon>

namespace hubhook {

QVariant StatusDecorations::data(const QModelIndex &index, int role) const
{
    if (index.column() != BuildTableModel::StatusColumn
        || (role != Qt::DecorationRole && role != Qt::ForegroundRole))
        return QIdentityProxyModel::data(index, role);
    const QVariant status = QIdentityProxyModel::data(index, BuildTableModel::StatusRole);
    if (!status.isValid())
        return {};
    OverallStatus look = OverallStatus::NotConfigured;
    QColor colour;
    switch (BuildState(status.toInt())) {
    case BuildState::Success:
        look = OverallStatus::Ok;
        colour = QColor(0x2e, 0x9d, 0x4b);
        break;
    case BuildState::Failed:
        look = OverallStatus::Failing;
        colour = QColor(0xd1, 0x33, 0x2e);
        break;
    case BuildState::Stale: // an image not pushed within its max_age: a failure to publish
        look = OverallStatus::Failing;
        colour = QColor(0xc2, 0x5b, 0x12);
        break;
    case BuildState::Building:
        look = OverallStatus::Building;
        colour = QColor(0x2f, 0x74, 0xc0);
        break;
    case BuildState::Queued:
    case BuildState::NeedsAttention:
        look = OverallStatus::Queued;
        colour = QColor(0xd9, 0x8a, 0x12);
        break;
    case BuildState::Cancelled:
    case BuildState::Skipped:
    case BuildState::Unknown:
        look = OverallStatus::Paused;
        colour = QColor(0x6b, 0x6f, 0x76);
        break;
    }
    if (role == Qt::ForegroundRole)
        return colour;
    static QHash<int, QIcon> icons;
    auto it = icons.find(int(look));
    if (it == icons.end())
        it = icons.insert(int(look), QIcon(trayIconPath(look)));
    return *it;
}

} // namespace hubhook
