#include "config/ConfigWriter.h"

#include "config/ProviderDescriptor.h"
#include "config/Validation.h"
#include "support/TimeText.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace hubhook {

namespace {

// A JSON value whose objects keep their members in insertion order (QJsonObject sorts them).
struct Node
{
    enum Kind { Leaf, Object, Array } kind = Leaf;
    QJsonValue leaf;
    QList<QPair<QString, Node>> members;
    QList<Node> items;

    Node() = default;
    Node(const QJsonValue &v) : leaf(v) { } // NOLINT: implicit on purpose
    Node(const QString &s) : leaf(s) { } // NOLINT
    Node(const char *s) : leaf(QString::fromUtf8(s)) { } // NOLINT
    static Node object() { return withKind(Object); }
    static Node array() { return withKind(Array); }
    static Node withKind(Kind k)
    {
        Node n;
        n.kind = k;
        return n;
    }
    static Node fromJson(const QJsonValue &v);
    static Node strings(const QStringList &list);

    Node &add(const QString &key, const Node &value)
    {
        members.append({ key, value });
        return *this;
    }
    bool isEmpty() const { return kind == Object ? members.isEmpty() : items.isEmpty(); }
};

Node Node::fromJson(const QJsonValue &v)
{
    if (v.isObject()) {
        Node n = object();
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            n.add(it.key(), fromJson(it.value()));
        return n;
    }
    if (v.isArray()) {
        Node n = array();
        for (const QJsonValue &item : v.toArray())
            n.items.append(fromJson(item));
        return n;
    }
    return Node(v);
}

Node Node::strings(const QStringList &list)
{
    Node n = array();
    for (const QString &s : list)
        n.items.append(Node(s));
    return n;
}

QByteArray scalar(const QJsonValue &v)
{
    const QByteArray a = QJsonDocument(QJsonArray { v }).toJson(QJsonDocument::Compact);
    return a.mid(1, a.size() - 2); // strip "[" and "]"
}

QByteArray inlineForm(const Node &n)
{
    if (n.kind == Node::Leaf)
        return scalar(n.leaf);
    QByteArray out = n.kind == Node::Object ? "{" : "[";
    bool first = true;
    auto sep = [&] {
        if (!first)
            out += ", ";
        first = false;
    };
    if (n.kind == Node::Object) {
        for (const auto &[key, value] : n.members) {
            sep();
            out += scalar(key) + ": " + inlineForm(value);
        }
    } else {
        for (const Node &item : n.items) {
            sep();
            out += inlineForm(item);
        }
    }
    return out + (n.kind == Node::Object ? "}" : "]");
}

bool allLeaves(const Node &n)
{
    for (const auto &member : n.members) {
        if (member.second.kind != Node::Leaf)
            return false;
    }
    for (const Node &item : n.items) {
        if (item.kind != Node::Leaf)
            return false;
    }
    return true;
}

// Objects and arrays of scalars that fit on a line stay on one line, like the README's example;
// the top level never does.
void write(const Node &n, int indent, int used, QByteArray *out)
{
    const QByteArray flat = inlineForm(n);
    const bool top = indent == 0 && used == 0;
    if (n.kind == Node::Leaf || n.isEmpty()
        || (!top && allLeaves(n) && used + flat.size() <= 100)) {
        *out += flat;
        return;
    }
    const QByteArray pad(indent + 2, ' ');
    *out += n.kind == Node::Object ? "{\n" : "[\n";
    const int count = int(n.kind == Node::Object ? n.members.size() : n.items.size());
    for (int i = 0; i < count; ++i) {
        *out += pad;
        if (n.kind == Node::Object) {
            const QByteArray key = scalar(n.members[i].first) + ": ";
            *out += key;
            write(n.members[i].second, indent + 2, int(pad.size() + key.size()), out);
        } else {
            write(n.items[i], indent + 2, int(pad.size()), out);
        }
        *out += i + 1 < count ? ",\n" : "\n";
    }
    *out += QByteArray(indent, ' ') + (n.kind == Node::Object ? "}" : "]");
}

QString secret(const QString &name) { return QStringLiteral("secret:") + name; }

Node events(const QList<EventType> &types)
{
    Node n = Node::array();
    for (EventType t : types)
        n.items.append(Node(eventTypeName(t)));
    return n;
}

Node headers(const QList<QPair<QString, QString>> &list)
{
    Node n = Node::object();
    for (const auto &[name, value] : list)
        n.add(name, value);
    return n;
}

void addUrl(Node &n, const QString &url, const QString &urlSecret)
{
    n.add(QStringLiteral("url"), urlSecret.isEmpty() ? url : secret(urlSecret));
}

Node account(const AccountConfig &a)
{
    Node n = Node::object();
    n.add(QStringLiteral("provider"), a.provider.isEmpty() ? defaultProviderId() : a.provider);
    if (a.baseUrl != defaultBaseUrl(a.provider))
        n.add(QStringLiteral("base_url"), a.baseUrl.toString());
    if (!a.username.isEmpty())
        n.add(QStringLiteral("username"), a.username);
    if (!a.tokenSecret.isEmpty())
        n.add(QStringLiteral("token"), secret(a.tokenSecret));
    return n;
}

void addFields(Node &n, const ConfigFieldList &fields)
{
    for (const auto &[key, value] : fields)
        n.add(key, Node::fromJson(value));
}

Node watch(const WatchConfig &w, const ProviderDescriptor &p)
{
    Node n = Node::object();
    n.add(QStringLiteral("account"), w.account);
    if (w.isImage()) {
        n.add(QStringLiteral("image"), writtenImage(w.image));
        n.add(QStringLiteral("tags"), Node::strings(w.tags));
        if (w.maxAgeMs > 0)
            n.add(QStringLiteral("max_age"), configDuration(w.maxAgeMs));
        return n;
    }
    addFields(n, p.writeWatch(w));
    if (!w.retryTrigger.isEmpty()) {
        Node r = Node::object();
        r.add(QStringLiteral("trigger"), w.retryTrigger);
        if (w.retryMaxAttempts != 1)
            r.add(QStringLiteral("max_attempts"), QJsonValue(w.retryMaxAttempts));
        n.add(QStringLiteral("retry_failed"), r);
    }
    return n;
}

Node webhook(const WebhookConfig &w)
{
    const WebhookConfig defaults;
    Node n = Node::object();
    n.add(QStringLiteral("name"), w.name);
    addUrl(n, w.url, w.urlSecret);
    n.add(QStringLiteral("format"), webhookFormatName(w.format));
    if (w.events != defaults.events)
        n.add(QStringLiteral("events"), events(w.events));
    if (!w.repositories.isEmpty())
        n.add(QStringLiteral("repositories"), Node::strings(w.repositories));
    if (!w.providers.isEmpty())
        n.add(QStringLiteral("providers"), Node::strings(w.providers));
    if (!w.signSecret.isEmpty())
        n.add(QStringLiteral("sign"), secret(w.signSecret));
    if (!w.headers.isEmpty())
        n.add(QStringLiteral("headers"), headers(w.headers));
    if (w.insecureTls)
        n.add(QStringLiteral("insecure_tls"), QJsonValue(true));
    if (w.timeoutMs != defaults.timeoutMs)
        n.add(QStringLiteral("timeout"), configDuration(w.timeoutMs));
    return n;
}

Node body(const QByteArray &bytes)
{
    // The parser keeps a JSON body compact: write it back as JSON when that gives the same bytes.
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error == QJsonParseError::NoError && doc.toJson(QJsonDocument::Compact) == bytes)
        return Node::fromJson(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()));
    return Node(QString::fromUtf8(bytes));
}

Node trigger(const TriggerConfig &t, const ProviderDescriptor &p)
{
    const TriggerConfig defaults;
    Node n = Node::object();
    n.add(QStringLiteral("name"), t.name);
    if (t.viaApi)
        addFields(n, p.writeTrigger(t));
    else
        addUrl(n, t.url, t.urlSecret);
    if (t.method != defaults.method)
        n.add(QStringLiteral("method"), QString::fromLatin1(t.method));
    if (!t.body.isEmpty())
        n.add(QStringLiteral("body"), body(t.body));
    if (!t.headers.isEmpty())
        n.add(QStringLiteral("headers"), headers(t.headers));
    if (!t.account.isEmpty())
        n.add(QStringLiteral("account"), t.account);
    if (!t.schedule.isEmpty())
        n.add(QStringLiteral("schedule"), t.schedule);
    if (!t.afterSuccessOf.isEmpty())
        n.add(QStringLiteral("after_success_of"), t.afterSuccessOf);
    if (!t.afterPushOf.isEmpty())
        n.add(QStringLiteral("after_push_of"), writtenImage(t.afterPushOf));
    if (t.expectBuild) {
        Node e = Node::object();
        if (!t.viaApi)
            e.add(QStringLiteral("repository"), t.expectBuild->repository);
        if (!t.expectBuild->tag.isEmpty() && !t.viaApi)
            e.add(QStringLiteral("tag"), t.expectBuild->tag);
        e.add(QStringLiteral("within"), configDuration(t.expectBuild->withinMs));
        n.add(QStringLiteral("expect_build"), e);
    }
    if (t.jitterMs != defaults.jitterMs)
        n.add(QStringLiteral("jitter"), configDuration(t.jitterMs));
    if (t.timeoutMs != defaults.timeoutMs)
        n.add(QStringLiteral("timeout"), configDuration(t.timeoutMs));
    return n;
}

Node desktop(const NotificationConfig &c)
{
    const NotificationConfig defaults;
    Node n = Node::object();
    if (c.enabled != defaults.enabled)
        n.add(QStringLiteral("enabled"), QJsonValue(c.enabled));
    if (c.events != defaults.events)
        n.add(QStringLiteral("events"), events(c.events));
    if (!c.mutedRepositories.isEmpty())
        n.add(QStringLiteral("muted_repositories"), Node::strings(c.mutedRepositories));
    if (c.onStart)
        n.add(QStringLiteral("on_start"), QJsonValue(true));
    if (c.sound)
        n.add(QStringLiteral("sound"), QJsonValue(true));
    return n;
}

Node desktop(const GeneralConfig &c)
{
    Node n = Node::object();
    if (c.startAtLogin)
        n.add(QStringLiteral("start_at_login"), QJsonValue(true));
    if (c.startHidden)
        n.add(QStringLiteral("start_hidden"), QJsonValue(true));
    return n;
}

// "listen" as "host:port" ("[::1]:8787" for an IPv6 address), and the token's reference.
Node cctray(const CctrayConfig &c)
{
    Node n = Node::object();
    const QString host = c.host.contains(QLatin1Char(':'))
            ? QLatin1Char('[') + c.host + QLatin1Char(']')
            : c.host;
    n.add(QStringLiteral("listen"), QStringLiteral("%1:%2").arg(host).arg(c.port));
    if (!c.tokenSecret.isEmpty())
        n.add(QStringLiteral("token"), secret(c.tokenSecret));
    return n;
}

} // namespace

QString configDuration(qint64 ms)
{
    if (ms < 1000 || ms % 1000 == 0)
        return formatDuration(ms);
    return formatDuration(ms - ms % 1000) + QStringLiteral("%1ms").arg(ms % 1000);
}

QByteArray configToJson(const Config &c)
{
    const Config d;
    Node root = Node::object();
    root.add(QStringLiteral("version"), QJsonValue(c.version));
    auto duration = [&root](const char *key, qint64 value, qint64 fallback) {
        if (value != fallback)
            root.add(QString::fromLatin1(key), configDuration(value));
    };
    duration("poll_interval", c.pollIntervalMs, d.pollIntervalMs);
    duration("request_timeout", c.requestTimeoutMs, d.requestTimeoutMs);
    duration("history_refresh", c.historyRefreshMs, d.historyRefreshMs);
    if (c.concurrency != d.concurrency)
        root.add(QStringLiteral("concurrency"), QJsonValue(c.concurrency));
    if (!c.accounts.isEmpty()) {
        Node accounts = Node::object();
        for (auto it = c.accounts.begin(); it != c.accounts.end(); ++it)
            accounts.add(it.key(), account(it.value()));
        root.add(QStringLiteral("accounts"), accounts);
    }
    if (!c.watch.isEmpty()) {
        Node list = Node::array();
        for (const WatchConfig &w : c.watch)
            list.items.append(watch(w, *accountDescriptor(c, w.account)));
        root.add(QStringLiteral("watch"), list);
    }
    duration("queued_alert_after", c.queuedAlertAfterMs, d.queuedAlertAfterMs);
    duration("ignore_older_than", c.ignoreOlderThanMs, d.ignoreOlderThanMs);
    if (c.deliverySchedule != d.deliverySchedule) {
        QStringList steps;
        for (qint64 ms : c.deliverySchedule)
            steps.append(configDuration(ms));
        root.add(QStringLiteral("delivery_schedule"), Node::strings(steps));
    }
    if (!c.webhooks.isEmpty()) {
        Node list = Node::array();
        for (const WebhookConfig &w : c.webhooks)
            list.items.append(webhook(w));
        root.add(QStringLiteral("webhooks"), list);
    }
    if (!c.triggers.isEmpty()) {
        Node list = Node::array();
        for (const TriggerConfig &t : c.triggers)
            list.items.append(trigger(t, *accountDescriptor(c, t.account)));
        root.add(QStringLiteral("triggers"), list);
    }
    const Node notifications = desktop(c.notifications);
    if (!notifications.isEmpty())
        root.add(QStringLiteral("notifications"), notifications);
    const Node general = desktop(c.general);
    if (!general.isEmpty())
        root.add(QStringLiteral("general"), general);
    if (c.cctray.enabled())
        root.add(QStringLiteral("cctray"), cctray(c.cctray));
    QByteArray out;
    write(root, 0, 0, &out);
    return out + '\n';
}

bool saveConfigFile(const QString &path, const Config &config, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return fail(QStringLiteral("%1: cannot create the directory").arg(dir));
    const auto owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString()));
    file.setPermissions(owner); // the temporary file, before anything is in it
    const QByteArray json = configToJson(config);
    if (file.write(json) != json.size()) {
        file.cancelWriting();
        return fail(QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString()));
    }
    if (!file.commit())
        return fail(QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString()));
    if (!QFile::setPermissions(path, owner))
        return fail(QStringLiteral("%1: cannot set the permissions to 0600").arg(path));
    return true;
}

} // namespace hubhook
