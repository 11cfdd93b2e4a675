#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace hubhook {

// provider-cache.json in the state directory: what each account's client remembers between
// runs (ETags and what their answers meant), by account name and API origin, so a
// restart keeps polling at no rate-limit cost. Losing it costs requests, never events: a
// corrupt file is moved aside and polling starts cold.
class ProviderCache
{
public:
    static QString key(const QString &account, const QString &origin)
    {
        return account + QLatin1Char('|') + origin;
    }

    bool load(const QString &path, QString *warning);
    bool save(const QString &path, QString *error) const;
    QJsonObject value(const QString &key) const { return m_entries.value(key); }
    // False when nothing changed (the file need not be written).
    bool set(const QString &key, const QJsonObject &value);

private:
    QHash<QString, QJsonObject> m_entries;
};

} // namespace hubhook
