#pragma once

// Shared by the libFuzzer harnesses (tests/fuzz/README.md): the input as Qt types, and a check
// that aborts (so libFuzzer keeps the input) when an invariant does not hold.
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include <QByteArray>
#include <QString>

namespace hubhook::fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

inline QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace hubhook::fuzz

#define FUZZ_CHECK(condition, what) \
    do { \
        if (!(condition)) { \
            std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s)\n", #condition, what); \
            std::abort(); \
        } \
    } while (false)
