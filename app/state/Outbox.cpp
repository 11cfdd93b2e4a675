#include "state/Outbox.h"

#include "support/Logging.h"
#include "support/TimeText.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLockFile>
#include <QRegularExpression>

#include <cerrno>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hubhook {

namespace {
constexpr int kKeepDelivered = 1000;
constexpr int kPruneSlack = 100;
const QString kSuffix = QStringLiteral(".json");
const QString kTmpMark = QStringLiteral(".tmp-");
constexpr QFile::Permissions kFileMode = QFile::ReadOwner | QFile::WriteOwner;
constexpr QFile::Permissions kDirMode = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

void makePrivateDir(const QString &path)
{
    QDir().mkpath(path);
    QFile::setPermissions(path, kDirMode);
}

bool processAlive(qint64 pid) { return pid > 0 && (::kill(pid_t(pid), 0) == 0 || errno == EPERM); }

// Writes `data` to `path` atomically: a 0600 temporary file beside it (named after this
// process, so that one left by a killed process can be told and removed), then rename().
bool writeFileAtomically(const QString &path, const QByteArray &data, bool sync)
{
    const QString tmp = path + kTmpMark + QString::number(::getpid());
    const QByteArray tmpName = QFile::encodeName(tmp);
    const int fd = ::open(tmpName.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    ::fchmod(fd, 0600); // an existing leftover keeps its mode otherwise
    qint64 done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            ::unlink(tmpName.constData());
            return false;
        }
        done += n;
    }
    const bool synced = !sync || ::fsync(fd) == 0;
    if (::close(fd) != 0 || !synced
        || ::rename(tmpName.constData(), QFile::encodeName(path).constData()) != 0) {
        ::unlink(tmpName.constData());
        return false;
    }
    return true;
}

// Tightens what an earlier version (or another umask) left readable, and removes temporary
// files of processes that died half way through a write.
void tidyDir(const QString &path)
{
    QFile::setPermissions(path, kDirMode);
    QDir dir(path);
    const QFileInfoList entries
            = dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QFileInfo &info : entries) {
        if (info.isDir()) {
            QFile::setPermissions(info.absoluteFilePath(), kDirMode);
            continue;
        }
        const QString name = info.fileName();
        const qsizetype tmp = name.lastIndexOf(kTmpMark);
        if (tmp > 0) {
            const qint64 pid = name.mid(tmp + kTmpMark.size()).toLongLong();
            if (!processAlive(pid) || pid == ::getpid()) {
                QFile::remove(info.absoluteFilePath());
                continue;
            }
        }
        if (info.permissions() & ~(kFileMode | QFile::ReadUser | QFile::WriteUser))
            QFile::setPermissions(info.absoluteFilePath(), kFileMode);
    }
}

QJsonValue timeValue(const QDateTime &t)
{
    return t.isValid() ? QJsonValue(formatApiTime(t)) : QJsonValue(QJsonValue::Null);
}
} // namespace

QString Delivery::key() const
{
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9_.-]"));
    QString t = target;
    t.replace(unsafe, QStringLiteral("_"));
    // The hash keeps two target names that sanitise alike ("a b", "a_b") apart.
    const QString h = QString::fromLatin1(
            QCryptographicHash::hash(target.toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    QString i = id;
    i.replace(unsafe, QStringLiteral("_"));
    return i + QStringLiteral("--") + t.left(40) + QLatin1Char('-') + h;
}

QString Delivery::stateName() const
{
    if (damaged)
        return QStringLiteral("damaged");
    switch (state) {
    case Pending:
        return QStringLiteral("pending");
    case Delivered:
        return QStringLiteral("delivered");
    case Failed:
        break;
    }
    return QStringLiteral("failed");
}

QJsonObject Delivery::toJson() const
{
    return {
        { QStringLiteral("id"), id },
        { QStringLiteral("target"), target },
        { QStringLiteral("event"), eventType },
        { QStringLiteral("summary"), summary },
        { QStringLiteral("body"), QString::fromUtf8(body) },
        { QStringLiteral("created"), timeValue(created) },
        { QStringLiteral("attempts"), attempts },
        { QStringLiteral("last_status"), lastStatus ? QJsonValue(lastStatus) : QJsonValue() },
        { QStringLiteral("last_error"),
          lastError.isEmpty() ? QJsonValue() : QJsonValue(lastError) },
        { QStringLiteral("last_attempt"), timeValue(lastAttempt) },
        { QStringLiteral("next_attempt"),
          state == Pending ? timeValue(nextAttempt) : QJsonValue() },
        { QStringLiteral("sending_since"), timeValue(sendingSince) },
        { QStringLiteral("state"), stateName() },
    };
}

std::optional<Delivery> Delivery::fromJson(const QJsonObject &o, QString *why)
{
    Delivery d;
    d.id = o.value(QStringLiteral("id")).toString();
    d.target = o.value(QStringLiteral("target")).toString();
    const QString state = o.value(QStringLiteral("state")).toString();
    if (d.id.isEmpty() || d.target.isEmpty() || !o.value(QStringLiteral("body")).isString()) {
        if (why)
            *why = QStringLiteral("no id, target or body (truncated?)");
        return std::nullopt;
    }
    // An unknown state is not taken for pending: that would send what may have been delivered.
    if (state != QLatin1String("pending") && state != QLatin1String("delivered")
        && state != QLatin1String("failed")) {
        if (why)
            *why = QStringLiteral("its state \"%1\" is not pending, delivered or failed")
                           .arg(state.left(40));
        return std::nullopt;
    }
    d.eventType = o.value(QStringLiteral("event")).toString();
    d.summary = o.value(QStringLiteral("summary")).toString();
    d.body = o.value(QStringLiteral("body")).toString().toUtf8();
    d.created = parseApiTime(o.value(QStringLiteral("created")).toString());
    d.attempts = o.value(QStringLiteral("attempts")).toInt();
    d.lastStatus = o.value(QStringLiteral("last_status")).toInt();
    d.lastError = o.value(QStringLiteral("last_error")).toString();
    d.lastAttempt = parseApiTime(o.value(QStringLiteral("last_attempt")).toString());
    d.nextAttempt = parseApiTime(o.value(QStringLiteral("next_attempt")).toString());
    d.sendingSince = parseApiTime(o.value(QStringLiteral("sending_since")).toString());
    d.state = state == QLatin1String("delivered") ? Delivered
            : state == QLatin1String("failed")    ? Failed
                                                  : Pending;
    return d;
}

Outbox::Outbox(const QString &stateDir)
    : m_dir(stateDir + QStringLiteral("/outbox")),
      m_doneDir(stateDir + QStringLiteral("/delivered"))
{
    makePrivateDir(m_dir);
    makePrivateDir(m_doneDir);
    tidyDir(m_dir);
    tidyDir(m_doneDir);
    for (const QString &corrupt :
         { m_dir + QStringLiteral("/corrupt"), m_doneDir + QStringLiteral("/corrupt") }) {
        if (QFileInfo::exists(corrupt))
            tidyDir(corrupt);
    }
    removeStaleLocks();
}

bool Outbox::write(const QString &path, const Delivery &d, QString *error, bool sync) const
{
    if (!writeFileAtomically(path, QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact),
                             sync)) {
        *error = QStringLiteral("%1: cannot write (disk full?)").arg(path);
        return false;
    }
    return true;
}

bool Outbox::add(const Delivery &d, QString *error)
{
    const QString name = d.key() + kSuffix;
    if (QFile::exists(m_dir + QLatin1Char('/') + name)
        || QFile::exists(m_doneDir + QLatin1Char('/') + name))
        return false;
    return write(m_dir + QLatin1Char('/') + name, d, error, true);
}

bool Outbox::update(const Delivery &d, QString *error)
{
    return write(m_dir + QLatin1Char('/') + d.key() + kSuffix, d, error, false);
}

bool Outbox::markDelivered(const Delivery &d, QString *error)
{
    Delivery done = d;
    done.state = Delivery::Delivered;
    done.sendingSince = QDateTime();
    // Written to delivered/ first, then removed from the outbox: a crash in between leaves
    // it in both; `add` refuses it and pending()/load() finish the move, so it is neither lost
    // nor sent again. Not fsynced: written the moment the 2xx is in, it keeps the window in
    // which a kill makes a duplicate short (a power cut may cost one: a duplicate, not a loss).
    if (!write(m_doneDir + QLatin1Char('/') + d.key() + kSuffix, done, error, false))
        return false;
    QFile::remove(m_dir + QLatin1Char('/') + d.key() + kSuffix);
    pruneDelivered();
    return true;
}

void Outbox::pruneDelivered() const
{
    QDir dir(m_doneDir);
    // Names only (no stat) on every call; sorting by time (a stat per file, per comparison) only
    // once the history is a hundred over its bound.
    if (dir.entryList(QDir::Files).size() <= kKeepDelivered + kPruneSlack)
        return;
    const QFileInfoList files
            = dir.entryInfoList({ QStringLiteral("*.json") }, QDir::Files, QDir::Time);
    for (int i = kKeepDelivered; i < files.size(); ++i)
        QFile::remove(files.at(i).absoluteFilePath());
}

std::optional<Delivery> Outbox::load(const QString &key) const
{
    const QString path = m_dir + QLatin1Char('/') + key + kSuffix;
    if (QFile::exists(m_doneDir + QLatin1Char('/') + key + kSuffix)) {
        QFile::remove(path); // delivered; a kill came before it left the outbox
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return Delivery::fromJson(QJsonDocument::fromJson(file.readAll()).object());
}

QList<Delivery> Outbox::readDir(const QString &path) const
{
    QList<Delivery> out;
    QDir dir(path);
    const bool outbox = path == m_dir;
    // Filtered by hand: a name filter compiles a regular expression on every scan.
    const QStringList names = dir.entryList(QDir::Files);
    for (const QString &name : names) {
        if (!name.endsWith(kSuffix))
            continue;
        if (outbox && QFile::exists(m_doneDir + QLatin1Char('/') + name)) {
            dir.remove(name); // delivered; a kill came before it left the outbox
            continue;
        }
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = file.readAll();
        file.close();
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
        QString why;
        const auto d = doc.isObject() ? Delivery::fromJson(doc.object(), &why) : std::nullopt;
        if (d) {
            out.append(*d);
            continue;
        }
        if (!doc.isObject())
            why = parseError.error != QJsonParseError::NoError
                    ? QStringLiteral("not JSON (%1; truncated?)").arg(parseError.errorString())
                    : QStringLiteral("not a JSON object");
        moveAside(path, name, why);
    }
    return out;
}

void Outbox::moveAside(const QString &path, const QString &name, const QString &why) const
{
    QDir dir(path);
    makePrivateDir(dir.filePath(QStringLiteral("corrupt")));
    QFile::remove(dir.filePath(QStringLiteral("corrupt/") + name));
    dir.rename(name, QStringLiteral("corrupt/") + name);
    const QString warning
            = QStringLiteral("%1 is not a readable delivery record (%2); moved it to %3/corrupt")
                      .arg(dir.filePath(name), why, path);
    qCWarning(lcState).noquote() << warning;
    m_warnings.append(warning);
}

QList<Delivery> Outbox::damaged() const
{
    static const QRegularExpression idRe(QStringLiteral(R"re("id"\s*:\s*"([^"\\]*))re"));
    static const QRegularExpression targetRe(QStringLiteral(R"re("target"\s*:\s*"([^"\\]*)")re"));
    static const QRegularExpression eventRe(QStringLiteral(R"re("event"\s*:\s*"([^"\\]*)")re"));
    QList<Delivery> out;
    for (const QString &base : { m_dir, m_doneDir }) {
        QDir dir(base + QStringLiteral("/corrupt"));
        const QFileInfoList files = dir.entryInfoList(QDir::Files, QDir::Time);
        for (const QFileInfo &info : files) {
            if (!info.fileName().endsWith(kSuffix))
                continue;
            QFile file(info.absoluteFilePath());
            const QByteArray head
                    = file.open(QIODevice::ReadOnly) ? file.read(64 * 1024) : QByteArray();
            const QString text = QString::fromUtf8(head);
            const QString stem = info.fileName().chopped(kSuffix.size());
            Delivery d;
            d.damaged = true;
            d.damagedFile = info.absoluteFilePath();
            d.state = Delivery::Failed;
            d.id = idRe.match(text).captured(1);
            if (d.id.isEmpty())
                d.id = stem.section(QStringLiteral("--"), 0, 0);
            d.target = targetRe.match(text).captured(1);
            if (d.target.isEmpty()) // the key's "name-hash8", sanitised
                d.target = stem.section(QStringLiteral("--"), 1)
                                   .chopped(std::min<qsizetype>(
                                           9, stem.section(QStringLiteral("--"), 1).size()));
            d.eventType = eventRe.match(text).captured(1);
            d.created = info.lastModified().toUTC();
            d.lastError = QStringLiteral("damaged record, moved to %1").arg(d.damagedFile);
            out.append(d);
        }
    }
    return out;
}

QList<Delivery> Outbox::pending() const
{
    QList<Delivery> out = readDir(m_dir);
    std::sort(out.begin(), out.end(), [](const Delivery &a, const Delivery &b) {
        return a.created != b.created ? a.created < b.created : a.key() < b.key();
    });
    return out;
}

QList<Delivery> Outbox::delivered() const
{
    QList<Delivery> out = readDir(m_doneDir);
    std::sort(out.begin(), out.end(),
              [](const Delivery &a, const Delivery &b) { return a.lastAttempt > b.lastAttempt; });
    return out;
}

QList<Delivery> Outbox::findById(const QString &idOrPrefix) const
{
    QList<Delivery> out;
    for (const Delivery &d : pending() + delivered()) {
        if (d.id == idOrPrefix || d.key() == idOrPrefix)
            return { d };
        if (d.id.startsWith(idOrPrefix) || d.key().startsWith(idOrPrefix))
            out.append(d);
    }
    return out;
}

QString Outbox::lockFilePath(const Delivery &d) const
{
    return m_dir + QLatin1Char('/') + d.key() + QStringLiteral(".lock");
}

namespace {

// Takes `lock` if its file is free or stale: its owner is dead (QLockFile checks the pid on this
// host; never by age: an attempt may well last a minute), or it is empty or half written and a
// few seconds old (its owner was killed between creating and filling it).
bool takeLock(QLockFile &lock, const QString &path)
{
    lock.setStaleLockTime(0);
    if (lock.tryLock(0))
        return true;
    qint64 pid = 0;
    QString host, app;
    if (lock.error() != QLockFile::LockFailedError || lock.getLockInfo(&pid, &host, &app))
        return false;
    const QFileInfo info(path);
    if (!info.exists() || info.lastModified().msecsTo(QDateTime::currentDateTime()) < 2000)
        return false;
    lock.removeStaleLockFile();
    return lock.tryLock(0);
}

} // namespace

std::shared_ptr<QLockFile> Outbox::tryLock(const Delivery &d) const
{
    const QString path = lockFilePath(d);
    auto lock = std::make_shared<QLockFile>(path);
    if (!takeLock(*lock, path))
        return nullptr;
    QFile::setPermissions(path, kFileMode);
    return lock;
}

int Outbox::removeStaleLocks() const
{
    int removed = 0;
    QDir dir(m_dir);
    const QStringList names = dir.entryList(QDir::Files);
    for (const QString &name : names) {
        if (!name.endsWith(QStringLiteral(".lock")))
            continue;
        QLockFile lock(dir.filePath(name));
        // Taken only when its owner is gone; unlock removes the file.
        if (takeLock(lock, dir.filePath(name))) {
            lock.unlock();
            ++removed;
        }
    }
    return removed;
}

QString Outbox::disabledTargetsPath() const { return m_dir + QStringLiteral("/disabled-targets"); }

QHash<QString, QString> Outbox::disabledTargets(bool *unreadable) const
{
    QHash<QString, QString> out;
    if (unreadable)
        *unreadable = false;
    QFile file(disabledTargetsPath());
    if (!file.open(QIODevice::ReadOnly))
        return out;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    bool ok = doc.isObject();
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); ok && it != o.end(); ++it) {
        if (!it.value().isString())
            ok = false;
        else
            out.insert(it.key(), it.value().toString());
    }
    if (!ok) {
        const QString warning
                = QStringLiteral("%1 is not readable (%2): it lists webhooks disabled by their "
                                 "receiver (HTTP 410); no webhook is sent to until it is fixed "
                                 "or removed")
                          .arg(disabledTargetsPath(),
                               error.error != QJsonParseError::NoError
                                       ? error.errorString()
                                       : QStringLiteral("not an object of names and reasons"));
        if (!m_warnings.contains(warning)) {
            qCWarning(lcState).noquote() << warning;
            m_warnings.append(warning);
        }
        if (unreadable)
            *unreadable = true;
    }
    return out;
}

bool Outbox::setTargetDisabled(const QString &target, const QString &reason)
{
    bool unreadable = false;
    QHash<QString, QString> all = disabledTargets(&unreadable);
    if (unreadable)
        return false; // left for a person: rewriting it would re-enable what it disabled
    all.insert(target, reason);
    writeDisabled(all);
    return true;
}

bool Outbox::enableTarget(const QString &target)
{
    bool unreadable = false;
    QHash<QString, QString> all = disabledTargets(&unreadable);
    if (unreadable)
        return false;
    if (all.remove(target))
        writeDisabled(all);
    return true;
}

void Outbox::writeDisabled(const QHash<QString, QString> &targets) const
{
    QJsonObject o;
    for (auto it = targets.begin(); it != targets.end(); ++it)
        o.insert(it.key(), it.value());
    if (!writeFileAtomically(disabledTargetsPath(), QJsonDocument(o).toJson(), true))
        qCWarning(lcState).noquote()
                << QStringLiteral("%1: cannot write (disk full?)").arg(disabledTargetsPath());
}

} // namespace hubhook
