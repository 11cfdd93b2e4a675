#include "state/ProviderCache.h"

#include "state/StateFile.h"
#include "support/JsonFields.h"

namespace hubhook {

namespace {
constexpr int kVersion = 1;
}

bool ProviderCache::load(const QString &path, QString *warning)
{
    m_entries.clear();
    const StateFileRead read = readStateFile(path, kVersion);
    if (read.status == StateFileRead::Corrupt) {
        *warning = corruptStateFileWarning(path, read.why,
                                           QStringLiteral("The next sweep reads every answer "
                                                          "afresh."));
        return false;
    }
    if (read.status == StateFileRead::Unreadable) {
        *warning = QStringLiteral("%1: cannot read; the next sweep reads every answer afresh.")
                           .arg(path);
        return false;
    }
    QStringList bad;
    const JsonFields f(&bad);
    const QJsonObject accounts = read.status == StateFileRead::Ok
            ? f.object(read.root, QStringLiteral("accounts"), {})
            : QJsonObject();
    for (auto it = accounts.begin(); it != accounts.end(); ++it) {
        if (it.value().isObject())
            m_entries.insert(it.key(), it.value().toObject());
        else
            f.error(JsonFields::join(QStringLiteral("accounts"), it.key()),
                    QStringLiteral("expected an object, got %1")
                            .arg(JsonFields::typeName(it.value())));
    }
    *warning = stateValuesWarning(path, bad, QStringLiteral("ignored those values."));
    return bad.isEmpty();
}

bool ProviderCache::save(const QString &path, QString *error) const
{
    QJsonObject accounts;
    for (auto it = m_entries.begin(); it != m_entries.end(); ++it) {
        if (!it.value().isEmpty())
            accounts.insert(it.key(), it.value());
    }
    return writeStateFile(path,
                          QJsonObject { { QStringLiteral("version"), kVersion },
                                        { QStringLiteral("accounts"), accounts } },
                          error);
}

bool ProviderCache::set(const QString &key, const QJsonObject &value)
{
    if (m_entries.value(key) == value)
        return false;
    m_entries.insert(key, value);
    return true;
}

} // namespace hubhook
