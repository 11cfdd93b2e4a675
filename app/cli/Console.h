#pragma once

#include <QString>

namespace hubhook {

// Unbuffered, UTF-8 writes to standard output and standard error for the command line.
void printOut(const QString &text);
void printErr(const QString &text);

} // namespace hubhook
