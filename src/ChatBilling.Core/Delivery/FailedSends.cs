using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Delivery;

/// <summary>An invoice whose email was given up on, with the last reason the outbox recorded.</summary>
public sealed record FailedSend(Guid InvoiceId, string Number, string ClientName, decimal Total, string Currency, string Reason);

/// <summary>The failed sends the digest and the console's exception queue show.</summary>
public static class FailedSends
{
    public static async Task<List<FailedSend>> ListAsync(ChatBillingDb db, CancellationToken ct)
    {
        var failed = await (from i in db.Invoices.AsNoTracking()
                            join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                            where i.Status == InvoiceStatus.Failed
                            select new { i.Id, i.Number, Client = c.Name, i.Total, i.Currency }).ToListAsync(ct);
        var ids = failed.Select(f => f.Id).ToList();
        var reasons = (await db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.InvoiceId) && a.Action == "send-failed")
                .Select(a => new { a.InvoiceId, a.Id, a.Detail }).ToListAsync(ct))
            .GroupBy(a => a.InvoiceId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!.Detail ?? "unknown reason");
        return failed.OrderBy(f => f.Number)
            .Select(f => new FailedSend(f.Id, f.Number, f.Client, f.Total, f.Currency, reasons.GetValueOrDefault(f.Id, "unknown reason"))).ToList();
    }
}
