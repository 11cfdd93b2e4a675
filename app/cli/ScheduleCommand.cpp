#include "cli/ScheduleCommand.h"
#include "support/Clock.h"

#include "cli/Cli.h"
#include "core/Schedule.h"
#include "support/TimeText.h"

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

namespace {

struct NextArguments
{
    QStringList words; // the expression, possibly in several arguments
    std::optional<QString> count;
    std::optional<QString> from;
};

// --count N and --from TIME (also --count=N); "--" ends the options. The error, or empty.
QString parseNextArguments(const QStringList &arguments, NextArguments *args)
{
    bool optionsDone = false;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (optionsDone || !argument.startsWith(QLatin1String("--"))) {
            args->words.append(argument);
            continue;
        }
        if (argument == QLatin1String("--")) {
            optionsDone = true;
            continue;
        }
        const int equals = argument.indexOf(QLatin1Char('='));
        const QString name = argument.left(equals < 0 ? argument.size() : equals);
        std::optional<QString> *value = name == QLatin1String("--count") ? &args->count
                : name == QLatin1String("--from")                        ? &args->from
                                                                         : nullptr;
        if (!value)
            return QStringLiteral("schedule next: unknown option %1 (use --count N or --from TIME)")
                    .arg(name);
        if (equals >= 0)
            *value = argument.mid(equals + 1);
        else if (i + 1 < arguments.size())
            *value = arguments.at(++i);
        else
            return QStringLiteral("%1: missing value").arg(name);
    }
    return {};
}

QString parseCount(const std::optional<QString> &text, int *count)
{
    if (!text)
        return {};
    static const QRegularExpression number(QStringLiteral("^[0-9]{1,4}$"));
    *count = number.match(*text).hasMatch() ? text->toInt() : 0;
    if (*count < 1 || *count > 1000)
        return QStringLiteral("--count: \"%1\" is not a number from 1 to 1000").arg(*text);
    return {};
}

QString parseFrom(const std::optional<QString> &text, QDateTime *from)
{
    if (!text)
        return {};
    static const QRegularExpression withOffset(QStringLiteral("([Zz]|[+-][0-9]{2}(:?[0-9]{2})?)$"));
    *from = parseApiTime(text->trimmed());
    if (!from->isValid() || !withOffset.match(text->trimmed()).hasMatch())
        return QStringLiteral("--from: \"%1\" is not an ISO 8601 time with a UTC offset, e.g. "
                              "2026-03-08T01:00:00-05:00")
                .arg(*text);
    return {};
}

} // namespace

int runScheduleNext(const QStringList &arguments, QString *out, QString *err)
{
    NextArguments args;
    int count = 5;
    QDateTime from = Clock::now();
    QString problem = parseNextArguments(arguments, &args);
    if (problem.isEmpty())
        problem = parseCount(args.count, &count);
    if (problem.isEmpty())
        problem = parseFrom(args.from, &from);
    if (problem.isEmpty() && args.words.isEmpty())
        problem = QStringLiteral("schedule next: missing the schedule expression");
    const QString expression = args.words.join(QLatin1Char(' '));
    std::optional<Schedule> schedule;
    if (problem.isEmpty()) {
        QString error;
        schedule = Schedule::parse(expression, &error);
        if (!schedule)
            problem = QStringLiteral("invalid schedule \"%1\": %2").arg(expression, error);
    }
    const QList<QDateTime> times = schedule
            ? schedule->nextTimes(from, count, QTimeZone::systemTimeZone())
            : QList<QDateTime>();
    if (problem.isEmpty() && times.isEmpty()) // its years are all past: as useless as invalid
        problem = QStringLiteral("schedule \"%1\" never fires after %2")
                          .arg(expression,
                               formatScheduleTime(from.toTimeZone(QTimeZone::systemTimeZone())));
    out->clear();
    *err = problem;
    if (!problem.isEmpty())
        return ExitConfigError;
    for (const QDateTime &time : times)
        *out += formatScheduleTime(time) + QLatin1Char('\n');
    if (times.size() < count)
        *err = QStringLiteral("schedule \"%1\" never fires after %2")
                       .arg(expression, formatScheduleTime(times.last()));
    return ExitOk;
}

} // namespace hubhook
