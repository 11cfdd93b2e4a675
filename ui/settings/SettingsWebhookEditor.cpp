#include "ui/settings/SettingsWebhookEditor.h"
#include "support/Clock.h"

#include "config/ConfigWriter.h"
#include "core/Payloads.h"
#include "core/Signature.h"
#include "engine/WebhookTest.h"
#include "secrets/Secrets.h"
#include "support/TimeText.h"
#include "ui/settings/SettingsProviderFields.h"
#include "ui/settings/SettingsSecretFields.h"

#include <memory>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>

namespace hubhook {

namespace {

// The providers whose builds the "dockerhub" format describes (fitsDockerHubPayload).
QStringList fittingProviders()
{
    QStringList ids;
    for (const ProviderInfo *p : providerInfos()) {
        if (p->fitsDockerHubPayload())
            ids.append(p->id());
    }
    return ids;
}

// The providers' display names, joined: "A, B and C".
QString providerNames(const QStringList &ids, const QString &last = QString())
{
    QStringList names;
    for (const QString &id : ids)
        names.append(providerDisplayName(id));
    return joinWords(names, last);
}

// The same providers: an empty list is every provider.
bool sameProviders(QStringList a, QStringList b)
{
    for (QStringList *ids : { &a, &b }) {
        if (ids->isEmpty())
            *ids = providerIds();
        ids->sort();
        ids->removeDuplicates();
    }
    return a == b;
}

const QList<WebhookFormat> kFormats
        = { WebhookFormat::Json, WebhookFormat::DockerHub, WebhookFormat::Slack,
            WebhookFormat::Discord, WebhookFormat::Teams };

} // namespace

WebhookEditor::WebhookEditor(SecretStore *store)
    : m_store(store),
      m_name(new QLineEdit(this)),
      m_url(new SecretUrlField(this)),
      m_format(new QComboBox(this)),
      m_providers(new QComboBox(this)),
      m_providersError(makeErrorLabel(QStringLiteral("providersError"), this)),
      m_events(new EventChecks(QStringLiteral("eventCheck_"), this)),
      m_repositories(new QLineEdit(this)),
      m_sign(new SecretLineEdit(QStringLiteral("signEdit"), this)),
      m_headers(new QPlainTextEdit(this)),
      m_insecure(new QCheckBox(tr("Accept an invalid TLS certificate"), this)),
      m_insecureWarning(new QLabel(this)),
      m_timeout(new QLineEdit(this)),
      m_sendTest(new QPushButton(tr("Send test"), this)),
      m_sendTestResult(new QLabel(this)),
      m_nameError(makeErrorLabel(QStringLiteral("nameError"), this)),
      m_signError(makeErrorLabel(QStringLiteral("signError"), this)),
      m_headersError(makeErrorLabel(QStringLiteral("headersError"), this)),
      m_timeoutError(makeErrorLabel(QStringLiteral("timeoutError"), this))
{
    setObjectName(QStringLiteral("webhookEditor"));
    setUpFields();
    layOut();
    connectChanges();
    load(WebhookConfig());
}

void WebhookEditor::setUpFields()
{
    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_format->setObjectName(QStringLiteral("formatCombo"));
    for (WebhookFormat f : kFormats)
        m_format->addItem(webhookFormatName(f));
    // Every provider (an empty list), or one of them.
    m_providers->setObjectName(QStringLiteral("providersCombo"));
    m_providers->addItem(providerNames(providerIds()), QStringList());
    for (const QString &id : providerIds())
        m_providers->addItem(tr("%1 only").arg(providerDisplayName(id)), QStringList { id });
    m_providers->setToolTip(tr("Whose events this webhook receives. The \"%1\" format "
                               "describes %2 builds only.")
                                    .arg(webhookFormatName(WebhookFormat::DockerHub),
                                         providerNames(fittingProviders(), tr("or"))));
    m_repositories->setObjectName(QStringLiteral("repositoriesEdit"));
    m_repositories->setPlaceholderText(tr("every repository (or patterns: acme/*, other/app)"));
    m_sign->setPlainPlaceholder(QStringLiteral("whsec_…"));
    m_headers->setObjectName(QStringLiteral("headersEdit"));
    m_headers->setPlaceholderText(
            tr("one per line: X-Team: platform (a value may be secret:NAME)"));
    m_headers->setMaximumHeight(70);
    m_insecure->setObjectName(QStringLiteral("insecureTlsCheck"));
    m_insecureWarning->setObjectName(QStringLiteral("insecureTlsWarning"));
    m_insecureWarning->setText(tr("⚠ Anyone between Hubhook and this receiver can read and alter "
                                  "the events. Use it only for a test receiver."));
    m_insecureWarning->setWordWrap(true);
    m_insecureWarning->setStyleSheet(QStringLiteral("color: #b26a00;"));
    m_insecureWarning->hide();
    m_timeout->setObjectName(QStringLiteral("timeoutEdit"));
    m_sendTest->setObjectName(QStringLiteral("sendTestButton"));
    m_sendTestResult->setObjectName(QStringLiteral("sendTestResult"));
    m_sendTestResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void WebhookEditor::layOut()
{
    auto *test = new QHBoxLayout;
    test->addWidget(m_sendTest);
    test->addWidget(m_sendTestResult, 1);
    auto *insecure = new QVBoxLayout;
    insecure->addWidget(m_insecure);
    insecure->addWidget(m_insecureWarning);
    auto *form = new QFormLayout(this);
    form->addRow(tr("Name"), withError(m_name, m_nameError));
    form->addRow(tr("URL"), m_url);
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Providers"), withError(m_providers, m_providersError));
    form->addRow(tr("Events"), m_events);
    form->addRow(tr("Repositories"), m_repositories);
    form->addRow(tr("Signing secret"), withError(m_sign, m_signError));
    form->addRow(tr("Extra headers"), withError(m_headers, m_headersError));
    form->addRow(tr("TLS"), insecure);
    form->addRow(tr("Timeout"), withError(m_timeout, m_timeoutError));
    form->addRow(QString(), test);
}

void WebhookEditor::connectChanges()
{
    for (QLineEdit *edit : { m_name, m_repositories, static_cast<QLineEdit *>(m_sign), m_timeout })
        connect(edit, &QLineEdit::textChanged, this, &SettingsItemEditor::changed);
    connect(m_url, &SecretUrlField::changed, this, &SettingsItemEditor::changed);
    connect(m_events, &EventChecks::changed, this, &SettingsItemEditor::changed);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &SettingsItemEditor::changed);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        // The "dockerhub" format describes the builds of the providers that fit it only.
        if (kFormats.value(m_format->currentIndex()) == WebhookFormat::DockerHub)
            selectProviders(fittingProviders());
        Q_EMIT changed();
    });
    connect(m_providers, &QComboBox::currentIndexChanged, this, &SettingsItemEditor::changed);
    connect(m_insecure, &QCheckBox::toggled, this, [this](bool on) {
        m_insecureWarning->setVisible(on);
        Q_EMIT changed();
    });
    connect(m_name, &QLineEdit::textChanged, this, [this](const QString &name) {
        m_url->edit()->setDefaultReference(secretNameFor(name.trimmed(), QStringLiteral("url")));
        m_sign->setDefaultReference(secretNameFor(name.trimmed(), QStringLiteral("signing")));
    });
    connect(m_sendTest, &QPushButton::clicked, this, [this] { sendTest(); });
}

void WebhookEditor::load(const WebhookConfig &w)
{
    m_loaded = w;
    m_name->setText(w.name);
    m_url->load(w.url, w.urlSecret);
    m_format->setCurrentIndex(int(kFormats.indexOf(w.format)));
    selectProviders(w.providers);
    m_events->setEvents(w.events);
    m_repositories->setText(joinList(w.repositories));
    m_sign->setReference(w.signSecret);
    m_headers->setPlainText(headerLines(w.headers));
    m_insecure->setChecked(w.insecureTls);
    m_timeout->setText(configDuration(w.timeoutMs));
}

WebhookConfig WebhookEditor::item() const
{
    WebhookConfig w = m_loaded;
    w.name = name();
    m_url->apply(&w.url, &w.urlSecret);
    w.format = kFormats.value(m_format->currentIndex(), WebhookFormat::Json);
    const QStringList providers = m_providers->currentData().toStringList();
    // As loaded when it means the same (a list of every provider is every provider).
    w.providers = sameProviders(m_loaded.providers, providers) ? m_loaded.providers : providers;
    w.events = m_events->events();
    w.repositories = splitList(m_repositories->text());
    w.signSecret = m_sign->hasNewValue() ? m_sign->effectiveReference() : m_sign->reference();
    w.headers = parseHeaderLines(m_headers->toPlainText(), nullptr);
    w.insecureTls = m_insecure->isChecked();
    w.timeoutMs = parseDuration(m_timeout->text()).value_or(w.timeoutMs);
    return w;
}

QList<SettingsIssue> WebhookEditor::issues(const Config &config) const
{
    QList<SettingsIssue> out;
    if (const QString p = providersProblem(config); !p.isEmpty())
        out.append({ {}, tr("Providers"), p, m_providersError });
    if (const QString p = m_url->problem(); !p.isEmpty())
        out.append({ {}, tr("URL"), p, m_url->errorLabel() });
    if (m_sign->hasNewValue()) {
        QString error;
        if (!m_sign->text().startsWith(QLatin1String("whsec_")))
            error = tr("a Standard Webhooks secret starts with \"whsec_\"");
        else if (standardWebhookSignature(m_sign->text(), QStringLiteral("msg_check"), 0, {},
                                          &error)
                         .isEmpty())
            error = error.isEmpty() ? tr("not a valid secret") : error;
        else
            error.clear();
        if (!error.isEmpty())
            out.append({ {}, tr("Signing secret"), error, m_signError });
    }
    QString headers;
    parseHeaderLines(m_headers->toPlainText(), &headers);
    if (!headers.isEmpty())
        out.append({ {}, tr("Extra headers"), headers, m_headersError });
    if (const QString p = durationProblem(m_timeout->text(), 100); !p.isEmpty())
        out.append({ {}, tr("Timeout"), p, m_timeoutError });
    return out;
}

// The choice of `ids` (every provider, or one); a list the combo does not offer yet (some of
// three providers) becomes a choice of its own.
void WebhookEditor::selectProviders(const QStringList &ids)
{
    for (int i = 0; i < m_providers->count(); ++i) {
        if (sameProviders(m_providers->itemData(i).toStringList(), ids)) {
            m_providers->setCurrentIndex(i);
            return;
        }
    }
    m_providers->addItem(tr("%1 only").arg(providerNames(ids)), ids);
    m_providers->setCurrentIndex(m_providers->count() - 1);
}

// As the config parser checks it (dockerHubFormatConflict): the "dockerhub" format must
// not describe a build of a provider that does not fit it.
QString WebhookEditor::providersProblem(const Config &config) const
{
    const WebhookConfig w = item();
    const int i = dockerHubFormatConflict(w, config);
    if (i < 0)
        return {};
    const WatchConfig &watch = config.watch[i];
    const ProviderInfo *p = providerInfo(config.accounts.value(watch.account).provider);
    return tr("the \"%1\" format describes %2 builds, but the %3 runs of %4 could reach this "
              "webhook: choose %5 only, or another format")
            .arg(webhookFormatName(w.format), providerNames(fittingProviders(), tr("or")),
                 p ? p->siteName() : watch.account, watch.label(),
                 providerNames(fittingProviders()));
}

void WebhookEditor::sendTest()
{
    WebhookConfig target = item();
    if (target.name.isEmpty())
        target.name = QStringLiteral("test");
    QStringList needed;
    QString url;
    SecretLineEdit *urlEdit = m_url->edit();
    if (urlEdit->secretMode() && !urlEdit->hasNewValue() && !urlEdit->reference().isEmpty()) {
        needed.append(urlEdit->reference());
    } else if (const QString p = httpUrlProblem(urlEdit->text()); !p.isEmpty()) {
        showResult(tr("URL: %1").arg(p), false);
        return;
    } else {
        url = urlEdit->text().trimmed();
    }
    QString sign;
    if (m_sign->hasNewValue())
        sign = m_sign->text();
    else if (!target.signSecret.isEmpty())
        needed.append(target.signSecret);
    for (const auto &header : std::as_const(target.headers)) {
        if (const QString ref = secretReference(header.second); !ref.isEmpty())
            needed.append(ref);
    }
    m_sendTest->setEnabled(false);
    showResult(tr("sending…"), true);
    QPointer<WebhookEditor> self(this);
    resolveSecrets(m_store, needed, [self, target, url, sign](const ResolvedSecrets &r) mutable {
        if (!self)
            return;
        if (!r.errors.isEmpty()) {
            self->m_sendTest->setEnabled(true);
            self->showResult(r.errors.first(), false);
            return;
        }
        QHash<QString, QString> secrets = r.values;
        target.url = url.isEmpty() ? secrets.value(target.urlSecret) : url;
        target.urlSecret.clear();
        if (!sign.isEmpty()) {
            target.signSecret = QStringLiteral("send-test-signing");
            secrets.insert(target.signSecret, sign);
        }
        self->post(target, secrets);
    });
}

void WebhookEditor::post(const WebhookConfig &target, const QHash<QString, QString> &secrets)
{
    // One request, as the outbox would send it, outside the outbox (engine/WebhookTest).
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
    sendWebhookTest(m_nam, target, secrets, this, [this](const WebhookTestResult &r) {
        m_sendTest->setEnabled(true);
        showResult(r.text, r.ok);
    });
}

void WebhookEditor::showResult(const QString &text, bool ok)
{
    m_sendTestResult->setText(text);
    m_sendTestResult->setStyleSheet(ok ? QString() : QStringLiteral("color: #c62828;"));
}

} // namespace hubhook
