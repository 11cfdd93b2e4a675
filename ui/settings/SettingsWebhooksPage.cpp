#include "ui/settings/SettingsWebhooksPage.h"

#include "ui/settings/SettingsWebhookEditor.h"

namespace hubhook {

SettingsWebhooksPage::SettingsWebhooksPage(SecretStore *store, QWidget *parent)
    : SettingsListPage(QStringLiteral("webhook"),
                       tr("Where events go. Chat webhook URLs carry their token: keep them in "
                          "the keychain."),
                       parent),
      m_store(store)
{
    setObjectName(QStringLiteral("webhooksPage"));
}

void SettingsWebhooksPage::load(const Config &config)
{
    clear();
    for (const WebhookConfig &w : config.webhooks) {
        auto *editor = static_cast<WebhookEditor *>(createEditor());
        editor->load(w);
        addEditor(editor);
    }
}

void SettingsWebhooksPage::apply(Config *config) const
{
    config->webhooks.clear();
    for (int i = 0; i < count(); ++i)
        config->webhooks.append(static_cast<WebhookEditor *>(editorAt(i))->webhook());
}

SettingsItemEditor *SettingsWebhooksPage::createEditor() { return new WebhookEditor(m_store); }

} // namespace hubhook
