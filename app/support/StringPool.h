#pragma once

#include <QString>

namespace hubhook {

// One shared copy of the strings that repeat across thousands of records (a tag "latest", a
// cause, an account or watch name, a branch): a QString read from JSON is a new allocation
// each time, and with 10,000 repositories the copies would outweigh the data. Only for values
// of few distinct kinds; after kMaxPooled distinct strings the pool stops growing and hands
// strings back as they are. Not thread-safe: the engine's thread only.
QString pooled(const QString &s);

} // namespace hubhook
