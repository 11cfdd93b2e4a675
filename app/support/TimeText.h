#pragma once

#include <optional>
#include <QDateTime>
#include <QString>

namespace hubhook {

// Times and durations as text, both ways: what the APIs send, what the config holds, what the
// tables and messages show.

// ISO 8601 as Docker Hub and GitHub write it: "2018-04-24T13:34:33.654759Z", with any number of
// fraction digits (kept to milliseconds), "Z" or a "+02:00"/"+0200" offset, or none (read as UTC).
// Also accepts RFC 2822 ("Wed, 17 Sep 2014 08:26:22 +0000") used by Docker Hub's audit API.
// Returns an invalid QDateTime for anything else; the result is always in UTC.
QDateTime parseApiTime(const QString &text);

// "2018-04-24T13:34:33.654Z": the form Hubhook writes.
QString formatApiTime(const QDateTime &time);

// Durations in config files: "90s", "5m", "1h30m", "2d", "500ms". No unit or a negative value is
// an error (std::nullopt). Returns milliseconds.
std::optional<qint64> parseDuration(const QString &text);
QString formatDuration(qint64 ms); // "1h30m", "45s"

// "3m ago", "2h ago", "just now": for tables.
QString formatAge(const QDateTime &time, const QDateTime &now);

} // namespace hubhook
