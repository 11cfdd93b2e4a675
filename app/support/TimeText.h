#pragma once

#include <optional>
#include <QDateTime>
#include <QString>

namespace hubhook {

// Times and durations as text, both ways: what the APIs send, what the config holds, what the
// tables and messages show.

// ISO 8601 as the providers' APIs write it: "2018-04-24T13:34:33.654759Z", with any number of
// fraction digits (kept to milliseconds), "Z" or a "+02:00"/"+0200" offset, or none (read as UTC).
// Also accepts RFC 2822 ("Wed, 17 Sep 2014 08:26:22 +0000") used by some audit APIs.
// Returns an invalid QDateTime for anything else, and for a year outside
// kMinPlausibleYear..kMaxPlausibleYear ("17 Sep 200414" is a typo, not a time); the result is
// always in UTC.
QDateTime parseApiTime(const QString &text);

// The years Hubhook reads and writes: every time formatApiTime writes parses back equal.
constexpr int kMinPlausibleYear = 1970;
constexpr int kMaxPlausibleYear = 9999;
// Valid, and its UTC year within kMinPlausibleYear..kMaxPlausibleYear.
bool isPlausibleTime(const QDateTime &time);

// "2018-04-24T13:34:33.654Z": the form Hubhook writes. Empty for a time that is not
// isPlausibleTime() (invalid, or a year that would not read back).
QString formatApiTime(const QDateTime &time);

// What a time's text had below the millisecond, and how many fraction digits it wrote
// ("…:33.654759Z": micros 759, digits 6; "…:00Z": digits 0). Some APIs write microseconds; a
// payload in their format repeats a time as it was written, without keeping the text.
// digits -1: the provider sent null (the time itself then stands in for it).
struct TimeFraction
{
    qint16 micros = 0; // 0..999, below the millisecond
    qint8 digits = 3;
    bool operator==(const TimeFraction &o) const
    {
        return micros == o.micros && digits == o.digits;
    }
};
TimeFraction apiTimeFraction(QStringView text);
// formatApiTime with `fraction`'s digits (0 to 6); the same time as formatApiTime for 3.
QString formatApiTime(const QDateTime &time, TimeFraction fraction);

// Durations in config files: "90s", "5m", "1h30m", "2d", "500ms". No unit or a negative value is
// an error (std::nullopt), and so is a total above kMaxDurationMs (error OutOfRange). Returns
// milliseconds.
constexpr qint64 kMaxDurationMs = qint64(100) * 365 * 24 * 3600 * 1000; // 100 years
enum class DurationError { None, Syntax, OutOfRange };
std::optional<qint64> parseDuration(const QString &text, DurationError *error = nullptr);
QString formatDuration(qint64 ms); // "1h30m", "45s"

// "3m ago", "2h ago", "just now": for tables.
QString formatAge(const QDateTime &time, const QDateTime &now);

} // namespace hubhook
