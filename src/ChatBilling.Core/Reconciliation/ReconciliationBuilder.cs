using ChatBilling.Core.Digests;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Metrics;
using ChatBilling.Core.Payments;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Reconciliation;

/// <summary>Builds the <see cref="ReconciliationReport"/> from payments and invoices as they stand now.</summary>
public sealed class ReconciliationBuilder(ChatBillingDb db, TimeProvider time, IOptionsMonitor<DigestSettings> digest)
{
    /// <summary>The team's today and its ISO week, in <c>Digest:TimeZone</c>.</summary>
    public (DateOnly Today, string IsoWeek) Week()
    {
        var today = MetricsCalculator.LocalDate(time.GetUtcNow(), digest.CurrentValue.Zone);
        return (today, MetricsCalculator.IsoWeekOf(today));
    }

    public async Task<ReconciliationReport> BuildAsync(CancellationToken ct = default)
    {
        var (today, week) = Week();
        var since = time.GetUtcNow().AddDays(-7);
        var unmatched = (await db.Payments.AsNoTracking()
                .Where(p => p.Outcome == PaymentOutcome.Unmatched || p.Outcome == PaymentOutcome.NotApplied).ToListAsync(ct))
            .OrderBy(p => p.PaidOn).ThenBy(p => p.Reference)
            .Select(p => new UnmatchedPayment(p.Id, p.Reference, p.InvoiceReference, p.Amount, p.Currency, p.PaidOn,
                p.Outcome == PaymentOutcome.Unmatched ? "no such invoice" : "invoice is void", p.RecordedAt >= since)).ToList();

        // Only invoices that took money can be mismatched; Void ones are covered by the unmatched list.
        var touched = await (from i in db.Invoices.AsNoTracking()
                             join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                             where i.AmountPaid > 0 && i.Status != InvoiceStatus.Void && (i.AmountPaid > i.Total || i.Status != InvoiceStatus.Paid)
                             select new { i.Id, i.Number, Client = c.Name, i.Status, i.Currency, i.Total, i.AmountPaid, i.DueDate }).ToListAsync(ct);
        var ids = touched.Select(i => i.Id).ToList();
        var references = (await db.Payments.AsNoTracking().Where(p => p.InvoiceId != null && ids.Contains(p.InvoiceId.Value))
                .Select(p => new { InvoiceId = p.InvoiceId!.Value, p.Reference, p.PaidOn }).ToListAsync(ct))
            .ToLookup(p => p.InvoiceId, p => p);
        var rows = touched.OrderBy(i => i.Number).Select(i => new ReconciledInvoice(i.Id, i.Number, i.Client, i.Status.ToString(), i.Currency,
            i.Total, i.AmountPaid, i.Total - i.AmountPaid, i.DueDate, Math.Max(0, today.DayNumber - i.DueDate.DayNumber),
            references[i.Id].OrderBy(p => p.PaidOn).ThenBy(p => p.Reference).Select(p => p.Reference).ToList())).ToList();

        return new ReconciliationReport(week, today, unmatched,
            rows.Where(r => r.Difference < 0).ToList(),
            rows.Where(r => r.Difference > 0 && r.DueDate >= today).ToList(),
            rows.Where(r => r.Difference > 0 && r.DueDate < today).ToList());
    }
}
