#pragma once

#include "providers/Provider.h"

namespace hubhook {

// GitHub Actions (github.com or GitHub Enterprise Server): an owner's or one repository's
// workflow runs, one row per workflow and branch; GHCR images; triggers that dispatch a
// workflow; Rebuild re-runs a failed run or dispatches the row's workflow.
class GitHubProvider : public ProviderPlugin
{
public:
    QString id() const override { return QStringLiteral("github"); }
    QString displayName() const override { return QStringLiteral("GitHub Actions"); }
    QString siteName() const override { return QStringLiteral("GitHub"); }
    QString queueName() const override { return QStringLiteral("GitHub Actions' queue"); }
    QString registryName() const override { return QStringLiteral("GHCR"); }
    QUrl defaultBaseUrl() const override { return QUrl(QStringLiteral("https://api.github.com")); }
    bool servesImage(const QString &image) const override;
    QString buildNumberName() const override { return QStringLiteral("run number"); }
    QString buildName() const override { return QStringLiteral("workflow run"); }

    bool tokenOptional() const override { return true; }
    QString tokenHint() const override;
    QString baseUrlProblem(const QUrl &url) const override;
    QString baseUrlHint() const override;

    QList<ProviderField> watchFields() const override;
    void parseWatch(const QJsonObject &o, const QString &path, WatchConfig &w,
                    const JsonFields &f) const override;
    ConfigFieldList writeWatch(const WatchConfig &w) const override;
    bool isRepository(const QString &text) const override;
    QString imageProblem(const QString &image) const override;
    QString imageExample() const override { return QStringLiteral("ghcr.io/octo-org/base"); }

    QList<ProviderField> triggerFields() const override;
    void parseTrigger(const QJsonObject &o, const QString &path, TriggerConfig &t,
                      const JsonFields &f) const override;
    ConfigFieldList writeTrigger(const TriggerConfig &t) const override;
    ExpectBuild expectationOf(const TriggerConfig &t) const override;
    QString triggerAction() const override { return QStringLiteral("runs a workflow"); }
    QString triggerHint() const override;

    ProviderClientPtr createClient(const AccountConfig &account, const QString &token,
                                   RequestQueue *queue) const override;
    std::optional<RowRebuild> rowRebuild(const Config &config, const Build &row) const override;
};

const GitHubProvider &gitHubProvider();

} // namespace hubhook
