#include "support/StringPool.h"

#include <QSet>

namespace hubhook {

namespace {
constexpr qsizetype kMaxPooled = 4096;
constexpr qsizetype kMaxLength = 200; // longer ones are unlikely to repeat
} // namespace

QString pooled(const QString &s)
{
    static QSet<QString> pool;
    if (s.isEmpty() || s.size() > kMaxLength)
        return s;
    const auto it = pool.constFind(s);
    if (it != pool.constEnd())
        return *it;
    if (pool.size() >= kMaxPooled)
        return s;
    pool.insert(s);
    return s;
}

} // namespace hubhook
