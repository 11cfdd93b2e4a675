#include "support/Clock.h"

namespace hubhook {

namespace {
std::function<QDateTime()> &source()
{
    static std::function<QDateTime()> s;
    return s;
}
} // namespace

QDateTime Clock::now()
{
    const auto &s = source();
    return s ? s().toUTC() : QDateTime::currentDateTimeUtc();
}

void Clock::set(std::function<QDateTime()> s) { source() = std::move(s); }

} // namespace hubhook
