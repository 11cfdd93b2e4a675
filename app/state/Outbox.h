#pragma once

#include <optional>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace hubhook {

// One webhook message for one target, from detection until it is delivered or given up.
struct Delivery
{
    enum State { Pending, Delivered, Failed };

    QString id; // the webhook-id: the event's id, the same on every retry
    QString target; // webhook target name
    QString eventType;
    QString summary; // one line, for `deliveries list`
    QByteArray body; // rendered once: every retry sends the same bytes
    QDateTime created;
    int attempts = 0;
    int lastStatus = 0; // HTTP status of the last attempt, 0 if none came
    QString lastError; // why the last attempt failed
    QDateTime lastAttempt;
    QDateTime nextAttempt;
    State state = Pending;

    QString key() const; // file-name-safe "id--target"
    QString stateName() const; // pending, delivered, failed
    QJsonObject toJson() const;
    static std::optional<Delivery> fromJson(const QJsonObject &o);
};

// The durable outbox: one JSON file per delivery under <state>/outbox, written with QSaveFile
// (write, fsync, rename) before the first attempt and after every attempt, so that a crash,
// kill -9 or power cut never loses one; delivered ones move to <state>/delivered (the last
// 1,000 are kept). Several processes may share it: an attempt holds a QLockFile on its record.
class Outbox
{
public:
    explicit Outbox(const QString &stateDir);

    // Adds a new delivery. False (and nothing written) when one with the same key exists,
    // pending or delivered: a re-detected event is not sent twice.
    bool add(const Delivery &d, QString *error);
    bool update(const Delivery &d, QString *error);
    bool markDelivered(const Delivery &d, QString *error);

    std::optional<Delivery> load(const QString &key) const;
    QList<Delivery> pending() const; // pending and failed, oldest first
    QList<Delivery> delivered() const; // newest first
    // Matches a full id, a key, or a unique prefix of either, among pending/failed/delivered.
    QList<Delivery> findById(const QString &idOrPrefix) const;
    QString lockFilePath(const Delivery &d) const;
    QStringList warnings() const { return m_warnings; } // corrupt records moved aside

    // Targets a receiver disabled with 410 Gone: name -> reason.
    QHash<QString, QString> disabledTargets() const;
    void setTargetDisabled(const QString &target, const QString &reason);
    void enableTarget(const QString &target);

private:
    QList<Delivery> readDir(const QString &dir) const;
    bool write(const QString &path, const Delivery &d, QString *error) const;
    void pruneDelivered() const;
    void writeDisabled(const QHash<QString, QString> &targets) const;

    QString m_dir; // outbox
    QString m_doneDir; // delivered
    mutable QStringList m_warnings;
};

} // namespace hubhook
Q_DECLARE_METATYPE(hubhook::Delivery)
