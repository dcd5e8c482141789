using ChatBilling.Core.Metrics;

namespace ChatBilling.Tests.Metrics;

/// <summary>The arithmetic on crafted histories; <see cref="MetricsApiTests"/> drives the same through the real host.</summary>
public sealed class MetricsCalculatorTests
{
    // Sunday 22 November 2026, 09:00 UTC, as the tests' host clock starts.
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    private static SentInvoiceFact Sent(DateTimeOffset at, decimal total = 100m, string currency = "EUR", DateOnly? workDone = null,
        DateOnly? sendOn = null, DateOnly? issued = null, DateTimeOffset? voided = null) =>
        new(Guid.NewGuid(), currency, total, issued ?? DateOnly.FromDateTime(at.UtcDateTime), workDone, sendOn, at, voided);

    private static DateOnly Day(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static BillingMetrics Compute(IReadOnlyList<SentInvoiceFact> sent, IReadOnlyList<ApprovalFact>? approvals = null,
        IReadOnlyList<PaymentFact>? payments = null, int days = 30, TimeZoneInfo? zone = null) =>
        MetricsCalculator.Compute(new MetricsFacts(sent, approvals ?? [], payments ?? []), Now, days, zone ?? Utc);

    [Fact]
    public void Send_lag_is_days_from_work_completed_to_sent_with_median_and_p90()
    {
        // Lags 1, 2, 3, 4 and 10 days; one invoice gives no completion date and does not count.
        var sent = new[] { 1, 2, 3, 4, 10 }.Select(lag => Sent(Now.AddDays(-1), workDone: Day("2026-11-21").AddDays(-lag)))
            .Append(Sent(Now.AddDays(-2))).ToList();
        var lag = Compute(sent).SendLag;
        Assert.Equal(5, lag.Count);
        Assert.Equal(3, lag.MedianDays);
        Assert.Equal(7.6, lag.P90Days); // rank 0.9 × 4 = 3.6: 4 + 0.6 × (10 − 4)
    }

    [Fact]
    public void Only_invoices_sent_inside_the_window_count()
    {
        var sent = new[] { Sent(Now.AddDays(-31), workDone: Day("2026-10-01")), Sent(Now.AddDays(-29), workDone: Day("2026-10-23")) };
        Assert.Equal((1, 1.0), (Compute(sent).SendLag.Count, Compute(sent).SendLag.MedianDays!.Value));
        Assert.Equal(2, Compute(sent, days: 90).SendLag.Count);
    }

    [Fact]
    public void On_schedule_means_sent_no_later_than_sendOn_or_else_the_issue_date()
    {
        var sent = new[]
        {
            Sent(Now, sendOn: Day("2026-11-22"), issued: Day("2026-11-01")), // held for its send day, went on the day: on time
            Sent(Now, sendOn: Day("2026-11-21"), issued: Day("2026-11-01")), // a day after its send day: late
            Sent(Now, issued: Day("2026-11-22")),                             // no send day, went out on its issue date: on time
            Sent(Now, issued: Day("2026-11-20")),                             // two days after its issue date: late
            Sent(Now, issued: Day("2026-11-30")),                             // ahead of its issue date: on time
        };
        var onSchedule = Compute(sent).OnSchedule;
        Assert.Equal((5, 3, 0.6), (onSchedule.Count, onSchedule.OnTime, onSchedule.Share!.Value));
    }

    [Fact]
    public void Days_are_the_teams_days_in_its_time_zone()
    {
        // 23:30 UTC on the 21st is already the 22nd in Berlin: on schedule there, a day late in UTC.
        var sent = new[] { Sent(new DateTimeOffset(2026, 11, 21, 23, 30, 0, TimeSpan.Zero), sendOn: Day("2026-11-22"), workDone: Day("2026-11-20")) };
        Assert.Equal(1.0, Compute(sent, zone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).OnSchedule.Share);
        Assert.Equal(2.0, Compute(sent, zone: TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).SendLag.MedianDays);
        Assert.Equal(1.0, Compute(sent).SendLag.MedianDays);
    }

    [Fact]
    public void Approval_time_is_the_median_hours_from_submission_to_approval()
    {
        var approvals = new[] { 2.0, 30.0, 5.0 }.Select(h => new ApprovalFact(Guid.NewGuid(), Now.AddDays(-3), Now.AddDays(-3).AddHours(h))).ToList();
        var time = Compute([], approvals).ApprovalTime;
        Assert.Equal((3, 5.0, 25.0), (time.Count, time.MedianHours!.Value, time.P90Hours!.Value));
    }

    [Fact]
    public void Dso_is_receivables_over_credit_sales_times_days_per_currency()
    {
        var paidInFull = Sent(Now.AddDays(-20), total: 1000m);
        var halfPaid = Sent(Now.AddDays(-10), total: 2000m);
        var oldDebt = Sent(Now.AddDays(-100), total: 500m);      // sold before the window, still owed
        var voided = Sent(Now.AddDays(-5), total: 700m, voided: Now.AddDays(-1)); // sold, then withdrawn
        var dollars = Sent(Now.AddDays(-3), total: 300m, currency: "USD");
        var payments = new[]
        {
            new PaymentFact(paidInFull.InvoiceId, 1000m, Day("2026-11-10")),
            new PaymentFact(halfPaid.InvoiceId, 1000m, Day("2026-11-20")),
            new PaymentFact(halfPaid.InvoiceId, 5000m, Day("2026-11-23")), // paid after the window's end: not yet received
        };
        var dso = Compute([paidInFull, halfPaid, oldDebt, voided, dollars], payments: payments).Dso;

        // EUR: owed 1,000 (half) + 500 (old) = 1,500; sold 1,000 + 2,000 + 700 = 3,700 in 30 days.
        var eur = Assert.Single(dso, d => d.Currency == "EUR");
        Assert.Equal((1500m, 3700m, Math.Round(1500.0 / 3700 * 30, 2)), (eur.Receivables, eur.CreditSales, eur.Days!.Value));
        var usd = Assert.Single(dso, d => d.Currency == "USD");
        Assert.Equal((300m, 300m, 30.0), (usd.Receivables, usd.CreditSales, usd.Days!.Value));
    }

    [Fact]
    public void Dso_without_sales_in_the_window_is_unknown_not_infinite()
    {
        var dso = Assert.Single(Compute([Sent(Now.AddDays(-200), total: 100m)]).Dso);
        Assert.Equal((100m, 0m, (double?)null), (dso.Receivables, dso.CreditSales, dso.Days));
    }

    [Fact]
    public void The_weekly_trend_runs_monday_to_sunday_and_takes_dso_at_each_weeks_end()
    {
        // Window of 14 days back from Sunday 22 Nov: 8 Nov (a Sunday) falls in ISO week 45, so weeks 45, 46 and 47.
        var early = Sent(new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero), total: 300m, workDone: Day("2026-11-08"));
        var late = Sent(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero), total: 600m, workDone: Day("2026-11-10"), issued: Day("2026-11-15"));
        var payments = new[] { new PaymentFact(early.InvoiceId, 300m, Day("2026-11-18")) };
        var approvals = new[] { new ApprovalFact(late.InvoiceId, new(2026, 11, 19, 8, 0, 0, TimeSpan.Zero), new(2026, 11, 19, 12, 0, 0, TimeSpan.Zero)) };
        var weeks = Compute([early, late], approvals, payments, days: 14).Weeks;

        Assert.Equal(["2026-W45", "2026-W46", "2026-W47"], weeks.Select(w => w.IsoWeek));
        Assert.Equal(Day("2026-11-09"), weeks[1].WeekStart);
        Assert.Equal([0, 1, 1], weeks.Select(w => w.Sent));
        Assert.Equal([null, 2.0, 10.0], weeks.Select(w => w.LagMedianDays));
        Assert.Equal([null, 1.0, 0.0], weeks.Select(w => w.OnScheduleShare));
        Assert.Equal([null, null, 4.0], weeks.Select(w => w.ApprovalMedianHours));
        // End of W46 (Monday 16th): 300 owed of 300 sold in 30 days, so 30 days; by now 600 owed of 900 sold: 20 days.
        Assert.Equal(30.0, Assert.Single(weeks[1].Dso).Days);
        Assert.Equal(20.0, Assert.Single(weeks[2].Dso).Days);
    }
}
