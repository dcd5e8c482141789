using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>Something an approver should look at before deciding. Checks warn; they never block.</summary>
public sealed record PreviewCheck(string Code, string Message);

/// <summary>The checks shown on an approval card: the mistakes that cost money once an invoice is out.</summary>
public sealed class PreviewChecks(ChatBillingDb db, TimeProvider time)
{
    public const int DuplicateWindowDays = 30;
    public const decimal UnusualFactor = 3m;
    private const int HistoryForUsual = 10;
    private const int MinimumHistory = 3;

    public async Task<IReadOnlyList<PreviewCheck>> RunAsync(Invoice invoice, CancellationToken ct = default)
    {
        var checks = new List<PreviewCheck>();
        var from = invoice.IssueDate.AddDays(-DuplicateWindowDays);
        var to = invoice.IssueDate.AddDays(DuplicateWindowDays);
        // Totals are compared in memory: SQLite stores decimals as text, and the window holds few rows.
        var neighbours = await db.Invoices.AsNoTracking()
            .Where(i => i.ClientId == invoice.ClientId && i.Id != invoice.Id && i.Status != InvoiceStatus.Void)
            .Where(i => i.IssueDate >= from && i.IssueDate <= to)
            .Select(i => new { i.Number, i.Total, i.Currency })
            .ToListAsync(ct);
        foreach (var twin in neighbours.Where(n => n.Total == invoice.Total && n.Currency == invoice.Currency))
            checks.Add(new("possible-duplicate", $"Possible duplicate: {twin.Number} bills this client the same {invoice.Total} {invoice.Currency} within {DuplicateWindowDays} days."));

        var usual = await db.Invoices.AsNoTracking()
            .Where(i => i.ClientId == invoice.ClientId && i.Id != invoice.Id && i.Currency == invoice.Currency)
            .Where(i => i.Status != InvoiceStatus.Void && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Rejected)
            .OrderByDescending(i => i.IssueDate).Take(HistoryForUsual)
            .Select(i => i.Total).ToListAsync(ct);
        if (usual.Count >= MinimumHistory && Median(usual) is > 0 and var median && invoice.Total > UnusualFactor * median)
            checks.Add(new("unusual-total", $"Unusual total: {invoice.Total} {invoice.Currency} is {invoice.Total / median:0.#}× this client's usual {median} (median of the last {usual.Count})."));

        if (invoice.DueDate < time.Today())
            checks.Add(new("due-date-past", $"The due date {invoice.DueDate:yyyy-MM-dd} has already passed."));

        foreach (var line in invoice.LineItems.OrderBy(l => l.Position))
        {
            if (string.IsNullOrWhiteSpace(line.Description))
                checks.Add(new("line-without-description", $"Line {line.Position} has no description."));
            if (line.UnitPrice == 0)
                checks.Add(new("line-zero-price", $"Line {line.Position} has a zero price."));
        }
        return checks;
    }

    private static decimal Median(List<decimal> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
