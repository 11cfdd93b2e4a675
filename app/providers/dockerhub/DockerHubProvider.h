#pragma once

#include "providers/Provider.h"

namespace hubhook {

// Docker Hub automated builds: a namespace's or one repository's build history, one row per
// tag; Docker Hub images; URL triggers (the trigger-build endpoint takes the account's token).
class DockerHubProvider : public ProviderPlugin
{
public:
    QString id() const override { return QStringLiteral("dockerhub"); }
    QString displayName() const override { return QStringLiteral("Docker Hub"); }
    QString queueName() const override { return QStringLiteral("Docker Hub's queue"); }
    QString registryName() const override { return QStringLiteral("Docker Hub"); }
    QUrl defaultBaseUrl() const override { return QUrl(QStringLiteral("https://hub.docker.com")); }
    bool servesImage(const QString &image) const override;
    bool fitsDockerHubPayload() const override { return true; }

    QList<ProviderField> accountFields() const override;
    void checkAccount(const AccountConfig &a, const QString &path,
                      const JsonFields &f) const override;
    QString tokenHint() const override;

    QList<ProviderField> watchFields() const override;
    void parseWatch(const QJsonObject &o, const QString &path, WatchConfig &w,
                    const JsonFields &f) const override;
    ConfigFieldList writeWatch(const WatchConfig &w) const override;
    bool isRepository(const QString &text) const override;
    QString imageProblem(const QString &image) const override;
    QString imageExample() const override { return QStringLiteral("acme/base"); }

    ProviderClientPtr createClient(const AccountConfig &account, const QString &token,
                                   RequestQueue *queue) const override;
    bool triggerUrlRebuilds(const QUrl &url, const QString &repository) const override;
};

const DockerHubProvider &dockerHubProvider();

} // namespace hubhook
