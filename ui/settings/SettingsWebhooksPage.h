#pragma once

#include "ui/settings/SettingsWebhookEditor.h"

namespace hubhook {

class SecretStore;

// Webhook targets. Each one's editor: `nameEdit`, the URL (SecretUrlField: `urlEdit`,
// `urlSecretCheck`), `formatCombo`, `providersCombo` (every registered provider, or one of them,
// the provider ids as data; choosing a format that fits only some providers' builds picks
// those providers: fitsDockerHubPayload) with `providersError`,
// `eventCheck_<event>` boxes, `repositoriesEdit`, `signEdit`
// (a SecretLineEdit), `headersEdit`, `insecureTlsCheck` with `insecureTlsWarning`,
// `timeoutEdit`, the `...Error` labels, and `sendTestButton`, which posts a sample
// build.failed event to the URL as typed and shows the outcome in `sendTestResult`.
class SettingsWebhooksPage : public SettingsItemsPage<WebhookEditor, &Config::webhooks>
{
    Q_OBJECT
public:
    explicit SettingsWebhooksPage(SecretStore *store, QWidget *parent = nullptr);
    QString title() const override { return tr("Webhooks"); }

protected:
    SettingsItemEditor *createEditor() override;

private:
    SecretStore *m_store;
};

} // namespace hubhook
