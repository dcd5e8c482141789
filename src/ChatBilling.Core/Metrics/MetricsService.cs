using ChatBilling.Core.Audit;
using ChatBilling.Core.Digests;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Payments;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Metrics;

/// <summary>Reads the audit trail, invoices and payments and computes <see cref="BillingMetrics"/> for a window ending now.</summary>
public sealed class MetricsService(ChatBillingDb db, TimeProvider time, IOptionsMonitor<DigestSettings> digest)
{
    public const int MaxDays = 731;

    public async Task<BillingMetrics> ComputeAsync(int days, CancellationToken ct = default)
    {
        if (days is < 1 or > MaxDays) throw InvalidInputException.For("days", $"days is between 1 and {MaxDays}.");
        var now = time.GetUtcNow();
        var facts = await ReadFactsAsync(now.AddDays(-days - 7), now, ct);
        return MetricsCalculator.Compute(facts, now, days, digest.CurrentValue.Zone);
    }

    /// <summary>
    /// Every sent invoice (receivables reach back to old debts) and the approvals decided since <paramref name="since"/>
    /// (a week before the window, so the first week of the trend is whole).
    /// </summary>
    public async Task<MetricsFacts> ReadFactsAsync(DateTimeOffset since, DateTimeOffset to, CancellationToken ct)
    {
        var sentRows = await (from a in db.AuditEntries.AsNoTracking()
                              join i in db.Invoices.AsNoTracking() on a.InvoiceId equals i.Id
                              where a.Action == AuditActions.Sent && a.ToStatus == InvoiceStatus.Sent && a.At <= to
                              select new { a.InvoiceId, a.At, i.Currency, i.Total, i.IssueDate, i.WorkCompletedOn, i.SendOn }).ToListAsync(ct);
        var voided = (await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.Voided && a.At <= to)
            .Select(a => new { a.InvoiceId, a.At }).ToListAsync(ct)).ToDictionary(v => v.InvoiceId, v => v.At);
        // A retried send is still the same sale: the first "sent" line counts.
        var sent = sentRows.GroupBy(r => r.InvoiceId).Select(g => g.MinBy(r => r.At)!)
            .Select(r => new SentInvoiceFact(r.InvoiceId, r.Currency, r.Total, r.IssueDate, r.WorkCompletedOn, r.SendOn, r.At,
                voided.TryGetValue(r.InvoiceId, out var v) ? v : null)).ToList();

        var approvedRows = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.Approved && a.ToStatus == InvoiceStatus.Approved && a.At > since && a.At <= to)
            .Select(a => new { a.InvoiceId, a.At }).ToListAsync(ct);
        var approvedIds = approvedRows.Select(a => a.InvoiceId).Distinct().ToList();
        var submitted = (await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditActions.Submitted && a.At <= to && approvedIds.Contains(a.InvoiceId))
            .Select(a => new { a.InvoiceId, a.At }).ToListAsync(ct)).ToLookup(a => a.InvoiceId, a => a.At);
        // Each approval closes the round opened by the latest submission before it (a rejected invoice is submitted again).
        var approvals = approvedRows
            .Select(a => (a, Submitted: submitted[a.InvoiceId].Where(s => s <= a.At).DefaultIfEmpty().Max()))
            .Where(x => x.Submitted != default)
            .Select(x => new ApprovalFact(x.a.InvoiceId, x.Submitted, x.a.At)).ToList();

        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.InvoiceId != null && (p.Outcome == PaymentOutcome.Applied || p.Outcome == PaymentOutcome.Overpayment))
            .Select(p => new PaymentFact(p.InvoiceId!.Value, p.Amount, p.PaidOn)).ToListAsync(ct);
        return new MetricsFacts(sent, approvals, payments);
    }
}
