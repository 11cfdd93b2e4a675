#pragma once

#include <QIdentityProxyModel>

namespace hubhook {

// Adds what needs QtGui to the engine's BuildTableModel: a status icon and colour in the
// Status column.
class StatusDecorations : public QIdentityProxyModel
{
    Q_OBJECT
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role) const override;
};

} // namespace hubhook
