#pragma once

#include "config/Config.h"
#include "core/Build.h"
#include "providers/Provider.h"

#include <optional>

namespace hubhook {

// What the window's Rebuild does for a row without a configured trigger, as the row's provider
// says (ProviderPlugin::rowRebuild): pure; the engine fires it.
std::optional<RowRebuild> rowRebuild(const Config &config, const Build &row);

} // namespace hubhook
