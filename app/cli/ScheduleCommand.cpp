#include "cli/ScheduleCommand.h"
#include "support/Clock.h"

#include "core/Schedule.h"
#include "support/TimeParse.h"

#include <QRegularExpression>
#include <QTimeZone>

namespace hubhook {

QString formatScheduleTime(const QDateTime &time)
{
    const int offset = time.offsetFromUtc();
    const int minutes = qAbs(offset) / 60;
    return time.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"))
            + (offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
            + QStringLiteral("%1:%2")
                      .arg(minutes / 60, 2, 10, QLatin1Char('0'))
                      .arg(minutes % 60, 2, 10, QLatin1Char('0'));
}

int runScheduleNext(const QStringList &arguments, QString *out, QString *err)
{
    auto usage = [err](const QString &message) {
        *err = message;
        return 2;
    };
    QStringList words;
    QString countText, fromText;
    bool countGiven = false, fromGiven = false, optionsDone = false;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (optionsDone || !argument.startsWith(QLatin1String("--"))) {
            words.append(argument);
            continue;
        }
        if (argument == QLatin1String("--")) {
            optionsDone = true;
            continue;
        }
        const int equals = argument.indexOf(QLatin1Char('='));
        const QString name = argument.left(equals < 0 ? argument.size() : equals);
        QString *value = nullptr;
        if (name == QLatin1String("--count")) {
            value = &countText;
            countGiven = true;
        } else if (name == QLatin1String("--from")) {
            value = &fromText;
            fromGiven = true;
        } else {
            return usage(QStringLiteral("schedule next: unknown option %1 (use --count N or "
                                        "--from TIME)")
                                 .arg(name));
        }
        if (equals >= 0) {
            *value = argument.mid(equals + 1);
        } else if (i + 1 < arguments.size()) {
            *value = arguments.at(++i);
        } else {
            return usage(QStringLiteral("%1: missing value").arg(name));
        }
    }

    int count = 5;
    if (countGiven) {
        static const QRegularExpression number(QStringLiteral("^[0-9]{1,4}$"));
        count = number.match(countText).hasMatch() ? countText.toInt() : 0;
        if (count < 1 || count > 1000) {
            return usage(QStringLiteral("--count: \"%1\" is not a number from 1 to 1000")
                                 .arg(countText));
        }
    }

    QDateTime from = Clock::now();
    if (fromGiven) {
        static const QRegularExpression withOffset(
                QStringLiteral("([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$"));
        from = parseApiTime(fromText.trimmed());
        if (!from.isValid() || !withOffset.match(fromText.trimmed()).hasMatch()) {
            return usage(QStringLiteral("--from: \"%1\" is not an ISO 8601 time with a UTC "
                                        "offset, e.g. 2026-03-08T01:00:00-05:00")
                                 .arg(fromText));
        }
    }

    if (words.isEmpty())
        return usage(QStringLiteral("schedule next: missing the schedule expression"));
    const QString expression = words.join(QLatin1Char(' '));
    QString error;
    const std::optional<Schedule> schedule = Schedule::parse(expression, &error);
    if (!schedule)
        return usage(QStringLiteral("invalid schedule \"%1\": %2").arg(expression, error));

    const QList<QDateTime> times = schedule->nextTimes(from, count, QTimeZone::systemTimeZone());
    out->clear();
    for (const QDateTime &time : times)
        *out += formatScheduleTime(time) + QLatin1Char('\n');
    err->clear();
    if (times.isEmpty()) {
        // Its years are all past: as useless as an invalid schedule.
        return usage(
                QStringLiteral("schedule \"%1\" never fires after %2")
                        .arg(expression,
                             formatScheduleTime(from.toTimeZone(QTimeZone::systemTimeZone()))));
    }
    if (times.size() < count) {
        *err = QStringLiteral("schedule \"%1\" never fires after %2")
                       .arg(expression, formatScheduleTime(times.last()));
    }
    return 0;
}

} // namespace hubhook
