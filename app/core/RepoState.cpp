#include "core/RepoState.h"

#include <algorithm>

namespace hubhook {

bool RepoState::hasActiveBuild() const
{
    return std::any_of(builds.begin(), builds.end(),
                       [](const Build &b) { return isActive(b.state); });
}

} // namespace hubhook
