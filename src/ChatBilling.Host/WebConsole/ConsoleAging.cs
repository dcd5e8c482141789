using ChatBilling.Core;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Host.WebConsole;

/// <summary>
/// Receivables aging per currency (current, 1-30, 31-60, 61-90, 90+ days past due) and a DSO that does not move
/// with the dashboard's window picker: always the trailing <see cref="DsoDays"/> days ending today (README says why).
/// </summary>
internal static class ConsoleAging
{
    public const int DsoDays = 90;
    /// <summary>Ten-thousandths: the scale of the amount columns (precision 19, scale 4).</summary>
    private const int Scale = 10_000;
    private static readonly string[] Names = ["current", "1-30", "31-60", "61-90", "90+"];

    public static void MapConsoleAging(this RouteGroupBuilder api) => api.MapGet("/aging", GetAsync);

    private static async Task<Ok<AgingReport>> GetAsync(ChatBillingDb db, TimeProvider time, CancellationToken ct)
    {
        var today = time.Today();
        var since = time.GetUtcNow().AddDays(-DsoDays);
        var (d30, d60, d90) = (today.AddDays(-30), today.AddDays(-60), today.AddDays(-90));
        var sqlite = db.Database.IsSqlite();
        // Two grouped queries, nothing materialised: the open receivables are one range of the (Status, DueDate, …, Total,
        // AmountPaid) index; credit sales and the currencies shown come from one scan of the sent invoices.
        var open = db.Invoices.Where(i => i.Status == InvoiceStatus.Sent)
            .GroupBy(i => new { i.Currency, Bucket = i.DueDate >= today ? 0 : i.DueDate >= d30 ? 1 : i.DueDate >= d60 ? 2 : i.DueDate >= d90 ? 3 : 4 });
        var sent = db.Invoices.Where(i => i.SentAt != null && i.Status != InvoiceStatus.Void).GroupBy(i => i.Currency);
        // SQLite keeps decimals as text, and EF sums and compares them through .NET callbacks (ef_sum, ef_compare), one per
        // row, which cost this endpoint most of its time. There the amounts are summed as whole ten-thousandths (the
        // columns' scale is 4) in SQLite's own integer SUM, exact for amounts below 10^11; PostgreSQL sums numeric itself.
        var owed = sqlite
            ? (await open.Select(g => new { g.Key.Currency, g.Key.Bucket, Count = g.Count(),
                    Minor = g.Sum(i => (long)Math.Round((double)i.Total * Scale) > (long)Math.Round((double)i.AmountPaid * Scale)
                        ? (long)Math.Round((double)i.Total * Scale) - (long)Math.Round((double)i.AmountPaid * Scale) : 0L) })
                .ToListAsync(ct)).Select(b => (b.Currency, b.Bucket, b.Count, Amount: (decimal)b.Minor / Scale)).ToList()
            : (await open.Select(g => new { g.Key.Currency, g.Key.Bucket, Count = g.Count(),
                    Amount = g.Sum(i => i.Total > i.AmountPaid ? i.Total - i.AmountPaid : 0m) })
                .ToListAsync(ct)).Select(b => (b.Currency, b.Bucket, b.Count, b.Amount)).ToList();
        var sales = sqlite
            ? (await sent.Select(g => new { Currency = g.Key, Minor = g.Sum(i => i.SentAt >= since ? (long)Math.Round((double)i.Total * Scale) : 0L) })
                .ToListAsync(ct)).ToDictionary(g => g.Currency, g => (decimal)g.Minor / Scale)
            : await sent.Select(g => new { Currency = g.Key, Total = g.Sum(i => i.SentAt >= since ? i.Total : 0m) })
                .ToDictionaryAsync(g => g.Currency, g => g.Total, ct);
        var rows = sales.Keys.Order(StringComparer.Ordinal).Select(currency =>
        {
            var buckets = Names.Select((b, n) => owed.FirstOrDefault(o => o.Currency == currency && o.Bucket == n) is { Currency: not null } found
                ? new AgingBucket(b, found.Count, found.Amount) : new AgingBucket(b, 0, 0)).ToArray();
            var receivables = buckets.Sum(b => b.Amount);
            var sold = sales.GetValueOrDefault(currency);
            decimal? dso = sold == 0 ? null : Math.Round(receivables / sold * DsoDays, 1);
            return new CurrencyAging(currency, buckets, receivables, sold, dso);
        }).ToArray();
        return TypedResults.Ok(new AgingReport(today, DsoDays, rows));
    }
}

public sealed record AgingBucket(string Bucket, int Count, decimal Amount);
public sealed record CurrencyAging(string Currency, AgingBucket[] Buckets, decimal Receivables, decimal CreditSales, decimal? DsoDays);
public sealed record AgingReport(DateOnly AsOf, int DsoWindowDays, CurrencyAging[] Currencies);
