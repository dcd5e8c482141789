using System.Globalization;
using Cronos;

namespace ChatBilling.Core.Recurring;

/// <summary>A period to bill: when it starts, the issue date, a key unique within its schedule, and a name for people.</summary>
public sealed record Period(DateTimeOffset At, DateOnly IssueDate, string Key, string Name);

/// <summary>Works out a schedule's periods. Pure: the same schedule and instants give the same periods on every host.</summary>
public static class ScheduleCalendar
{
    /// <summary>Periods starting after <paramref name="after"/> (or from the schedule's start) up to and including <paramref name="until"/>.</summary>
    public static IEnumerable<Period> Between(RecurringSchedule schedule, DateTimeOffset? after, DateTimeOffset until)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        foreach (var period in All(schedule, zone, after ?? DateTimeOffset.MinValue))
        {
            if (period.At > until) yield break;
            if (schedule.EndsOn is { } end && period.IssueDate > end) yield break;
            yield return period;
        }
    }

    /// <summary>The first period starting after <paramref name="now"/>; null when the schedule has ended.</summary>
    public static Period? Next(RecurringSchedule schedule, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone);
        var next = All(schedule, zone, now).FirstOrDefault();
        return next is null || schedule.EndsOn is { } end && next.IssueDate > end ? null : next;
    }

    private static IEnumerable<Period> All(RecurringSchedule schedule, TimeZoneInfo zone, DateTimeOffset after) =>
        schedule.Cadence == Cadence.Cron ? CronPeriods(schedule, zone, after) : MonthlyPeriods(schedule, zone, after);

    private static IEnumerable<Period> MonthlyPeriods(RecurringSchedule schedule, TimeZoneInfo zone, DateTimeOffset after)
    {
        var step = schedule.Cadence == Cadence.Quarterly ? 3 : 1;
        var month = new DateOnly(schedule.StartsOn.Year, schedule.StartsOn.Month, 1);
        // Jump close to "after" rather than walking from the start month by month.
        if (after > DateTimeOffset.MinValue)
        {
            var afterMonth = new DateOnly(after.Year, after.Month, 1);
            var skip = ((afterMonth.Year - month.Year) * 12 + afterMonth.Month - month.Month) / step - 1;
            if (skip > 0) month = month.AddMonths(skip * step);
        }
        for (; month.Year < 9999; month = month.AddMonths(step))
        {
            var day = Math.Min(schedule.DayOfMonth ?? 1, DateTime.DaysInMonth(month.Year, month.Month));
            var issued = new DateOnly(month.Year, month.Month, day);
            if (issued < schedule.StartsOn) continue;
            var at = StartOfDay(issued, zone);
            if (at <= after) continue;
            var name = schedule.Cadence == Cadence.Quarterly
                ? $"{Format(month, "MMMM")} to {Format(month.AddMonths(2), "MMMM yyyy")}"
                : Format(month, "MMMM yyyy");
            yield return new(at, issued, Format(month, "yyyy-MM"), name);
        }
    }

    private static IEnumerable<Period> CronPeriods(RecurringSchedule schedule, TimeZoneInfo zone, DateTimeOffset after)
    {
        var cron = CronExpression.Parse(schedule.Cron!);
        var from = StartOfDay(schedule.StartsOn, zone);
        var cursor = after > from ? after : from.AddTicks(-1);
        while (cron.GetNextOccurrence(cursor, zone) is { } next)
        {
            var utc = next.ToUniversalTime();
            var local = TimeZoneInfo.ConvertTime(utc, zone);
            yield return new(utc, DateOnly.FromDateTime(local.DateTime),
                utc.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture), local.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
            cursor = next;
        }
    }

    private static string Format(DateOnly month, string format) => month.ToString(format, CultureInfo.InvariantCulture);

    private static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
