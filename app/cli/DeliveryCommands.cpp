#include "cli/DeliveryCommands.h"
#include "support/Clock.h"

#include "cli/ConfigLoader.h"
#include "cli/Console.h"
#include "config/Config.h"
#include "core/Payloads.h"
#include "engine/Deliverer.h"
#include "engine/WebhookTest.h"
#include "secrets/Secrets.h"
#include "support/Redactor.h"
#include "support/TimeText.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QTimer>

namespace hubhook {

namespace {

QString when(const QDateTime &t)
{
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                       : QStringLiteral("-");
}

int list(const CliOptions &o)
{
    Outbox outbox(o.stateDir);
    // Damaged records (moved to corrupt/) are listed too: never silently dropped.
    QList<Delivery> all = outbox.pending(); // first: it moves unreadable records aside
    all += outbox.damaged();
    all += outbox.delivered();
    for (const QString &w : outbox.warnings())
        printErr(w + QLatin1Char('\n'));
    if (o.json) {
        QJsonArray array;
        for (const Delivery &d : all) {
            QJsonObject j = d.toJson();
            j.remove(QStringLiteral("body"));
            if (d.damaged)
                j.insert(QStringLiteral("file"), d.damagedFile);
            array.append(j);
        }
        printOut(QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented)));
        return ExitOk;
    }
    if (all.isEmpty()) {
        printOut(QStringLiteral("No deliveries.\n"));
        return ExitOk;
    }
    printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                     .arg(QStringLiteral("ID"), -36)
                     .arg(QStringLiteral("TARGET"), -16)
                     .arg(QStringLiteral("EVENT"), -16)
                     .arg(QStringLiteral("STATE"), -10)
                     .arg(QStringLiteral("TRIES"), -5)
                     .arg(QStringLiteral("LAST"), -28)
                     .arg(QStringLiteral("NEXT")));
    for (const Delivery &d : all) {
        const QString last = d.damaged           ? QStringLiteral("unreadable, see corrupt/")
                : d.attempts == 0                ? QStringLiteral("-")
                : d.state == Delivery::Delivered ? QStringLiteral("HTTP %1").arg(d.lastStatus)
                                                 : d.lastError.left(28);
        printOut(QStringLiteral("%1 %2 %3 %4 %5 %6 %7\n")
                         .arg(d.id, -36)
                         .arg(d.target.left(16), -16)
                         .arg(d.eventType, -16)
                         .arg(d.stateName(), -10)
                         .arg(QString::number(d.attempts), -5)
                         .arg(last, -28)
                         .arg(d.state == Delivery::Pending ? when(d.nextAttempt)
                                                           : QStringLiteral("-")));
    }
    return ExitOk;
}

// The deliveries `retry` means: every failed one, or those whose id starts with `id`. Prints
// and returns false when a prefix is ambiguous.
bool chooseDeliveries(const Outbox &outbox, const QString &id, bool allFailed,
                      QList<Delivery> *chosen)
{
    if (allFailed) {
        for (const Delivery &d : outbox.pending()) {
            if (d.state == Delivery::Failed)
                chosen->append(d);
        }
        return true;
    }
    *chosen = outbox.findById(id);
    QSet<QString> ids;
    for (const Delivery &d : std::as_const(*chosen))
        ids.insert(d.id);
    if (ids.size() > 1) {
        printErr(QStringLiteral("\"%1\" matches %2 deliveries; give more of the id\n")
                         .arg(id)
                         .arg(ids.size()));
        return false;
    }
    return true;
}

// Sends `chosen` again now and prints what became of each; the number that did not succeed.
int redeliverNow(const Config &config, const QHash<QString, QString> &secrets, Outbox &outbox,
                 QList<Delivery> chosen)
{
    QNetworkAccessManager nam;
    Deliverer deliverer(&nam, &outbox);
    deliverer.setTargets(config.webhooks, secrets, config.deliverySchedule);
    QEventLoop loop;
    QObject::connect(&deliverer, &Deliverer::idle, &loop, &QEventLoop::quit);
    for (Delivery &d : chosen) {
        if (d.state == Delivery::Delivered) // a delivered one is sent again as a fresh record
            d.state = Delivery::Pending;
    }
    deliverer.redeliver(chosen);
    if (!deliverer.isIdle())
        loop.exec();
    int failures = 0;
    for (const Delivery &d : std::as_const(chosen)) {
        const auto current = outbox.load(d.key());
        const QString state = current ? current->stateName() : QStringLiteral("delivered");
        const QString why = current ? current->lastError : QString();
        if (current)
            ++failures;
        printOut(QStringLiteral("%1 -> %2: %3%4\n")
                         .arg(d.id, d.target, state,
                              why.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(why)));
    }
    return failures;
}

int retry(const CliOptions &o)
{
    const QString id = o.command.value(2);
    if (id.isEmpty() == !o.allFailed || o.command.size() > 3) {
        printErr(QStringLiteral("usage: hubhook deliveries retry ID|--all-failed\n"));
        return ExitConfigError;
    }
    Config config;
    QHash<QString, QString> secrets;
    if (!loadConfigWithSecrets(o, &config, &secrets))
        return ExitConfigError;
    Outbox outbox(o.stateDir);
    QList<Delivery> chosen;
    if (!chooseDeliveries(outbox, id, o.allFailed, &chosen))
        return ExitConfigError;
    if (chosen.isEmpty()) {
        printOut(o.allFailed ? QStringLiteral("No failed deliveries.\n")
                             : QStringLiteral("No delivery \"%1\".\n").arg(id));
        return o.allFailed ? ExitOk : ExitFailure;
    }
    return redeliverNow(config, secrets, outbox, chosen) ? ExitFailure : ExitOk;
}

} // namespace

int deliveriesCommand(const CliOptions &o)
{
    const QString verb = o.command.value(1);
    if (verb == QLatin1String("list") && o.command.size() == 2)
        return list(o);
    if (verb == QLatin1String("retry"))
        return retry(o);
    printErr(QStringLiteral("usage: hubhook deliveries list [--json]\n"
                            "       hubhook deliveries retry ID|--all-failed\n"));
    return ExitConfigError;
}

int webhookCommand(const CliOptions &o)
{
    const QString name = o.command.value(2);
    if (o.command.value(1) != QLatin1String("test") || o.command.size() != 3) {
        printErr(QStringLiteral("usage: hubhook webhook test NAME\n"));
        return ExitConfigError;
    }
    Config config;
    QHash<QString, QString> secrets;
    if (!loadConfigWithSecrets(o, &config, &secrets))
        return ExitConfigError;
    const auto hook = std::find_if(config.webhooks.begin(), config.webhooks.end(),
                                   [&](const WebhookConfig &w) { return w.name == name; });
    if (hook == config.webhooks.end()) {
        printErr(QStringLiteral("no webhook named \"%1\" in %2\n").arg(name, o.configPath));
        return ExitConfigError;
    }
    // One request, as the outbox would send it, outside the outbox.
    QNetworkAccessManager nam;
    QEventLoop loop;
    std::optional<WebhookTestResult> result; // a test that cannot be sent ends at once
    sendWebhookTest(&nam, *hook, secrets, &loop, [&](const WebhookTestResult &r) {
        result = r;
        loop.quit();
    });
    if (!result)
        loop.exec();
    const bool ok = result->ok;
    const QString line = !result->sent
            ? result->text + QLatin1Char('\n')
            : QStringLiteral("webhook \"%1\" (%2, %3): %4\n")
                      .arg(name, result->origin, webhookFormatName(hook->format), result->text);
    (ok ? printOut : printErr)(Redactor::instance().redact(line));
    return ok ? ExitOk : ExitFailure;
}

} // namespace hubhook
