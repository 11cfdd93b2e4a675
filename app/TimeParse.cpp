#include "TimeParse.h"

#include <QLocale>
#include <QRegularExpression>

namespace hubhook {

namespace {

QDateTime parseIso(const QString &text)
{
    static const QRegularExpression re(QStringLiteral(
            R"(^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)"
            R"((Z|z|[+-]\d{2}(?::?\d{2})?)?$)"));
    const auto m = re.match(text.trimmed());
    if (!m.hasMatch())
        return {};
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    QString fraction = m.captured(7);
    const int ms = fraction.isEmpty() ? 0 : (fraction + QStringLiteral("00")).left(3).toInt();
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(), ms);
    if (!date.isValid() || !time.isValid())
        return {};
    int offsetSeconds = 0;
    const QString zone = m.captured(8);
    if (!zone.isEmpty() && zone.compare(QStringLiteral("z"), Qt::CaseInsensitive) != 0) {
        const int sign = zone.startsWith(QLatin1Char('-')) ? -1 : 1;
        QString digits = zone.mid(1);
        digits.remove(QLatin1Char(':'));
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() >= 4 ? digits.mid(2, 2).toInt() : 0;
        if (hours > 23 || minutes > 59)
            return {};
        offsetSeconds = sign * (hours * 3600 + minutes * 60);
    }
    return QDateTime(date, time, Qt::OffsetFromUTC, offsetSeconds).toUTC();
}

QDateTime parseRfc2822(const QString &text)
{
    QDateTime t = QDateTime::fromString(text.trimmed(), Qt::RFC2822Date);
    return t.isValid() ? t.toUTC() : QDateTime();
}

} // namespace

QDateTime parseApiTime(const QString &text)
{
    if (text.trimmed().isEmpty())
        return {};
    QDateTime t = parseIso(text);
    if (!t.isValid())
        t = parseRfc2822(text);
    return t;
}

QString formatApiTime(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(Qt::ISODateWithMs);
}

std::optional<qint64> parseDuration(const QString &text)
{
    static const QRegularExpression part(QStringLiteral(R"((\d+)(ms|s|m|h|d))"));
    const QString t = text.trimmed();
    if (t.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    int pos = 0;
    auto it = part.globalMatch(t);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedStart() != pos)
            return std::nullopt;
        pos = m.capturedEnd();
        const qint64 n = m.captured(1).toLongLong();
        const QString unit = m.captured(2);
        const qint64 factor = unit == QLatin1String("ms") ? 1
                : unit == QLatin1String("s")              ? 1000
                : unit == QLatin1String("m")              ? 60 * 1000
                : unit == QLatin1String("h")              ? 3600 * 1000
                                                          : 24 * 3600 * 1000;
        total += n * factor;
    }
    if (pos != t.size())
        return std::nullopt;
    return total;
}

QString formatDuration(qint64 ms)
{
    if (ms < 1000)
        return QStringLiteral("%1ms").arg(ms);
    qint64 s = ms / 1000;
    QString out;
    const qint64 d = s / 86400, h = (s % 86400) / 3600, m = (s % 3600) / 60, sec = s % 60;
    if (d)
        out += QStringLiteral("%1d").arg(d);
    if (h)
        out += QStringLiteral("%1h").arg(h);
    if (m)
        out += QStringLiteral("%1m").arg(m);
    if (sec || out.isEmpty())
        out += QStringLiteral("%1s").arg(sec);
    return out;
}

QString formatAge(const QDateTime &time, const QDateTime &now)
{
    if (!time.isValid())
        return QStringLiteral("-");
    const qint64 s = time.secsTo(now);
    if (s < 0)
        return QStringLiteral("in the future");
    if (s < 60)
        return QStringLiteral("just now");
    if (s < 3600)
        return QStringLiteral("%1m ago").arg(s / 60);
    if (s < 86400)
        return QStringLiteral("%1h ago").arg(s / 3600);
    return QStringLiteral("%1d ago").arg(s / 86400);
}

} // namespace hubhook
