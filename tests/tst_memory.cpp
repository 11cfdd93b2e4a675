// support/Memory: releaseFreeMemory() hands the heap's free pages back to the system. It once
// compiled to nothing, unnoticed, because it tested __GLIBC__ before any header had defined it.
#include "support/Memory.h"

#include <cstdlib>
#include <cstring>
#include <unistd.h>
#include <vector>
#include <QFile>
#include <QTest>

class TestMemory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void releasesFreeHeapPages();
};

namespace {

qint64 residentKiB()
{
    QFile statm(QStringLiteral("/proc/self/statm"));
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    return statm.readAll().split(' ').value(1).toLongLong() * sysconf(_SC_PAGESIZE) / 1024;
}

} // namespace

void TestMemory::releasesFreeHeapPages()
{
#if !defined(__GLIBC__)
    QSKIP("glibc only: elsewhere releaseFreeMemory() does nothing");
#elif defined(__SANITIZE_ADDRESS__)
    QSKIP("AddressSanitizer's allocator is not glibc's heap");
#else
    if (residentKiB() < 0)
        QSKIP("no /proc/self/statm");
    // 32 MiB in blocks of 8 KiB (below the mmap threshold: from the heap), all freed but the
    // last, which keeps the top of the heap where it is: only releaseFreeMemory() can hand the
    // pages of the others back.
    constexpr int kBlocks = 4096;
    constexpr size_t kSize = 8192;
    std::vector<char *> blocks;
    for (int i = 0; i < kBlocks; ++i) {
        auto *p = static_cast<char *>(std::malloc(kSize));
        QVERIFY(p);
        std::memset(p, 1, kSize);
        blocks.push_back(p);
    }
    for (int i = 0; i + 1 < kBlocks; ++i)
        std::free(blocks[size_t(i)]);
    const qint64 before = residentKiB();
    hubhook::releaseFreeMemory();
    const qint64 after = residentKiB();
    std::free(blocks.back());
    QVERIFY2(before - after >= 16 * 1024,
             qPrintable(QStringLiteral("RSS %1 KiB before, %2 KiB after").arg(before).arg(after)));
#endif
}

QTEST_GUILESS_MAIN(TestMemory)
#include "tst_memory.moc"
