#include "engine/RowRebuild.h"

namespace hubhook {

std::optional<RowRebuild> rowRebuild(const Config &config, const Build &row)
{
    const ProviderPlugin *p = providerPlugin(row.provider);
    return p ? p->rowRebuild(config, row) : std::nullopt;
}

} // namespace hubhook
