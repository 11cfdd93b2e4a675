#pragma once

#include "core/Detector.h"

#include <QString>

namespace hubhook {

// detector.json: the events already raised and the open failure streaks, so that each event is
// raised once across restarts. A corrupt file is moved aside and *warning set (recent events
// may then be sent again); a value that is not what Hubhook writes (an unreadable time, a build
// with an unknown status) is ignored, the rest loaded, and *warning set. False when *warning is.
bool loadDetectorState(const QString &path, DetectorState *state, QString *warning);
bool saveDetectorState(const QString &path, const DetectorState &state, QString *error);

} // namespace hubhook
