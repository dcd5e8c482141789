using ChatBilling.Core.Recurring;

namespace ChatBilling.Tests.Recurring;

public sealed class ScheduleCalendarTests
{
    private static RecurringSchedule Schedule(Cadence cadence, int? day = null, string? cron = null, string zone = "UTC",
        string startsOn = "2026-11-01", string? endsOn = null) => new()
    {
        ClientId = Guid.NewGuid(), Name = "Retainer", Cadence = cadence, DayOfMonth = day, Cron = cron, TimeZone = zone,
        StartsOn = DateOnly.Parse(startsOn), EndsOn = endsOn is null ? null : DateOnly.Parse(endsOn), CreatedBy = "test",
    };

    private static DateTimeOffset Utc(string instant) => DateTimeOffset.Parse(instant + "Z");

    [Fact]
    public void Day_31_bills_on_the_last_day_of_shorter_months()
    {
        var periods = ScheduleCalendar.Between(Schedule(Cadence.Monthly, day: 31, startsOn: "2027-01-01"), null, Utc("2027-05-01T00:00:00")).ToList();
        Assert.Equal(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"], periods.Select(p => p.IssueDate.ToString("yyyy-MM-dd")));
        Assert.Equal(["2027-01", "2027-02", "2027-03", "2027-04"], periods.Select(p => p.Key));
        Assert.Equal("February 2027", periods[1].Name);
    }

    [Fact]
    public void A_month_whose_day_is_before_the_start_begins_the_month_after()
    {
        var first = ScheduleCalendar.Between(Schedule(Cadence.Monthly, day: 1, startsOn: "2026-11-22"), null, Utc("2027-01-15T00:00:00")).First();
        Assert.Equal(new DateOnly(2026, 12, 1), first.IssueDate);
    }

    [Fact]
    public void Quarterly_counts_quarters_from_the_start_month()
    {
        var periods = ScheduleCalendar.Between(Schedule(Cadence.Quarterly, day: 15, startsOn: "2026-11-01"), null, Utc("2027-12-31T00:00:00")).ToList();
        Assert.Equal(["2026-11-15", "2027-02-15", "2027-05-15", "2027-08-15", "2027-11-15"], periods.Select(p => p.IssueDate.ToString("yyyy-MM-dd")));
        Assert.Equal("November to January 2027", periods[0].Name);
    }

    [Fact]
    public void Cron_occurrences_follow_the_schedules_time_zone()
    {
        // 09:00 in Berlin on the first of the month: 08:00 UTC in winter, 07:00 UTC in summer.
        var periods = ScheduleCalendar.Between(Schedule(Cadence.Cron, cron: "0 9 1 * *", zone: "Europe/Berlin", startsOn: "2027-03-01"),
            null, Utc("2027-04-30T00:00:00")).ToList();
        Assert.Equal([Utc("2027-03-01T08:00:00"), Utc("2027-04-01T07:00:00")], periods.Select(p => p.At));
        Assert.Equal(["2027-03-01T08:00Z", "2027-04-01T07:00Z"], periods.Select(p => p.Key));
    }

    [Fact]
    public void Periods_after_a_given_instant_skip_the_billed_ones_and_stop_at_the_end_date()
    {
        var schedule = Schedule(Cadence.Monthly, day: 1, startsOn: "2026-01-01", endsOn: "2026-06-30");
        var periods = ScheduleCalendar.Between(schedule, Utc("2026-03-01T00:00:00"), Utc("2026-12-31T00:00:00")).ToList();
        Assert.Equal(["2026-04", "2026-05", "2026-06"], periods.Select(p => p.Key));
        Assert.Null(ScheduleCalendar.Next(schedule, Utc("2026-06-02T00:00:00")));
        Assert.Equal(Utc("2026-05-01T00:00:00"), ScheduleCalendar.Next(schedule, Utc("2026-04-01T00:00:00"))!.At);
    }
}
