#include "cli/ConfigLoader.h"

#include "cli/Console.h"
#include "secrets/Secrets.h"

#include <QEventLoop>

namespace hubhook {

bool loadConfigWithSecrets(const CliOptions &o, Config *config, QHash<QString, QString> *secrets,
                           QHash<QString, QString> *secretErrors)
{
    const ConfigResult cfg = loadConfigFile(o.configPath);
    if (!cfg.ok()) {
        for (const QString &e : cfg.errors)
            printErr(e + QLatin1Char('\n'));
        return false;
    }
    *config = cfg.config;
    KeychainSecretStore store;
    QEventLoop loop;
    resolveSecrets(&store, cfg.config.secretNames(), [&](const ResolvedSecrets &r) {
        *secrets = r.values;
        if (secretErrors)
            *secretErrors = r.errorOf;
        loop.quit();
    });
    loop.exec();
    return true;
}

} // namespace hubhook
