namespace ChatBilling.Core.Metrics;

/// <summary>The numbers that matter over a window, with a weekly trend. Null figures mean "no data in the window".</summary>
public sealed record BillingMetrics(
    MetricsWindow Window,
    SendLag SendLag,
    OnSchedule OnSchedule,
    ApprovalTime ApprovalTime,
    IReadOnlyList<CurrencyDso> Dso,
    IReadOnlyList<WeekMetrics> Weeks);

/// <param name="From">Start of the window (exclusive), <paramref name="To"/> minus <paramref name="Days"/> days.</param>
public sealed record MetricsWindow(int Days, DateTimeOffset From, DateTimeOffset To, string TimeZone);

/// <summary>Days from <c>workCompletedOn</c> to the day the invoice was emailed, over invoices that give the date.</summary>
public sealed record SendLag(int Count, double? MedianDays, double? P90Days);

/// <summary>Invoices emailed no later than their scheduled day (<c>sendOn</c>, else the issue date).</summary>
public sealed record OnSchedule(int Count, int OnTime, double? Share);

/// <summary>Hours from submission to the final approval, over invoices a person approved.</summary>
public sealed record ApprovalTime(int Count, double? MedianHours, double? P90Hours);

/// <summary>
/// Days sales outstanding in one currency: receivables at the end of the window divided by the credit sales
/// (totals of invoices sent) in the window, times the window's days. Null when nothing was sold in the window.
/// </summary>
public sealed record CurrencyDso(string Currency, decimal Receivables, decimal CreditSales, double? Days);

/// <summary>One ISO week of the trend (Monday to Sunday in the team's time zone).</summary>
/// <param name="Dso">DSO at the end of the week over the trailing <see cref="MetricsCalculator.TrendDsoDays"/> days.</param>
public sealed record WeekMetrics(
    DateOnly WeekStart, string IsoWeek, int Sent, double? LagMedianDays, double? OnScheduleShare,
    int Approvals, double? ApprovalMedianHours, IReadOnlyList<CurrencyDso> Dso);
