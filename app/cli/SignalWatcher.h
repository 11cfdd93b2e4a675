#pragma once

#include <QObject>

class QSocketNotifier;

namespace hubhook {

// Turns SIGTERM, SIGINT and SIGHUP into a Qt signal through a self-pipe, so that a headless
// Hubhook stopped by systemd or Ctrl-C leaves the event loop and finishes its writes.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminate();

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace hubhook
