#pragma once

#include "core/Build.h"

#include <QByteArray>
#include <QList>

namespace hubhook {

// The rows as a cctray feed (the XML that CCMenu, BuildNotify, Nevergreen and CruiseControl
// read): <Projects> with one <Project name activity lastBuildStatus lastBuildLabel
// lastBuildTime webUrl/> per row, names unique ("acme/web latest", "acme/api CI (main)"),
// lastBuildStatus Success, Failure (a failed build, a stale image), Exception (a build that
// waits for a person) or Unknown, activity Building, CheckingModifications (queued) or Sleeping,
// times in ISO 8601 with their offset. Pure: the same rows give the same bytes.
QByteArray cctrayXml(const QList<Build> &rows);

} // namespace hubhook
