#pragma once

#include <functional>
#include <QDateTime>

namespace hubhook {

// The one source of "now" for the engine and the UI (UTC). Tests of time-dependent behaviour
// replace it (ScopedClock) instead of needing hooks in each class.
class Clock
{
public:
    static QDateTime now();
    static qint64 nowMs() { return now().toMSecsSinceEpoch(); }
    // Replaces the source of now(); an empty function restores the system clock.
    static void set(std::function<QDateTime()> source);
};

// Sets a clock for the lifetime of a test scope, then restores the system clock.
class ScopedClock
{
public:
    explicit ScopedClock(std::function<QDateTime()> source) { Clock::set(std::move(source)); }
    ~ScopedClock() { Clock::set({}); }
    ScopedClock(const ScopedClock &) = delete;
    ScopedClock &operator=(const ScopedClock &) = delete;
};

} // namespace hubhook
