#include "support/TimeText.h"

#include <cstdio>

#include <QLocale>
#include <QRegularExpression>

namespace hubhook {

namespace {

// The usual API shape, "2024-05-01T12:34:56[.ffffff]Z", without a regular expression
// (a match per timestamp is most of the parsing cost of a sweep). Invalid when it is not.
QDateTime parseHubTime(QStringView t)
{
    auto digits = [t](qsizetype at, int count, int *out) {
        int v = 0;
        for (int i = 0; i < count; ++i) {
            const char16_t c = t[at + i].unicode();
            if (c < u'0' || c > u'9')
                return false;
            v = v * 10 + (c - u'0');
        }
        *out = v;
        return true;
    };
    const qsizetype n = t.size();
    int y, mo, d, h, mi, s;
    if (n < 20 || t[n - 1] != u'Z' || t[4] != u'-' || t[7] != u'-' || t[10] != u'T' || t[13] != u':'
        || t[16] != u':' || !digits(0, 4, &y) || !digits(5, 2, &mo) || !digits(8, 2, &d)
        || !digits(11, 2, &h) || !digits(14, 2, &mi) || !digits(17, 2, &s))
        return {};
    int ms = 0;
    if (n > 20) {
        if (t[19] != u'.' || n == 21)
            return {};
        int scale = 100;
        for (qsizetype i = 20; i < n - 1; ++i) {
            const char16_t c = t[i].unicode();
            if (c < u'0' || c > u'9')
                return {};
            ms += (c - u'0') * scale;
            scale /= 10;
        }
    }
    const QDate date(y, mo, d);
    const QTime time(h, mi, s, ms);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

QDateTime parseIso(const QString &text)
{
    if (const QDateTime fast = parseHubTime(text); fast.isValid())
        return fast;
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

bool isPlausibleTime(const QDateTime &time)
{
    if (!time.isValid())
        return false;
    const int year = time.toUTC().date().year();
    return year >= kMinPlausibleYear && year <= kMaxPlausibleYear;
}

QDateTime parseApiTime(const QString &text)
{
    if (text.trimmed().isEmpty())
        return {};
    QDateTime t = parseIso(text);
    if (!t.isValid())
        t = parseRfc2822(text);
    // "17 Sep 200414" is a valid RFC 2822 date to Qt; to Hubhook it is a typo, and a time
    // formatApiTime could not write back.
    return isPlausibleTime(t) ? t : QDateTime();
}

TimeFraction apiTimeFraction(QStringView text)
{
    TimeFraction f;
    const qsizetype t = text.indexOf(QLatin1Char('T'));
    const qsizetype dot = t < 0 ? -1 : text.indexOf(QLatin1Char('.'), t);
    if (dot < 0) {
        f.digits = 0;
        return f;
    }
    int digits = 0, micros = 0;
    for (qsizetype i = dot + 1; i < text.size() && text.at(i).isDigit(); ++i, ++digits) {
        if (digits >= 3 && digits < 6)
            micros = micros * 10 + text.at(i).digitValue();
    }
    for (int d = std::max(digits, 3); d < 6; ++d)
        micros *= 10; // ".6547" -> 700 micros
    f.digits = qint8(std::min(digits, 6));
    f.micros = qint16(digits > 3 ? micros : 0);
    return f;
}

QString formatApiTime(const QDateTime &time, TimeFraction fraction)
{
    const QString text = formatApiTime(time);
    if (text.isEmpty() || fraction.digits == 3 || fraction.digits < 0)
        return text;
    // text is "YYYY-MM-DDTHH:MM:SS.mmmZ": the seconds end at 19.
    QString out = text.left(19);
    if (fraction.digits > 0) {
        char micros[4];
        std::snprintf(micros, sizeof micros, "%03d", std::clamp<int>(fraction.micros, 0, 999));
        out += (text.mid(19, 4) + QLatin1String(micros)).left(1 + fraction.digits);
    }
    return out + QLatin1Char('Z');
}

QString formatApiTime(const QDateTime &time)
{
    if (!isPlausibleTime(time))
        return {};
    // What toString(Qt::ISODateWithMs) writes, at a fraction of its cost.
    const QDateTime utc = time.toUTC();
    const QDate d = utc.date();
    const QTime t = utc.time();
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", d.year(), d.month(),
                  d.day(), t.hour(), t.minute(), t.second(), t.msec());
    return QString::fromLatin1(text);
}

std::optional<qint64> parseDuration(const QString &text, DurationError *error)
{
    static const QRegularExpression part(QStringLiteral(R"((\d+)(ms|s|m|h|d))"));
    auto fail = [error](DurationError e) {
        if (error)
            *error = e;
        return std::nullopt;
    };
    if (error)
        *error = DurationError::None;
    const QString t = text.trimmed();
    if (t.isEmpty())
        return fail(DurationError::Syntax);
    qint64 total = 0;
    qsizetype pos = 0;
    bool overflow = false;
    auto it = part.globalMatch(t);
    while (it.hasNext()) {
        const auto m = it.next();
        if (m.capturedStart() != pos)
            return fail(DurationError::Syntax);
        pos = m.capturedEnd();
        bool ok = false;
        const qint64 n = m.captured(1).toLongLong(&ok); // false past 2^63 - 1
        const QString unit = m.captured(2);
        const qint64 factor = unit == QLatin1String("ms") ? 1
                : unit == QLatin1String("s")              ? 1000
                : unit == QLatin1String("m")              ? 60 * 1000
                : unit == QLatin1String("h")              ? 3600 * 1000
                                                          : 24 * 3600 * 1000;
        // Checked: the sum of the parts stays within kMaxDurationMs.
        if (!ok || n > kMaxDurationMs / factor || n * factor > kMaxDurationMs - total)
            overflow = true;
        else
            total += n * factor;
    }
    if (pos != t.size())
        return fail(DurationError::Syntax);
    if (overflow)
        return fail(DurationError::OutOfRange);
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
