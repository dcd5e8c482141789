using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Delivery;

/// <summary>An invoice whose email was given up on, with the last reason the outbox recorded.</summary>
public sealed record FailedSend(Guid InvoiceId, string Number, string ClientName, decimal Total, string Currency, string Reason);

/// <summary>The failed sends the digest and the console's exception queue show, with the invoices a job recently failed on.</summary>
public static class FailedSends
{
    public static async Task<List<FailedSend>> ListAsync(ChatBillingDb db, CancellationToken ct, DateTimeOffset? jobFailuresSince = null)
    {
        var failed = await (from i in db.Invoices.AsNoTracking()
                            join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                            where i.Status == InvoiceStatus.Failed
                            select new { i.Id, i.Number, Client = c.Name, i.Total, i.Currency }).ToListAsync(ct);
        var ids = failed.Select(f => f.Id).ToList();
        var reasons = (await db.AuditEntries.AsNoTracking().Where(a => ids.Contains(a.InvoiceId) && a.Action == AuditActions.SendFailed)
                .Select(a => new { a.InvoiceId, a.Id, a.Detail }).ToListAsync(ct))
            .GroupBy(a => a.InvoiceId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Id)!.Detail ?? "unknown reason");
        var sends = failed.OrderBy(f => f.Number)
            .Select(f => new FailedSend(f.Id, f.Number, f.Client, f.Total, f.Currency, reasons.GetValueOrDefault(f.Id, "unknown reason"))).ToList();
        if (jobFailuresSince is { } since) sends.AddRange(await JobFailedAsync(db, since, ct));
        return sends;
    }

    /// <summary>Invoices a scheduled job could not handle lately (Jobs.JobFailures), each once with its latest reason.</summary>
    private static async Task<IEnumerable<FailedSend>> JobFailedAsync(ChatBillingDb db, DateTimeOffset since, CancellationToken ct)
    {
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.JobFailed)
            .Select(a => new { a.InvoiceId, a.Id, a.At, a.Detail }).ToListAsync(ct);
        // Instants compared in memory: SQLite stores them as ticks, and failures are few.
        var latest = entries.Where(a => a.At >= since).GroupBy(a => a.InvoiceId).Select(g => g.MaxBy(a => a.Id)!).ToList();
        var ids = latest.Select(a => a.InvoiceId).ToList();
        var invoices = await (from i in db.Invoices.AsNoTracking()
                              join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                              where ids.Contains(i.Id)
                              select new { i.Id, i.Number, Client = c.Name, i.Total, i.Currency }).ToDictionaryAsync(i => i.Id, ct);
        return latest.Where(a => invoices.ContainsKey(a.InvoiceId)).OrderBy(a => invoices[a.InvoiceId].Number).Select(a =>
        {
            var i = invoices[a.InvoiceId];
            return new FailedSend(i.Id, i.Number, i.Client, i.Total, i.Currency, a.Detail ?? "a job failed on it");
        });
    }
}
