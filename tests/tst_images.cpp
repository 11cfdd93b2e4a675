#include "core/Payloads.h"
#include "engine/RebuildPolicy.h"
#include "simulator/github/SimulatedGitHub.h"
#include "tests/support/SimFixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace hubhook;
using namespace simfixture;

namespace {

const QString kClassic = QStringLiteral("ghp_classicREADPACKAGES");
const QString kFineGrained = QStringLiteral("github_pat_FINEGRAINED");

WatchConfig imageWatch(const QString &account, const QString &image, const QStringList &tags,
                       qint64 maxAgeMs)
{
    WatchConfig w;
    w.account = account;
    w.image = image;
    w.tags = tags;
    w.maxAgeMs = maxAgeMs;
    return w;
}

QList<Build> imageRowsOf(const Engine &engine, const QString &image)
{
    for (const RepoState &s : engine.state().repositories()) {
        if (s.repository == image)
            return s.builds;
    }
    return {};
}

QString errorOf(const Engine &engine, const QString &image)
{
    for (const RepoState &s : engine.state().repositories()) {
        if (s.repository == image)
            return s.error;
    }
    return QStringLiteral("<not watched>");
}

QStringList types(const QSignalSpy &spy)
{
    QStringList out;
    for (const auto &args : spy)
        out << eventTypeName(args.at(0).value<Event>().type);
    out.sort();
    return out;
}

} // namespace

// Image watches: a tag's last push on Docker Hub or GHCR, however the image was built, against
// the simulated registries over loopback HTTP.
class TestImages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void staleOnceAcrossSweepsAndARestart();
    void pushMakesFreshAndFiresAfterPushOfOnce();
    void pushAfterARestartMakesFresh();
    void globTagsTakeTheNewestMatch();
    void oldTagWithoutTopLevelDigest();
    void dockerHubErrorsNameTheWatch();
    void ghcrTagOnTheThirdPage();
    void ghcrTokenErrors_data();
    void ghcrTokenErrors();
    void dockerHubPayloadOfAStaleImage();
    void config();

private:
    std::unique_ptr<SimulatedHub> m_hub;
    std::unique_ptr<SimulatedGitHub> m_gh;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<QTemporaryDir> m_dir; // a fresh state directory for each test
    Config hubConfig(const QList<WatchConfig> &watches) const;
    Config ghConfig(const QList<WatchConfig> &watches, bool token) const;
    void startEngine(const Config &config);
};

void TestImages::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_hub = std::make_unique<SimulatedHub>();
    QVERIFY(m_hub->listen(0) != 0);
    m_gh = std::make_unique<SimulatedGitHub>();
    QVERIFY(m_gh->listen(0) != 0);
    m_gh->addToken(kClassic, { QStringLiteral("acme") }, false, true);
    m_gh->addToken(kFineGrained, { QStringLiteral("acme") }, false, false);
    m_secrets = std::make_unique<MemorySecretStore>();
    m_secrets->values.insert(QStringLiteral("gh-token"), kClassic);
    m_hub->addRepository(QStringLiteral("acme"), QStringLiteral("base"));
    m_hub->addRepository(QStringLiteral("acme"), QStringLiteral("child"));
}

void TestImages::cleanup()
{
    m_engine.reset();
    m_gh.reset();
    m_hub.reset();
}

Config TestImages::hubConfig(const QList<WatchConfig> &watches) const
{
    return configFor(m_hub->baseUrl(), watches);
}

Config TestImages::ghConfig(const QList<WatchConfig> &watches, bool token) const
{
    Config c;
    AccountConfig a;
    a.name = QStringLiteral("gh");
    a.provider = QStringLiteral("github");
    a.baseUrl = m_gh->baseUrl();
    if (token)
        a.tokenSecret = QStringLiteral("gh-token");
    c.accounts.insert(a.name, a);
    c.watch = watches;
    c.requestTimeoutMs = 2000;
    return c;
}

void TestImages::startEngine(const Config &config)
{
    m_engine = std::make_unique<Engine>(m_secrets.get());
    m_engine->setStateDir(m_dir->path());
    m_engine->applyConfig(config);
}

void TestImages::staleOnceAcrossSweepsAndARestart()
{
    const QDateTime pushed = QDateTime::currentDateTimeUtc().addSecs(-30 * 3600);
    m_hub->setTag(QStringLiteral("acme/base"), QStringLiteral("latest"), pushed);
    const Config c
            = hubConfig({ imageWatch(QStringLiteral("hub"), QStringLiteral("docker.io/acme/base"),
                                     { QStringLiteral("latest") }, 26 * 3600 * 1000) });
    startEngine(c);
    QSignalSpy raised(m_engine.get(), &Engine::eventRaised);
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    QCOMPARE(types(raised), QStringList { QStringLiteral("image.stale") });
    const QList<Build> rows = imageRowsOf(*m_engine, QStringLiteral("docker.io/acme/base"));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().state, BuildState::Stale);
    QVERIFY(rows.first().image);
    QCOMPARE(rows.first().updated.toSecsSinceEpoch(), pushed.toSecsSinceEpoch());
    QVERIFY(rows.first().digest.startsWith(QStringLiteral("sha256:")));
    QCOMPARE(rows.first().buildCode, rows.first().digest.mid(7, 12));
    // One request per sweep: the single tag.
    QCOMPARE(m_hub->requestCount(QStringLiteral("/tags/latest")), 1);
    sweep(*m_engine);
    QCOMPARE(raised.size(), 1);
    m_engine.reset();
    startEngine(c);
    QSignalSpy again(m_engine.get(), &Engine::eventRaised);
    sweep(*m_engine);
    QCOMPARE(again.size(), 0);
}

void TestImages::pushMakesFreshAndFiresAfterPushOfOnce()
{
    m_hub->setTag(QStringLiteral("acme/base"), QStringLiteral("latest"),
                  QDateTime::currentDateTimeUtc().addSecs(-30 * 3600));
    const QString token = m_hub->addTriggerToken(QStringLiteral("acme/child"));
    Config c = hubConfig({ imageWatch(QStringLiteral("hub"), QStringLiteral("docker.io/acme/base"),
                                      { QStringLiteral("latest") }, 26 * 3600 * 1000) });
    TriggerConfig t;
    t.name = QStringLiteral("child-after-base");
    t.url = m_hub->baseUrl().toString() + QStringLiteral("/u/acme/child/trigger/%1/").arg(token);
    t.afterPushOf = QStringLiteral("docker.io/acme/base:latest");
    c.triggers.append(t);
    startEngine(c);
    sweep(*m_engine);
    QCOMPARE(m_hub->triggerCount(QStringLiteral("acme/child")), 0); // first sight: history
    QSignalSpy raised(m_engine.get(), &Engine::eventRaised);
    QSignalSpy fired(m_engine.get(), &Engine::triggerFired);
    m_hub->pushTag(QStringLiteral("acme/base"), QStringLiteral("latest"));
    sweep(*m_engine);
    QCOMPARE(types(raised),
             (QStringList { QStringLiteral("image.fresh"), QStringLiteral("image.pushed") }));
    QVERIFY(fired.wait(5000) || !fired.isEmpty());
    QCOMPARE(fired.first().at(0).value<TriggerFire>().reason, QStringLiteral("push"));
    QCOMPARE(m_hub->triggerCount(QStringLiteral("acme/child")), 1);
    raised.clear();
    sweep(*m_engine);
    sweep(*m_engine);
    QCOMPARE(raised.size(), 0);
    QCOMPARE(m_hub->triggerCount(QStringLiteral("acme/child")), 1);
}

// detector.json keeps each image row under the key the detector looks it up by: a tag that went
// stale before a restart and is pushed after it is fresh and pushed, once (it was silently
// forgotten: the file reloaded image rows under their build key).
void TestImages::pushAfterARestartMakesFresh()
{
    m_hub->setTag(QStringLiteral("acme/base"), QStringLiteral("latest"),
                  QDateTime::currentDateTimeUtc().addSecs(-30 * 3600));
    const Config c
            = hubConfig({ imageWatch(QStringLiteral("hub"), QStringLiteral("docker.io/acme/base"),
                                     { QStringLiteral("latest") }, 26 * 3600 * 1000) });
    startEngine(c);
    QSignalSpy stale(m_engine.get(), &Engine::eventRaised);
    sweep(*m_engine);
    QCOMPARE(types(stale), QStringList { QStringLiteral("image.stale") });
    m_engine.reset(); // the process ends; the next one reads the state directory
    m_hub->pushTag(QStringLiteral("acme/base"), QStringLiteral("latest"));
    startEngine(c);
    QSignalSpy raised(m_engine.get(), &Engine::eventRaised);
    sweep(*m_engine);
    QCOMPARE(types(raised),
             (QStringList { QStringLiteral("image.fresh"), QStringLiteral("image.pushed") }));
    m_engine.reset();
    startEngine(c);
    QSignalSpy again(m_engine.get(), &Engine::eventRaised);
    sweep(*m_engine);
    QCOMPARE(again.size(), 0);
}

void TestImages::globTagsTakeTheNewestMatch()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_hub->setTag(QStringLiteral("acme/base"), QStringLiteral("v1.0"), now.addDays(-20));
    m_hub->setTag(QStringLiteral("acme/base"), QStringLiteral("v1.2"), now.addDays(-3));
    m_hub->setTag(QStringLiteral("acme/base"), QStringLiteral("v2.0"), now.addDays(-1));
    m_hub->setTag(QStringLiteral("acme/base"), QStringLiteral("v10.1"), now.addDays(-2));
    startEngine(hubConfig({ imageWatch(QStringLiteral("hub"), QStringLiteral("docker.io/acme/base"),
                                       { QStringLiteral("v1.*") }, 7LL * 24 * 3600 * 1000) }));
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    const QList<Build> rows = imageRowsOf(*m_engine, QStringLiteral("docker.io/acme/base"));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().tag, QStringLiteral("v1.*"));
    QCOMPARE(rows.first().cause, QStringLiteral("v1.2")); // not v10.1: '.' is literal
    QCOMPARE(rows.first().state, BuildState::Success);
    // One page of tags, newest first, for a glob.
    QCOMPARE(m_hub->requestCount(QStringLiteral("/tags")), 1);
}

void TestImages::oldTagWithoutTopLevelDigest()
{
    const QString digest = QStringLiteral("sha256:") + QString(64, QLatin1Char('a'));
    m_hub->setTag(QStringLiteral("acme/base"), QStringLiteral("legacy"),
                  QDateTime::currentDateTimeUtc().addDays(-400), digest, false);
    startEngine(hubConfig({ imageWatch(QStringLiteral("hub"), QStringLiteral("docker.io/acme/base"),
                                       { QStringLiteral("legacy") }, 0) }));
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    const QList<Build> rows = imageRowsOf(*m_engine, QStringLiteral("docker.io/acme/base"));
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().digest, digest);
    QCOMPARE(rows.first().state, BuildState::Success); // no max_age: never stale
}

void TestImages::dockerHubErrorsNameTheWatch()
{
    startEngine(hubConfig({ imageWatch(QStringLiteral("hub"), QStringLiteral("docker.io/acme/base"),
                                       { QStringLiteral("nightly") }, 3600 * 1000),
                            imageWatch(QStringLiteral("hub"), QStringLiteral("docker.io/acme/gone"),
                                       { QStringLiteral("latest") }, 3600 * 1000) }));
    sweep(*m_engine);
    const QString missingTag = errorOf(*m_engine, QStringLiteral("docker.io/acme/base"));
    QVERIFY2(missingTag.contains(QStringLiteral("image docker.io/acme/base"))
                     && missingTag.contains(QStringLiteral("404"))
                     && missingTag.contains(QStringLiteral("no tag \"nightly\"")),
             qPrintable(missingTag));
    const QString missingImage = errorOf(*m_engine, QStringLiteral("docker.io/acme/gone"));
    QVERIFY2(missingImage.contains(QStringLiteral("image docker.io/acme/gone"))
                     && missingImage.contains(QStringLiteral("check the watch's image")),
             qPrintable(missingImage));
}

void TestImages::ghcrTagOnTheThirdPage()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // 250 versions, newest first; "stable" sits on the 230th newest.
    for (int i = 250; i >= 1; --i) {
        QStringList tags { QStringLiteral("build-%1").arg(i) };
        if (i == 21)
            tags << QStringLiteral("stable");
        if (i == 250)
            tags << QStringLiteral("latest");
        m_gh->addPackageVersion(QStringLiteral("acme"), QStringLiteral("base"), tags,
                                now.addSecs(-60 * (251 - i)));
    }
    Config c = ghConfig({ imageWatch(QStringLiteral("gh"), QStringLiteral("ghcr.io/acme/base"),
                                     { QStringLiteral("stable"), QStringLiteral("latest") },
                                     8LL * 24 * 3600 * 1000) },
                        true);
    startEngine(c);
    QCOMPARE(sweep(*m_engine).errors, QStringList());
    // Newest first, 100 a page: "latest" is on the first, "stable" on the third; no fourth.
    QCOMPARE(m_gh->requestCount(QStringLiteral("/packages/container/base/versions")), 3);
    const QList<Build> rows = imageRowsOf(*m_engine, QStringLiteral("ghcr.io/acme/base"));
    QCOMPARE(rows.size(), 2);
    for (const Build &b : rows) {
        QCOMPARE(b.provider, QStringLiteral("github"));
        QCOMPARE(b.state, BuildState::Success);
        QVERIFY(b.digest.startsWith(QStringLiteral("sha256:")));
    }
    // The next sweep costs no rate-limit point: the first page answers 304 and the others too.
    m_gh->resetCounts();
    sweep(*m_engine);
    QCOMPARE(m_gh->pointsUsed(kClassic), 0);
}

void TestImages::ghcrTokenErrors_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no token") << QString() << "ghcr.io/acme/base"
                              << "classic token with read:packages";
    QTest::newRow("fine-grained") << kFineGrained << "ghcr.io/acme/base"
                                  << "fine-grained";
    QTest::newRow("no such package") << kClassic << "ghcr.io/acme/nothing"
                                     << "check the image name";
}

void TestImages::ghcrTokenErrors()
{
    QFETCH(QString, token);
    QFETCH(QString, image);
    QFETCH(QString, expected);
    m_gh->addPackageVersion(QStringLiteral("acme"), QStringLiteral("base"),
                            { QStringLiteral("latest") });
    if (!token.isEmpty())
        m_secrets->values.insert(QStringLiteral("gh-token"), token);
    startEngine(
            ghConfig({ imageWatch(QStringLiteral("gh"), image, { QStringLiteral("latest") }, 0) },
                     !token.isEmpty()));
    sweep(*m_engine);
    const QString error = errorOf(*m_engine, image);
    QVERIFY2(error.contains(QStringLiteral("image ") + image) && error.contains(expected),
             qPrintable(error));
}

void TestImages::dockerHubPayloadOfAStaleImage()
{
    const QDateTime pushed = QDateTime::currentDateTimeUtc().addSecs(-50 * 3600);
    m_hub->setTag(QStringLiteral("acme/base"), QStringLiteral("latest"), pushed);
    startEngine(hubConfig({ imageWatch(QStringLiteral("hub"), QStringLiteral("docker.io/acme/base"),
                                       { QStringLiteral("latest") }, 26 * 3600 * 1000) }));
    QSignalSpy raised(m_engine.get(), &Engine::eventRaised);
    sweep(*m_engine);
    QCOMPARE(raised.size(), 1);
    const Event e = raised.first().at(0).value<Event>();
    const QJsonObject hub
            = QJsonDocument::fromJson(renderPayload(WebhookFormat::DockerHub, e)).object();
    QCOMPARE(hub.value("repository").toObject().value("status").toString(),
             QStringLiteral("Stale"));
    QCOMPARE(hub.value("repository").toObject().value("repo_name").toString(),
             QStringLiteral("acme/base"));
    QCOMPARE(hub.value("push_data").toObject().value("pushed_at").toDouble(),
             double(pushed.toSecsSinceEpoch()));
    QCOMPARE(hub.value("push_data").toObject().value("tag").toString(), QStringLiteral("latest"));
    QCOMPARE(hub.value("push_data").toObject().value("digest").toString(), e.build.digest);
    const QByteArray slack = renderPayload(WebhookFormat::Slack, e);
    for (const char *fact :
         { "Image", "docker.io/acme/base", "Digest", "Last push", "Max age", "1d2h" })
        QVERIFY2(slack.contains(fact), fact);
    const QJsonObject json
            = QJsonDocument::fromJson(renderPayload(WebhookFormat::Json, e)).object();
    QCOMPARE(json.value("type").toString(), QStringLiteral("image.stale"));
    QCOMPARE(json.value("build").toObject().value("kind").toString(), QStringLiteral("image"));
    QCOMPARE(json.value("build").toObject().value("max_age_ms").toInteger(), 26LL * 3600 * 1000);
}

void TestImages::config()
{
    const ConfigResult r = parseConfig(R"({"version": 1,
      "accounts": {"hub": {"provider": "dockerhub"}, "gh": {"provider": "github", "token": "secret:t"}},
      "watch": [
        {"account": "hub", "image": "acme/base", "tags": ["latest", "v1.*"], "max_age": "26h"},
        {"account": "gh", "image": "ghcr.io/acme/base", "max_age": "8d"}
      ],
      "triggers": [{"name": "child", "url": "https://example.com/t", "after_push_of": "acme/base:latest"},
                   {"name": "check", "url": "https://example.com/u",
                    "expect_build": {"repository": "ghcr.io/acme/base", "tag": "latest"}}]
    })");
    QVERIFY2(r.ok(), qPrintable(r.errors.join('\n')));
    QCOMPARE(r.config.watch.at(0).image, QStringLiteral("docker.io/acme/base"));
    QCOMPARE(r.config.watch.at(0).maxAgeMs, 26LL * 3600 * 1000);
    QCOMPARE(r.config.watch.at(1).tags, QStringList { QStringLiteral("latest") });
    QCOMPARE(r.config.triggers.at(0).afterPushOf, QStringLiteral("docker.io/acme/base:latest"));
    const ConfigResult bad = parseConfig(R"({"version": 1,
      "accounts": {"hub": {"provider": "dockerhub"}},
      "watch": [{"account": "hub", "image": "ghcr.io/acme/base"}],
      "triggers": [{"name": "child", "url": "https://example.com/t", "after_push_of": "acme/other:latest"}]
    })");
    const QString errors = bad.errors.join('\n');
    QVERIFY2(errors.contains(QStringLiteral("watch[0].image: a GHCR image needs a GitHub account")),
             qPrintable(errors));
    QVERIFY2(errors.contains(QStringLiteral("triggers[0].after_push_of: no image watch of "
                                            "docker.io/acme/other")),
             qPrintable(errors));
}

QTEST_MAIN(TestImages)
#include "tst_images.moc"
