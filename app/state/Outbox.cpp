#include "state/Outbox.h"

#include "support/Logging.h"
#include "support/TimeText.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace hubhook {

namespace {
constexpr int kKeepDelivered = 1000;
const QString kSuffix = QStringLiteral(".json");

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
        { QStringLiteral("state"), stateName() },
    };
}

std::optional<Delivery> Delivery::fromJson(const QJsonObject &o)
{
    Delivery d;
    d.id = o.value(QStringLiteral("id")).toString();
    d.target = o.value(QStringLiteral("target")).toString();
    const QString state = o.value(QStringLiteral("state")).toString();
    if (d.id.isEmpty() || d.target.isEmpty() || !o.value(QStringLiteral("body")).isString())
        return std::nullopt;
    d.eventType = o.value(QStringLiteral("event")).toString();
    d.summary = o.value(QStringLiteral("summary")).toString();
    d.body = o.value(QStringLiteral("body")).toString().toUtf8();
    d.created = parseApiTime(o.value(QStringLiteral("created")).toString());
    d.attempts = o.value(QStringLiteral("attempts")).toInt();
    d.lastStatus = o.value(QStringLiteral("last_status")).toInt();
    d.lastError = o.value(QStringLiteral("last_error")).toString();
    d.lastAttempt = parseApiTime(o.value(QStringLiteral("last_attempt")).toString());
    d.nextAttempt = parseApiTime(o.value(QStringLiteral("next_attempt")).toString());
    d.state = state == QLatin1String("delivered") ? Delivered
            : state == QLatin1String("failed")    ? Failed
                                                  : Pending;
    return d;
}

Outbox::Outbox(const QString &stateDir)
    : m_dir(stateDir + QStringLiteral("/outbox")),
      m_doneDir(stateDir + QStringLiteral("/delivered"))
{
    QDir().mkpath(m_dir);
    QDir().mkpath(m_doneDir);
}

bool Outbox::write(const QString &path, const Delivery &d, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write").arg(path);
        return false;
    }
    file.write(QJsonDocument(d.toJson()).toJson(QJsonDocument::Compact));
    if (!file.commit()) { // QSaveFile flushes to disk before the rename
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
    return write(m_dir + QLatin1Char('/') + name, d, error);
}

bool Outbox::update(const Delivery &d, QString *error)
{
    return write(m_dir + QLatin1Char('/') + d.key() + kSuffix, d, error);
}

bool Outbox::markDelivered(const Delivery &d, QString *error)
{
    Delivery done = d;
    done.state = Delivery::Delivered;
    // Written to delivered/ first, then removed from the outbox: a crash in between leaves
    // it in both, and `add` refuses it, so it is neither lost nor sent again.
    if (!write(m_doneDir + QLatin1Char('/') + d.key() + kSuffix, done, error))
        return false;
    QFile::remove(m_dir + QLatin1Char('/') + d.key() + kSuffix);
    pruneDelivered();
    return true;
}

void Outbox::pruneDelivered() const
{
    QDir dir(m_doneDir);
    const QFileInfoList files
            = dir.entryInfoList({ QStringLiteral("*.json") }, QDir::Files, QDir::Time);
    for (int i = kKeepDelivered; i < files.size(); ++i)
        QFile::remove(files.at(i).absoluteFilePath());
}

std::optional<Delivery> Outbox::load(const QString &key) const
{
    QFile file(m_dir + QLatin1Char('/') + key + kSuffix);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return Delivery::fromJson(QJsonDocument::fromJson(file.readAll()).object());
}

QList<Delivery> Outbox::readDir(const QString &path) const
{
    QList<Delivery> out;
    QDir dir(path);
    // Filtered by hand: a name filter compiles a regular expression on every scan.
    const QStringList names = dir.entryList(QDir::Files);
    for (const QString &name : names) {
        if (!name.endsWith(kSuffix))
            continue;
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = file.readAll();
        file.close();
        const auto d = Delivery::fromJson(QJsonDocument::fromJson(data).object());
        if (d) {
            out.append(*d);
            continue;
        }
        QDir().mkpath(dir.filePath(QStringLiteral("corrupt")));
        dir.rename(name, QStringLiteral("corrupt/") + name);
        const QString warning
                = QStringLiteral("%1 is not a readable delivery record; moved it to %2/corrupt")
                          .arg(dir.filePath(name), path);
        qCWarning(lcState).noquote() << warning;
        m_warnings.append(warning);
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

QHash<QString, QString> Outbox::disabledTargets() const
{
    QHash<QString, QString> out;
    QFile file(m_dir + QStringLiteral("/disabled-targets"));
    if (!file.open(QIODevice::ReadOnly))
        return out;
    const QJsonObject o = QJsonDocument::fromJson(file.readAll()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.insert(it.key(), it.value().toString());
    return out;
}

void Outbox::setTargetDisabled(const QString &target, const QString &reason)
{
    QHash<QString, QString> all = disabledTargets();
    all.insert(target, reason);
    writeDisabled(all);
}

void Outbox::enableTarget(const QString &target)
{
    QHash<QString, QString> all = disabledTargets();
    if (all.remove(target))
        writeDisabled(all);
}

void Outbox::writeDisabled(const QHash<QString, QString> &targets) const
{
    QJsonObject o;
    for (auto it = targets.begin(); it != targets.end(); ++it)
        o.insert(it.key(), it.value());
    QSaveFile file(m_dir + QStringLiteral("/disabled-targets"));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(QJsonDocument(o).toJson());
        file.commit();
    }
}

} // namespace hubhook
