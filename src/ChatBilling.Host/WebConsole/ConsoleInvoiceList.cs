using ChatBilling.Core;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using ChatBilling.Host.Invoices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Host.WebConsole;

/// <summary>
/// The console's invoice list: search (number, client, notes, line text), filters, sorting and paging in one
/// query, with the total count so the page can say "41–60 of 10,000". Every parameter is in the screen's URL.
/// </summary>
internal static class ConsoleInvoiceList
{
    private static readonly string[] Sorts = ["issueDate", "dueDate", "number", "client", "total"];
    private static readonly string[] Ages = ["current", "1-30", "31-60", "61-90", "90+"];

    public static void MapConsoleInvoiceList(this RouteGroupBuilder api) => api.MapGet("/invoices", ListAsync);

    private static async Task<Ok<InvoicePage>> ListAsync(ChatBillingDb db, ApproverDirectory people, TimeProvider time, CancellationToken ct,
        string? q = null, string? status = null, Guid? clientId = null, bool? overdue = null, bool? sent = null, string? currency = null,
        string? age = null, string sort = "issueDate", string dir = "desc", int page = 1, int size = 20)
    {
        var wanted = InvoicesApi.ParseStatus(status);
        if (!Sorts.Contains(sort)) throw InvalidInputException.For("sort", $"sort is one of {string.Join(", ", Sorts)}.");
        if (dir is not ("asc" or "desc")) throw InvalidInputException.For("dir", "dir is asc or desc.");
        if (page < 1) throw InvalidInputException.For("page", "page starts at 1.");
        if (size is < 1 or > 100) throw InvalidInputException.For("size", "size is between 1 and 100.");
        if (age is not null && !Ages.Contains(age)) throw InvalidInputException.For("age", $"age is one of {string.Join(", ", Ages)}.");

        var today = time.Today();
        // Filters run on invoices alone (line items are not read, the client only when searched or sorted by), so
        // the count and the newest-first page walk the indexes instead of joining and sorting every invoice.
        var invoices = db.Invoices.AsNoTracking().IgnoreAutoIncludes();
        if (wanted is { } s) invoices = invoices.Where(i => i.Status == s);
        if (clientId is { } id) invoices = invoices.Where(i => i.ClientId == id);
        if (sent is { } wasSent) invoices = wasSent ? invoices.Where(i => i.SentAt != null) : invoices.Where(i => i.SentAt == null);
        if (overdue is { } late)
            invoices = late ? invoices.Where(i => i.Status == InvoiceStatus.Sent && i.DueDate < today)
                : invoices.Where(i => !(i.Status == InvoiceStatus.Sent && i.DueDate < today));
        if (!string.IsNullOrWhiteSpace(currency))
        {
            var code = currency.Trim().ToUpperInvariant();
            invoices = invoices.Where(i => i.Currency == code);
        }
        if (age is not null)
        {
            // Receivables by days past due: sent and not yet paid or void, as the dashboard's aging tiles count them.
            invoices = invoices.Where(i => i.Status == InvoiceStatus.Sent);
            invoices = age switch
            {
                "current" => invoices.Where(i => i.DueDate >= today),
                "1-30" => invoices.Where(i => i.DueDate < today && i.DueDate >= today.AddDays(-30)),
                "31-60" => invoices.Where(i => i.DueDate < today.AddDays(-30) && i.DueDate >= today.AddDays(-60)),
                "61-90" => invoices.Where(i => i.DueDate < today.AddDays(-60) && i.DueDate >= today.AddDays(-90)),
                _ => invoices.Where(i => i.DueDate < today.AddDays(-90)),
            };
        }
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim().ToLower();
            // Each text is matched once as a set (clients by name, line items by description) instead of once per invoice:
            // two IN (subquery) tests, cheapest first, and the per-invoice text tests only for the rest.
            var named = db.Clients.Where(c => c.Name.ToLower().Contains(term)).Select(c => c.Id);
            var described = db.Set<LineItem>().Where(l => l.Description.ToLower().Contains(term)).Select(l => l.InvoiceId);
            invoices = invoices.Where(i => named.Contains(i.ClientId) || i.Number.ToLower().Contains(term)
                || (i.Notes != null && i.Notes.ToLower().Contains(term)) || described.Contains(i.Id));
        }
        var rows = from i in invoices
                   join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                   select new { i, Client = c.Name };

        var asc = dir == "asc";
        // Totals sort as REAL: SQLite cannot order by decimal columns, and a double orders amounts the same way.
        var ordered = sort switch
        {
            "dueDate" => asc ? rows.OrderBy(r => r.i.DueDate) : rows.OrderByDescending(r => r.i.DueDate),
            "number" => asc ? rows.OrderBy(r => r.i.Number) : rows.OrderByDescending(r => r.i.Number),
            "client" => asc ? rows.OrderBy(r => r.Client) : rows.OrderByDescending(r => r.Client),
            "total" => asc ? rows.OrderBy(r => (double)r.i.Total) : rows.OrderByDescending(r => (double)r.i.Total),
            _ => asc ? rows.OrderBy(r => r.i.IssueDate) : rows.OrderByDescending(r => r.i.IssueDate),
        };
        ordered = asc ? ordered.ThenBy(r => r.i.Number) : ordered.ThenByDescending(r => r.i.Number);

        var shown = ordered.Select(r => new { r.i.Id, r.i.Number, r.i.Status, r.i.ClientId, r.Client, r.i.Currency, r.i.Total, r.i.AmountPaid,
            r.i.IssueDate, r.i.DueDate, r.i.SentAt });
        int total;
        if (string.IsNullOrWhiteSpace(q))
        {
            // Without text the count walks an index and the page stops after its rows.
            total = await invoices.CountAsync(ct);
            shown = shown.Skip((page - 1) * size).Take(size);
        }
        else
        {
            // A text search reads every invoice whatever it asks for: the matching ids in order come from that one scan
            // (their number is the count), and the page reads its own rows by id, instead of a second scan to count.
            var matching = await ordered.Select(r => r.i.Id).ToListAsync(ct);
            total = matching.Count;
            var ids = matching.Skip((page - 1) * size).Take(size).ToList();
            shown = shown.Where(r => ids.Contains(r.Id));
        }
        var found = await shown.ToListAsync(ct);
        var waiting = await WaitingForAsync(db, people, found.Where(f => f.Status == InvoiceStatus.PendingApproval).Select(f => f.Id).ToList(), ct);
        var items = found.Select(f => new InvoiceRow(f.Id, f.Number, f.Status, f.ClientId, f.Client, f.Currency, f.Total,
            Math.Max(0, f.Total - f.AmountPaid), f.IssueDate, f.DueDate, f.Status == InvoiceStatus.Sent && f.DueDate < today, f.SentAt,
            waiting.GetValueOrDefault(f.Id))).ToArray();
        return TypedResults.Ok(new InvoicePage(items, total, page, size));
    }

    /// <summary>For each invoice waiting for approval, the names of the people who may decide its open step.</summary>
    internal static async Task<Dictionary<Guid, string[]>> WaitingForAsync(ChatBillingDb db, ApproverDirectory people, List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var open = await db.ApprovalSteps.AsNoTracking()
            .Where(s => ids.Contains(s.InvoiceId) && s.Status == StepStatus.Pending && s.OpenedAt != null)
            .Select(s => new { s.InvoiceId, s.Role }).ToListAsync(ct);
        return open.GroupBy(s => s.InvoiceId).ToDictionary(g => g.Key,
            g => g.SelectMany(s => people.HoldingRole(s.Role).Select(p => p.Name)).Distinct().ToArray());
    }
}

public sealed record InvoiceRow(Guid Id, string Number, InvoiceStatus Status, Guid ClientId, string Client, string Currency, decimal Total,
    decimal Balance, DateOnly IssueDate, DateOnly DueDate, bool Overdue, DateTimeOffset? SentAt, string[]? WaitingFor);

public sealed record InvoicePage(InvoiceRow[] Items, int Total, int Page, int Size);
