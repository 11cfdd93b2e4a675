#pragma once

#include <QObject>

class QLocalServer;

namespace hubhook {

// One Hubhook per user and config: the first instance listens on a local socket; a second
// launch tells it to come forward and exits.
class SingleInstance : public QObject
{
    Q_OBJECT
public:
    SingleInstance(const QString &configPath, QObject *parent = nullptr);
    // True for the first instance (now listening); false when another one answered.
    bool claim();
    QString socketName() const { return m_name; }

Q_SIGNALS:
    void activated(); // a second launch asked this one to come forward

private:
    QString m_name;
    QLocalServer *m_server = nullptr;
};

} // namespace hubhook
