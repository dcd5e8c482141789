using ChatBilling.Core;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Host.Console;

/// <summary>
/// Receivables aging per currency (current, 1-30, 31-60, 61-90, 90+ days past due) and a DSO that does not move
/// with the dashboard's window picker: always the trailing <see cref="DsoDays"/> days ending today (README says why).
/// </summary>
internal static class ConsoleAging
{
    public const int DsoDays = 90;
    private static readonly string[] Buckets = ["current", "1-30", "31-60", "61-90", "90+"];

    public static void MapConsoleAging(this RouteGroupBuilder api) => api.MapGet("/aging", GetAsync);

    private static async Task<Ok<AgingReport>> GetAsync(ChatBillingDb db, TimeProvider time, CancellationToken ct)
    {
        var today = time.Today();
        var since = time.GetUtcNow().AddDays(-DsoDays);
        // Instants are compared in memory: SQLite cannot compare DateTimeOffset columns in SQL.
        var sent = await db.Invoices.AsNoTracking().Where(i => i.SentAt != null && i.Status != InvoiceStatus.Void)
            .Select(i => new { i.Status, i.Currency, i.Total, i.AmountPaid, i.DueDate, i.SentAt }).ToListAsync(ct);
        var open = sent.Where(i => i.Status == InvoiceStatus.Sent).ToList();
        var currencies = sent.Select(i => i.Currency).Distinct().Order(StringComparer.Ordinal);
        var rows = currencies.Select(currency =>
        {
            var mine = open.Where(i => i.Currency == currency).ToList();
            var buckets = Buckets.Select(b =>
            {
                var inBucket = mine.Where(i => BucketOf(today.DayNumber - i.DueDate.DayNumber) == b).ToList();
                return new AgingBucket(b, inBucket.Count, inBucket.Sum(i => Math.Max(0, i.Total - i.AmountPaid)));
            }).ToArray();
            var receivables = buckets.Sum(b => b.Amount);
            var sales = sent.Where(i => i.Currency == currency && i.SentAt >= since).Sum(i => i.Total);
            decimal? dso = sales == 0 ? null : Math.Round(receivables / sales * DsoDays, 1);
            return new CurrencyAging(currency, buckets, receivables, sales, dso);
        }).ToArray();
        return TypedResults.Ok(new AgingReport(today, DsoDays, rows));
    }

    private static string BucketOf(int daysPastDue) => daysPastDue switch
    {
        <= 0 => "current",
        <= 30 => "1-30",
        <= 60 => "31-60",
        <= 90 => "61-90",
        _ => "90+",
    };
}

public sealed record AgingBucket(string Bucket, int Count, decimal Amount);
public sealed record CurrencyAging(string Currency, AgingBucket[] Buckets, decimal Receivables, decimal CreditSales, decimal? DsoDays);
public sealed record AgingReport(DateOnly AsOf, int DsoWindowDays, CurrencyAging[] Currencies);
