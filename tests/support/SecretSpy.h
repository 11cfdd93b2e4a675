#pragma once

#include "secrets/Secrets.h"

#include <QElapsedTimer>
#include <QTest>

// Runs one asynchronous secret operation and waits for its callback, with a deadline.
inline hubhook::SecretResult
waitForSecret(const std::function<void(hubhook::SecretCallback)> &operation, int timeoutMs = 20000)
{
    hubhook::SecretResult result;
    bool done = false;
    operation([&](const hubhook::SecretResult &r) {
        result = r;
        done = true;
    });
    QElapsedTimer t;
    t.start();
    while (!done && t.elapsed() < timeoutMs)
        QTest::qWait(10);
    if (!done) {
        result.error = hubhook::SecretError::Other;
        result.message = QStringLiteral("test: no answer within the deadline");
    }
    return result;
}
