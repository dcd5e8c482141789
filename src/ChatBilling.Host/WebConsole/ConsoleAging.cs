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
    private static readonly string[] Buckets = ["current", "1-30", "31-60", "61-90", "90+"];

    public static void MapConsoleAging(this RouteGroupBuilder api) => api.MapGet("/aging", GetAsync);

    private static async Task<Ok<AgingReport>> GetAsync(ChatBillingDb db, TimeProvider time, CancellationToken ct)
    {
        var today = time.Today();
        var since = time.GetUtcNow().AddDays(-DsoDays);
        var (d30, d60, d90) = (today.AddDays(-30), today.AddDays(-60), today.AddDays(-90));
        // Aggregated in the database (EF's decimal functions on SQLite, numeric on PostgreSQL): the open receivables are
        // one range of the (Status, DueDate, …, Total, AmountPaid) index, so no invoice row is read into memory.
        var open = await db.Invoices.Where(i => i.Status == InvoiceStatus.Sent)
            .GroupBy(i => new { i.Currency, Bucket = i.DueDate >= today ? 0 : i.DueDate >= d30 ? 1 : i.DueDate >= d60 ? 2 : i.DueDate >= d90 ? 3 : 4 })
            .Select(g => new { g.Key.Currency, g.Key.Bucket, Count = g.Count(), Amount = g.Sum(i => i.Total > i.AmountPaid ? i.Total - i.AmountPaid : 0m) })
            .ToListAsync(ct);
        var sales = await db.Invoices.Where(i => i.SentAt != null && i.Status != InvoiceStatus.Void && i.SentAt >= since)
            .GroupBy(i => i.Currency).Select(g => new { Currency = g.Key, Total = g.Sum(i => i.Total) }).ToDictionaryAsync(g => g.Currency, g => g.Total, ct);
        var currencies = await db.Invoices.Where(i => i.SentAt != null && i.Status != InvoiceStatus.Void).Select(i => i.Currency).Distinct().ToListAsync(ct);
        var rows = currencies.Order(StringComparer.Ordinal).Select(currency =>
        {
            var buckets = Buckets.Select((b, n) => open.SingleOrDefault(o => o.Currency == currency && o.Bucket == n) is { } found
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
