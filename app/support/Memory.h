#pragma once

namespace hubhook {

// Hands the heap's free pages back to the system (glibc's malloc_trim; nothing elsewhere). A
// sweep parses hundreds of answers and frees them at once; without this the freed memory stays
// in the process's RSS until the next sweep reuses it. Called after each sweep and after the
// state is loaded: a few milliseconds, every few minutes.
void releaseFreeMemory();

} // namespace hubhook
