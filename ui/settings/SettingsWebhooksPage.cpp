#include "ui/settings/SettingsWebhooksPage.h"

namespace hubhook {

SettingsWebhooksPage::SettingsWebhooksPage(SecretStore *store, QWidget *parent)
    : SettingsItemsPage(QStringLiteral("webhook"),
                        tr("Where events go. Chat webhook URLs carry their token: keep them in "
                           "the keychain."),
                        parent),
      m_store(store)
{
    setObjectName(QStringLiteral("webhooksPage"));
}

SettingsItemEditor *SettingsWebhooksPage::createEditor() { return new WebhookEditor(m_store); }

} // namespace hubhook
