using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>Something an approver should look at before deciding. Checks warn; they never block.</summary>
public sealed record PreviewCheck(string Code, string Message);

/// <summary>The checks shown on an approval card: the mistakes that cost money once an invoice is out.</summary>
public sealed class PreviewChecks(ChatBillingDb db, TimeProvider time, PreviewCheckMemo memo)
{
    public const int DuplicateWindowDays = 30;
    public const decimal UnusualFactor = 3m;
    private const int HistoryForUsual = 10;
    private const int MinimumHistory = 3;

    public async Task<IReadOnlyList<PreviewCheck>> RunAsync(Invoice invoice, CancellationToken ct = default) =>
        (await RunManyAsync([invoice], ct))[invoice.Id];

    /// <summary>
    /// The checks of several invoices in a fixed number of queries, whatever their count: a page of approval cards is
    /// built at once. Those that read the client's history come from the memo while that history is unchanged (one
    /// small query tells), the rest are worked out from the invoice alone every time.
    /// </summary>
    public async Task<Dictionary<Guid, IReadOnlyList<PreviewCheck>>> RunManyAsync(IReadOnlyList<Invoice> invoices, CancellationToken ct = default)
    {
        if (invoices.Count == 0) return [];
        var history = new Dictionary<Guid, IReadOnlyList<PreviewCheck>>();
        // Inside a transaction the store may show changes that are later rolled back: work those out, never remember them.
        var keys = db.Database.CurrentTransaction is null ? await KeysAsync(invoices, ct) : null;
        foreach (var invoice in invoices)
            if (keys is not null && memo.TryGet(invoice.Id, keys[invoice.Id], out var known)) history[invoice.Id] = known;
        var unknown = invoices.Where(i => !history.ContainsKey(i.Id)).ToList();
        if (unknown.Count > 0)
        {
            foreach (var (id, found) in await AgainstHistoryAsync(unknown, ct))
            {
                history[id] = found;
                if (keys is not null) memo.Remember(id, keys[id], found);
            }
        }

        var today = time.Today();
        return invoices.ToDictionary(i => i.Id, i => (IReadOnlyList<PreviewCheck>)[.. history[i.Id], .. OnItsOwn(i, today)]);
    }

    /// <summary>What each invoice's remembered checks must have been worked out from; one grouped read of an index, no invoice row.</summary>
    private async Task<Dictionary<Guid, PreviewCheckMemoKey>> KeysAsync(IReadOnlyList<Invoice> invoices, CancellationToken ct)
    {
        var clientIds = invoices.Select(i => i.ClientId).Distinct().ToList();
        var stamps = (await db.Invoices.AsNoTracking().IgnoreAutoIncludes().Where(i => clientIds.Contains(i.ClientId)).GroupBy(i => i.ClientId)
                .Select(g => new { g.Key, Count = g.Count(), Versions = g.Sum(i => (long)i.Version), Latest = g.Max(i => i.UpdatedAt) })
                .ToListAsync(ct))
            .ToDictionary(s => s.Key, s => new ClientStamp(s.Count, s.Versions, s.Latest));
        return invoices.ToDictionary(i => i.Id,
            i => new PreviewCheckMemoKey(i.ClientId, i.Currency, i.Total, i.IssueDate, stamps.GetValueOrDefault(i.ClientId)));
    }

    /// <summary>Possible duplicates and an unusual total: the checks that compare the invoice with its client's others.</summary>
    private async Task<Dictionary<Guid, IReadOnlyList<PreviewCheck>>> AgainstHistoryAsync(List<Invoice> invoices, CancellationToken ct)
    {
        var clientIds = invoices.Select(i => i.ClientId).Distinct().ToList();
        var from = invoices.Min(i => i.IssueDate).AddDays(-DuplicateWindowDays);
        var to = invoices.Max(i => i.IssueDate).AddDays(DuplicateWindowDays);
        // Totals are compared in memory: SQLite stores decimals as text, and the windows hold few rows.
        var neighbours = (await db.Invoices.AsNoTracking()
            .Where(i => clientIds.Contains(i.ClientId) && i.Status != InvoiceStatus.Void && i.IssueDate >= from && i.IssueDate <= to)
            .Select(i => new { i.Id, i.ClientId, i.Number, i.Total, i.Currency, i.IssueDate })
            .ToListAsync(ct)).ToLookup(n => n.ClientId);

        // The history each "usual total" is judged on: the latest invoices of that client in that currency, a few more
        // than needed since each checked invoice leaves itself out. One UNION ALL of a short index walk per pair
        // (ClientId, IssueDate descending, stopping after `take`), so only the rows shown in the median are read: reading
        // the clients' whole history, or cutting it with ROW_NUMBER, cost the inbox page most of its time.
        var take = HistoryForUsual + invoices.GroupBy(i => i.ClientId).Max(g => g.Count());
        IQueryable<Invoice>? history = null;
        foreach (var (clientId, currency) in invoices.Select(i => (i.ClientId, i.Currency)).Distinct())
        {
            var latest = db.Invoices.AsNoTracking().IgnoreAutoIncludes()
                .Where(i => i.ClientId == clientId && i.Currency == currency)
                .Where(i => i.Status != InvoiceStatus.Void && i.Status != InvoiceStatus.Draft && i.Status != InvoiceStatus.Rejected)
                .OrderByDescending(i => i.IssueDate).Take(take);
            history = history is null ? latest : history.Concat(latest);
        }
        // EF unites entity queries only; the columns are picked after the union.
        var recent = (await history!.Select(i => new { i.Id, i.ClientId, i.Currency, i.IssueDate, i.Total }).ToListAsync(ct))
            .ToLookup(r => (r.ClientId, r.Currency));

        var found = new Dictionary<Guid, IReadOnlyList<PreviewCheck>>();
        foreach (var invoice in invoices)
        {
            var checks = new List<PreviewCheck>();
            var twins = neighbours[invoice.ClientId].Where(n => n.Id != invoice.Id && n.Currency == invoice.Currency && n.Total == invoice.Total
                && n.IssueDate >= invoice.IssueDate.AddDays(-DuplicateWindowDays) && n.IssueDate <= invoice.IssueDate.AddDays(DuplicateWindowDays));
            foreach (var twin in twins)
                checks.Add(new("possible-duplicate", $"Possible duplicate: {twin.Number} bills this client the same {invoice.Total} {invoice.Currency} within {DuplicateWindowDays} days."));

            var usual = recent[(invoice.ClientId, invoice.Currency)].Where(r => r.Id != invoice.Id)
                .OrderByDescending(r => r.IssueDate).Take(HistoryForUsual).Select(r => r.Total).ToList();
            if (usual.Count >= MinimumHistory && Median(usual) is > 0 and var median && invoice.Total > UnusualFactor * median)
                checks.Add(new("unusual-total", $"Unusual total: {invoice.Total} {invoice.Currency} is {invoice.Total / median:0.#}× this client's usual {median} (median of the last {usual.Count})."));
            found[invoice.Id] = checks;
        }
        return found;
    }

    /// <summary>The checks of the invoice alone: its due date (against today) and its lines.</summary>
    private static IEnumerable<PreviewCheck> OnItsOwn(Invoice invoice, DateOnly today)
    {
        if (invoice.DueDate < today)
            yield return new("due-date-past", $"The due date {invoice.DueDate:yyyy-MM-dd} has already passed.");
        foreach (var line in invoice.LineItems.OrderBy(l => l.Position))
        {
            if (string.IsNullOrWhiteSpace(line.Description))
                yield return new("line-without-description", $"Line {line.Position} has no description.");
            if (line.UnitPrice == 0)
                yield return new("line-zero-price", $"Line {line.Position} has a zero price.");
        }
    }

    private static decimal Median(List<decimal> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
