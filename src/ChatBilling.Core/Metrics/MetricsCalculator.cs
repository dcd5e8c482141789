using System.Globalization;

namespace ChatBilling.Core.Metrics;

/// <summary>
/// Turns <see cref="MetricsFacts"/> into <see cref="BillingMetrics"/>. Days are calendar days in the team's time
/// zone (<c>Digest:TimeZone</c>): an invoice emailed at 23:30 in Berlin was sent that Berlin day.
/// </summary>
public static class MetricsCalculator
{
    /// <summary>The trailing period each weekly DSO point divides by; a month smooths out single large invoices.</summary>
    public const int TrendDsoDays = 30;

    public static BillingMetrics Compute(MetricsFacts facts, DateTimeOffset to, int days, TimeZoneInfo zone)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var from = to.AddDays(-days);
        var local = new LocalDays(zone, from.AddDays(-7), to);
        var paid = facts.Payments.GroupBy(p => p.InvoiceId).ToDictionary(g => g.Key, g => g.ToArray());
        var sentInWindow = facts.Sent.Where(s => s.SentAt > from && s.SentAt <= to).ToList();
        var approvalsInWindow = facts.Approvals.Where(a => a.ApprovedAt > from && a.ApprovedAt <= to).ToList();

        var lags = Lags(sentInWindow, local);
        var onTime = sentInWindow.Count(s => IsOnSchedule(s, local));
        var hours = approvalsInWindow.Select(a => a.Hours).ToList();
        return new BillingMetrics(
            new MetricsWindow(days, from, to, zone.Id),
            new SendLag(lags.Count, R(Percentiles.Median(lags)), R(Percentiles.Of(lags, 0.9))),
            new OnSchedule(sentInWindow.Count, onTime, sentInWindow.Count == 0 ? null : R((double)onTime / sentInWindow.Count, 4)),
            new ApprovalTime(hours.Count, R(Percentiles.Median(hours)), R(Percentiles.Of(hours, 0.9))),
            Dso(facts.Sent, paid, to, days, zone),
            Weeks(facts, paid, from, to, zone, local));
    }

    public static DateOnly LocalDate(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The day it was due to go: <c>sendOn</c> when the invoice was held for a day, else its issue date.</summary>
    private static bool IsOnSchedule(SentInvoiceFact s, LocalDays local) => local.Of(s.SentAt) <= (s.SendOn ?? s.IssueDate);

    private static List<double> Lags(IEnumerable<SentInvoiceFact> sent, LocalDays local) =>
        sent.Where(s => s.WorkCompletedOn is not null)
            .Select(s => (double)(local.Of(s.SentAt).DayNumber - s.WorkCompletedOn!.Value.DayNumber)).ToList();

    /// <summary>DSO per currency at <paramref name="end"/>: receivables then ÷ sales of the trailing days × days.</summary>
    private static List<CurrencyDso> Dso(IReadOnlyList<SentInvoiceFact> sent, Dictionary<Guid, PaymentFact[]> paid,
        DateTimeOffset end, int days, TimeZoneInfo zone)
    {
        // Plain loops: the weekly trend calls this once per week over every sent invoice (see bench/ "metrics").
        var start = end.AddDays(-days);
        var endDay = LocalDate(end, zone);
        var totals = new SortedDictionary<string, (decimal Receivables, decimal Sales)>(StringComparer.Ordinal);
        foreach (var s in sent)
        {
            if (s.SentAt > end) continue;
            var (receivables, sales) = totals.GetValueOrDefault(s.Currency);
            if (s.SentAt > start) sales += s.Total;
            if (s.VoidedAt is not { } voided || voided > end)
            {
                var received = 0m;
                if (paid.TryGetValue(s.InvoiceId, out var payments))
                    foreach (var p in payments)
                        if (p.PaidOn <= endDay) received += p.Amount;
                receivables += Math.Max(0, s.Total - received);
            }
            totals[s.Currency] = (receivables, sales);
        }
        return totals.Where(t => t.Value.Receivables != 0 || t.Value.Sales != 0)
            .Select(t => new CurrencyDso(t.Key, t.Value.Receivables, t.Value.Sales,
                t.Value.Sales == 0 ? null : Math.Round((double)(t.Value.Receivables / t.Value.Sales) * days, 2)))
            .ToList();
    }

    private static List<WeekMetrics> Weeks(MetricsFacts facts, Dictionary<Guid, PaymentFact[]> paid,
        DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, LocalDays local)
    {
        var weeks = new List<WeekMetrics>();
        var firstDay = LocalDate(from, zone);
        var monday = firstDay.AddDays(-(((int)firstDay.DayOfWeek + 6) % 7));
        for (var weekStart = monday; weekStart <= LocalDate(to, zone); weekStart = weekStart.AddDays(7))
        {
            var start = StartOfDay(weekStart, zone);
            var end = StartOfDay(weekStart.AddDays(7), zone);
            var cut = end < to ? end : to;
            var sent = facts.Sent.Where(s => s.SentAt >= start && s.SentAt < end && s.SentAt <= to).ToList();
            var hours = facts.Approvals.Where(a => a.ApprovedAt >= start && a.ApprovedAt < end && a.ApprovedAt <= to).Select(a => a.Hours).ToList();
            weeks.Add(new WeekMetrics(weekStart, IsoWeekOf(weekStart), sent.Count, R(Percentiles.Median(Lags(sent, local))),
                sent.Count == 0 ? null : R((double)sent.Count(s => IsOnSchedule(s, local)) / sent.Count, 4),
                hours.Count, R(Percentiles.Median(hours)), Dso(facts.Sent, paid, cut, TrendDsoDays, zone)));
        }
        return weeks;
    }

    /// <summary>Figures are read by people and dashboards; two decimals of a day or an hour is plenty.</summary>
    private static double? R(double? value, int digits = 2) => value is { } v ? Math.Round(v, digits) : null;

    internal static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>"2026-W47": the ISO 8601 week the day falls in.</summary>
    public static string IsoWeekOf(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(date)}-W{ISOWeek.GetWeekOfYear(date):00}");
    }
}
