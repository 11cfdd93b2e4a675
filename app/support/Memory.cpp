#include "support/Memory.h"

#include <cstdlib> // defines __GLIBC__ (through <features.h>) with the C library of glibc

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace hubhook {

void releaseFreeMemory()
{
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

void keepLargeBlocksApart()
{
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 128 * 1024); // a fixed value also stops the dynamic adjustment
#endif
}

} // namespace hubhook
