using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Jobs;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Digests;

/// <summary>
/// Gathers the managers' daily digest: failed sends, payment exceptions, approvals waiting, overdue invoices by age, yesterday's sends.
/// A row that cannot be shown (a currency this build no longer knows) is left out and reported, never the end of the digest.
/// </summary>
public sealed class DigestBuilder(ChatBillingDb db, TimeProvider time, IOptionsMonitor<DigestSettings> settings, ApproverDirectory approvers,
    Metrics.MetricsService metrics, Reconciliation.ReconciliationBuilder reconciliation)
{
    private static readonly (string Label, int From, int To)[] Buckets =
        [("1–30 days", 1, 30), ("31–60 days", 31, 60), ("61–90 days", 61, 90), ("over 90 days", 91, int.MaxValue)];

    /// <summary>The date the digest is for: today in <c>Digest:TimeZone</c>.</summary>
    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), settings.CurrentValue.Zone).DateTime);

    public Task<DigestCard> BuildAsync(CancellationToken ct = default) => BuildAsync([], ct);

    /// <summary>Builds the digest; the rows left out are added to <paramref name="skipped"/> (the digest job records them).</summary>
    public async Task<DigestCard> BuildAsync(List<JobFailure> skipped, CancellationToken ct)
    {
        var zone = settings.CurrentValue.Zone;
        var today = Today();
        var now = time.GetUtcNow();
        var startOfToday = new DateTimeOffset(today.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(today.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

        var invoices = await (from i in db.Invoices.AsNoTracking()
                              join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                              where i.Status == InvoiceStatus.Sent
                              select new { i.Id, i.Number, i.Status, i.Total, i.AmountPaid, i.Currency, i.DueDate, i.SentAt, Client = c.Name }).ToListAsync(ct);

        var failed = (await Delivery.FailedSends.ListAsync(db, ct, now - Jobs.JobFailures.Shown)).Select(f => new FailedSendItem(f.Number, f.ClientName, f.Reason)).ToList();

        // Overdue is what is still owed: a partly paid invoice counts with its balance, not its total.
        var overdue = Each(invoices.Where(i => i.DueDate < today && i.Total > i.AmountPaid), skipped, i => (i.Id, i.Number), i =>
            {
                var days = today.DayNumber - i.DueDate.DayNumber;
                var due = i.Total - i.AmountPaid;
                return (Days: days, i.Currency, Due: due,
                    Item: new OverdueItem(i.Number, i.Client, ChatFormat.Money(due, i.Currency), ChatFormat.Date(i.DueDate), ChatFormat.Days(days)));
            })
            .OrderByDescending(x => x.Days).ToList();
        var buckets = Buckets.Select(b => new OverdueBucket(b.Label,
            CardList.Of(overdue.Where(x => x.Days >= b.From && x.Days <= b.To).Select(x => x.Item).ToList()))).ToList();
        var sentYesterday = invoices.Count(i => i.SentAt >= startOfToday.AddDays(-1) && i.SentAt < startOfToday);

        var pendingItems = Each(await WaitingApprovals.ListAsync(db, ct), skipped, w => (w.InvoiceId, w.Number), w => w.ToItem(approvers, now));

        // Payments that need a person, from the last week (older ones were in earlier digests).
        var since = now.AddDays(-7);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.Outcome != Payments.PaymentOutcome.Applied && p.RecordedAt >= since)
            .OrderBy(p => p.RecordedAt).ToListAsync(ct);
        var paymentItems = Each(payments, skipped, p => (p.InvoiceId, $"payment {p.Reference}"), p => new PaymentExceptionItem(p.Reference, p.InvoiceReference,
            p.Currency is { } cur ? ChatFormat.Money(p.Amount, cur) : p.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            p.Outcome switch
            {
                Payments.PaymentOutcome.Unmatched => "no such invoice",
                Payments.PaymentOutcome.Overpayment => $"overpaid by {(p.Currency is { } c ? ChatFormat.Money(p.Excess, c) : p.Excess)}",
                _ => "the invoice is void",
            }));

        return new DigestCard(
            today.ToString("dddd, d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")),
            "All quiet: nothing failed, nothing waits for approval and nothing is overdue.",
            CardList.Of(failed), CardList.Of(pendingItems), buckets, sentYesterday,
            ChatFormat.Totals(overdue.Select(x => (x.Currency, x.Due))), CardList.Of(paymentItems),
            DigestSummaries.Numbers(await metrics.ComputeAsync(DigestSummaries.NumbersDays, ct)),
            DigestSummaries.Reconciliation(await reconciliation.BuildAsync(ct)));
    }

    /// <summary>Maps each row on its own: one that throws is added to <paramref name="skipped"/> and left out.</summary>
    private static List<TOut> Each<TIn, TOut>(IEnumerable<TIn> rows, List<JobFailure> skipped, Func<TIn, (Guid? Invoice, string Name)> name,
        Func<TIn, TOut> map)
    {
        var mapped = new List<TOut>();
        foreach (var row in rows)
        {
            try
            {
                mapped.Add(map(row));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
            {
                var (invoice, item) = name(row);
                skipped.Add(new(invoice, item, e));
            }
        }
        return mapped;
    }
}
