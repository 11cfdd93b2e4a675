#include "state/RebuildState.h"

#include "state/StateFile.h"
#include "support/JsonFields.h"

namespace hubhook {

bool RebuildState::load(const QString &path, QString *warning, bool *existed)
{
    *this = RebuildState();
    const StateFileRead file = readStateFile(path, 1);
    if (existed)
        *existed = file.status != StateFileRead::Missing;
    if (file.status == StateFileRead::Unreadable)
        *warning = QStringLiteral("%1: cannot read").arg(path);
    if (file.status == StateFileRead::Corrupt)
        *warning = corruptStateFileWarning(
                path, file.why,
                QStringLiteral("Builds expected after triggers are not checked, and retry counts "
                               "start afresh."));
    if (file.status != StateFileRead::Ok)
        return file.status == StateFileRead::Missing;
    QStringList bad; // values ignored, with a warning: the rest of the file is kept
    const JsonFields f(&bad);
    expectations = expectationsFromJson(f.array(file.root, QStringLiteral("expectations"), {}), f,
                                        QStringLiteral("expectations"));
    retries = retriesFromJson(f.object(file.root, QStringLiteral("retries"), {}), f,
                              QStringLiteral("retries"));
    *warning = stateValuesWarning(path, bad, QStringLiteral("ignored those values."));
    return bad.isEmpty();
}

bool RebuildState::save(const QString &path, QString *error) const
{
    QJsonObject re;
    for (auto it = retries.begin(); it != retries.end(); ++it)
        re.insert(it.key(), it.value());
    const QJsonObject root { { QStringLiteral("version"), 1 },
                             { QStringLiteral("expectations"), expectationsToJson(expectations) },
                             { QStringLiteral("retries"), re } };
    return writeStateFile(path, root, error, QJsonDocument::Indented);
}

} // namespace hubhook
