#pragma once

#include <QNetworkReply>
#include <QString>

namespace hubhook {

// A short description of a transport error that, unlike QNetworkReply::errorString(), never
// contains the URL (and so never a token in it).
QString describeNetworkError(QNetworkReply::NetworkError error);

} // namespace hubhook
