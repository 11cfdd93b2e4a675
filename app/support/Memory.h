#pragma once

namespace hubhook {

// Hands the heap's free pages back to the system (glibc's malloc_trim; nothing elsewhere). A
// sweep parses hundreds of answers and frees them at once; without this the freed memory stays
// in the process's RSS until the next sweep reuses it. Called after each sweep and after the
// state is loaded: a few milliseconds, every few minutes.
void releaseFreeMemory();

// Keeps glibc's mmap threshold where it starts (128 KiB). By default every large block freed
// (a page of replies, the text of state.json) raises the threshold to its size, up to 32 MiB,
// and later blocks of that size come from the heap, between the records that live on. Measured
// with 10,000 repositories: the same RSS once the sweep is over, a peak (VmHWM) of 63.7 MiB
// instead of 63.6 to 69.6. Call it once, first thing in main() (nothing elsewhere).
void keepLargeBlocksApart();

} // namespace hubhook
