#pragma once

#include "config/Config.h"
#include "core/ProviderInfo.h"
#include "support/JsonFields.h"

#include <QJsonValue>
#include <QList>
#include <QPair>

namespace hubhook {

// One key of a provider's part of an account, a watch or a trigger: how the config names it
// and how the settings dialog draws it. The dialog checks what is typed by handing the fields
// to the provider's own parser (the rules live once, in the provider).
struct ProviderField
{
    enum Kind {
        Scope, // a whole namespace, owner or group ("acme"): one row per repository under it
        Repository, // one repository ("acme/api"); a watch names a scope or a repository
        Text,
        List, // strings, typed comma-separated
        Flag, // true or false
        Object, // a JSON object, typed as JSON
    };
    QString key; // "workflows"
    QString label; // "Workflows"
    Kind kind = Text;
    QString placeholder; // what leaving it empty means ("all workflows"), or an example
    QString hint; // a tooltip: what it does, what it costs
    // A watch's field: which watches take it (the provider's parser refuses it on the others).
    enum Applies {
        AnyWatch,
        ScopeWatch, // only a watch of a whole scope ("forks" of an owner)
        RepositoryWatch, // only a watch of one repository ("tags")
    };
    Applies applies = AnyWatch;
    // Whether a watch of a scope (`scope`) or of one repository takes it.
    bool appliesTo(bool scope) const
    {
        return applies == AnyWatch || (applies == ScopeWatch) == scope;
    }
};

// Ordered key/value pairs, as the config writer writes them.
using ConfigFieldList = QList<QPair<QString, QJsonValue>>;

// What the config knows of a provider: its keys and their rules, for accounts, watches and
// the triggers it runs through its API. Parsers report errors by JSON path through `f`; writers
// return the provider's keys of a value, so that parse(write(x)) == x.
class ProviderDescriptor : public ProviderInfo
{
public:
    // Accounts: the keys beyond "provider", "base_url" and "token" ("username"), their checks,
    // and the words the dialog shows beside the token and the base URL.
    virtual QList<ProviderField> accountFields() const { return {}; }
    virtual void checkAccount(const AccountConfig &a, const QString &path,
                              const JsonFields &f) const
    {
        Q_UNUSED(a)
        Q_UNUSED(path)
        Q_UNUSED(f)
    }
    virtual bool tokenOptional() const { return false; }
    virtual QString tokenHint() const = 0; // where a token is made, which permissions it needs
    // Why `url` cannot be this provider's API root (a web address instead), or empty.
    virtual QString baseUrlProblem(const QUrl &url) const
    {
        Q_UNUSED(url)
        return {};
    }
    virtual QString baseUrlHint() const { return {}; } // a self-hosted instance's API root

    // Build watches: the keys that name what is watched and filter its builds (beyond
    // "account" and "retry_failed"). parseWatch reads them into `w` and checks them.
    virtual QList<ProviderField> watchFields() const = 0;
    virtual void parseWatch(const QJsonObject &o, const QString &path, WatchConfig &w,
                            const JsonFields &f) const = 0;
    virtual ConfigFieldList writeWatch(const WatchConfig &w) const = 0;
    // Whether `text` ("owner/name") names one of its repositories.
    virtual bool isRepository(const QString &text) const = 0;

    // Image watches: why `image` (as written: "acme/base", "<registry host>/acme/base") is not on
    // this provider's registry, or empty; and an example of one that is.
    virtual QString imageProblem(const QString &image) const;
    virtual QString imageExample() const { return {}; }

    // Triggers through its API (a workflow dispatch) instead of a URL: their keys (none: its
    // triggers call a URL), parser and writer, and the build a fire should be followed by.
    virtual QList<ProviderField> triggerFields() const { return {}; }
    bool runsTriggers() const { return !triggerFields().isEmpty(); }
    virtual void parseTrigger(const QJsonObject &o, const QString &path, TriggerConfig &t,
                              const JsonFields &f) const
    {
        Q_UNUSED(o)
        Q_UNUSED(path)
        Q_UNUSED(t)
        Q_UNUSED(f)
    }
    virtual ConfigFieldList writeTrigger(const TriggerConfig &t) const
    {
        Q_UNUSED(t)
        return {};
    }
    virtual ExpectBuild expectationOf(const TriggerConfig &t) const
    {
        Q_UNUSED(t)
        return {};
    }
    // What such a trigger does, for "this trigger %1" ("runs a workflow"), and what it needs (a
    // permission of the token, a declaration in the workflow).
    virtual QString triggerAction() const { return {}; }
    virtual QString triggerHint() const { return {}; }
};

// The descriptor of a provider id; null when this build does not know it.
const ProviderDescriptor *providerDescriptor(const QString &id);
// Every registered provider's descriptor, in registration order.
QList<const ProviderDescriptor *> providerDescriptors();
// The descriptor of an account's provider (the default provider's for an unknown account).
const ProviderDescriptor *accountDescriptor(const Config &config, const QString &account);
// The provider whose registry holds a canonical image reference; null when none.
const ProviderDescriptor *imageDescriptor(const QString &image);
// Why an account of provider `p` cannot watch `image` as written ("<registry host>/acme/base" on a
// registry of another provider, or not a name its registry takes), or empty. The config parser
// and the settings dialog both ask this.
QString imageWatchProblem(const ProviderDescriptor &p, const QString &image);
// The keys of an image watch beyond "account", the same for every provider (its registry is its
// account's provider's): "image" (as written: "acme/base", "<registry host>/acme/base"), "tags" and
// "max_age", as configfields::parseImageWatch reads them and the settings dialog draws them.
QList<ProviderField> imageWatchFields();

} // namespace hubhook
