#pragma once

#include <memory>
#include <optional>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

class QLockFile;

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
    // The in-flight mark: set (and written) just before an attempt goes out, cleared with its
    // result. Found set by a later run, the attempt died with its process: it is retried.
    QDateTime sendingSince;
    State state = Pending;
    // Listing only (Outbox::damaged()): a record that could not be read, moved to corrupt/.
    bool damaged = false;
    QString damagedFile;

    QString key() const; // file-name-safe "id--target"
    QString stateName() const; // pending, delivered, failed (damaged for a damaged one)
    QJsonObject toJson() const;
    // Nothing for a record without id, target or body, or whose state is not one of the three
    // (*why then says what is wrong).
    static std::optional<Delivery> fromJson(const QJsonObject &o, QString *why = nullptr);
};

// The durable outbox: one JSON file per delivery under <state>/outbox, written atomically
// (temporary file, rename) before the first attempt and after every attempt; a new record is
// also fsynced, so that a crash, kill -9 or power cut never loses one. Delivered ones move to
// <state>/delivered (the last 1,000 to 1,100 are kept). Several processes may share it: an attempt
// holds a QLockFile on its record. Directories are 0700 and files 0600 whatever the umask.
// Records that cannot be read (truncated, an unknown state) are moved to outbox/corrupt with a
// warning naming the file, and listed by damaged().
class Outbox
{
public:
    // Creates the directories, tightens permissions of what is there, and removes lock files
    // and temporary files whose owner process is dead.
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
    // Records moved aside to corrupt/ (this run or earlier), as far as they can be told:
    // id and target from what is left of the JSON or from the file name; damaged is set.
    QList<Delivery> damaged() const;
    QString lockFilePath(const Delivery &d) const;
    // The record's lock (0600), or null when another live process holds it. A lock left by a
    // dead process is taken over.
    std::shared_ptr<QLockFile> tryLock(const Delivery &d) const;
    int removeStaleLocks() const; // lock files of dead processes; returns how many
    QStringList warnings() const { return m_warnings; } // corrupt records moved aside

    // Targets a receiver disabled with 410 Gone: name -> reason. When the file exists but
    // cannot be read, *unreadable is set (with a warning naming the file): which targets it
    // disabled is unknown, and it is left as it is for a person to fix or remove.
    QHash<QString, QString> disabledTargets(bool *unreadable = nullptr) const;
    bool setTargetDisabled(const QString &target, const QString &reason);
    bool enableTarget(const QString &target); // false when the file is unreadable
    QString disabledTargetsPath() const;

private:
    QList<Delivery> readDir(const QString &dir) const;
    void moveAside(const QString &dir, const QString &name, const QString &why) const;
    // sync: fsync the file before the rename (a new record must survive a power cut; an
    // update or a delivered mark is kill-safe without it, and a lost one means a retry).
    bool write(const QString &path, const Delivery &d, QString *error, bool sync) const;
    void pruneDelivered() const;
    void writeDisabled(const QHash<QString, QString> &targets) const;

    QString m_dir; // outbox
    QString m_doneDir; // delivered
    mutable QStringList m_warnings;
};

} // namespace hubhook
Q_DECLARE_METATYPE(hubhook::Delivery)
