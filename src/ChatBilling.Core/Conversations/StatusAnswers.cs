using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.CustomerLinks;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Conversations;

/// <summary>"status of INV-…", "who needs to approve INV-…": where the invoice is, its steps (who decided, who may decide next and by when), its history.</summary>
internal sealed class StatusAnswers(
    ChatBillingDb db, ApproverDirectory approvers, ApprovalSettings settings, IDocumentLinks links, CustomerLinkTokens customerLinks,
    AnswerFormat format, DateOnly today)
{
    public async Task<BotAnswer?> BuildAsync(string number, CancellationToken ct)
    {
        var found = await FindByNumberAsync(number, ct);
        if (found is null) return null;
        var (invoice, client) = (found.Invoice, found.Client);

        var steps = await db.ApprovalSteps.AsNoTracking().Where(s => s.InvoiceId == invoice.Id).ToListAsync(ct);
        var round = steps.Count == 0 ? 0 : steps.Max(s => s.Round);
        var stepItems = steps.Where(s => s.Round == round).OrderBy(s => s.Sequence).Select(s => Step(s, invoice)).ToList();
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.InvoiceId == invoice.Id)
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
        var timeline = history.Select(a => new TimelineItem(format.When(a.At), AnswerWords.Describe(a, approvers))).ToList();

        var status = AnswerWords.StatusName(invoice.Status);
        if (invoice.IsOverdue(today)) status = $"Sent · {ChatFormat.Days(today.DayNumber - invoice.DueDate.DayNumber)} overdue";
        var due = Math.Max(0, invoice.Total - invoice.AmountPaid);
        var balance = invoice.Status is InvoiceStatus.Sent && due > 0
            ? invoice.AmountPaid > 0 ? $"{format.Money(due, invoice.Currency)} of {format.Money(invoice.Total, invoice.Currency)}" : format.Money(due, invoice.Currency)
            : null;
        var card = new InvoiceStatusCard(invoice.Number, client, status, format.Money(invoice.Total, invoice.Currency), format.Date(invoice.DueDate),
            balance, CardList.Of(stepItems), CardList.Of(timeline.TakeLast(CardList.MaxItems)),
            await customerLinks.ViewsSummaryAsync(invoice.Id, ct), links.PdfUrl(invoice.Id));
        var open = stepItems.FirstOrDefault(s => s.Open);
        var text = $"{invoice.Number} for {client}: {status}." + (open is null ? "" : $" {open.Label}: {open.State}.");
        return new(InvoiceStatusCard.TemplateName, card, text);
    }

    /// <summary>
    /// Numbers are stored as given. The unique index answers the number as typed, in capitals (ours are) or in lower
    /// case; only a hand-given number in mixed case typed in another case falls back to one pass over that index's
    /// numbers (never the invoice rows), so asking for a number that does not exist stays cheap at any size.
    /// </summary>
    private async Task<Found?> FindByNumberAsync(string number, CancellationToken ct)
    {
        var (upper, lower) = (number.ToUpperInvariant(), number.ToLowerInvariant());
        var found = await Find(db.Invoices.AsNoTracking().Where(i => i.Number == number || i.Number == upper || i.Number == lower))
            .FirstOrDefaultAsync(ct);
        if (found is not null) return found;
        var stored = await db.Invoices.AsNoTracking().Where(i => i.Number.ToUpper() == upper).Select(i => i.Number).FirstOrDefaultAsync(ct);
        return stored is null ? null : await Find(db.Invoices.AsNoTracking().Where(i => i.Number == stored)).FirstOrDefaultAsync(ct);
    }

    private IQueryable<Found> Find(IQueryable<Invoice> invoices) =>
        from i in invoices join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id select new Found(i, c.Name);

    private sealed record Found(Invoice Invoice, string Client);

    private StepItem Step(ApprovalStep s, Invoice invoice)
    {
        var label = $"Step {s.Sequence} of {s.StepCount} · {s.Role}";
        var deciders = approvers.All
            .Where(a => a.HasRole(s.Role) || (s.EscalatedAt is not null && a.HasRole(ApprovalSettings.ManagerRole)))
            .Where(a => !(a.Is(invoice.CreatedBy) || a.Name.Equals(invoice.CreatedBy, StringComparison.OrdinalIgnoreCase)))
            .Where(a => a.MaxAmount is not { } limit || invoice.Total <= limit);
        var who = People.Names(deciders, $"nobody who holds {s.Role}");
        var deadline = TimeSpan.FromHours(Math.Max(1, settings.DeadlineHours));
        var waiting = invoice.Status == InvoiceStatus.PendingApproval;
        return s.Status switch
        {
            StepStatus.Approved => new(label, $"Approved by {Decider(s)}{At(s.DecidedAt)}", false),
            StepStatus.Rejected => new(label, $"Rejected by {Decider(s)}{At(s.DecidedAt)}{(s.Reason is { Length: > 0 } r ? $": {AnswerWords.Clean(r)}" : "")}", false),
            StepStatus.Superseded => new(label, "Replaced by a later submission", false),
            _ when waiting && s.OpenedAt is { } opened => new(label,
                $"Waiting for {who} · decide by {format.When(opened + deadline)}{(s.EscalatedAt is not null ? " · escalated to managers" : "")}", true),
            _ when waiting => new(label, $"Next: {who}", false),
            _ => new(label, "Not decided", false),
        };
    }

    private string Decider(ApprovalStep s) => s.DecidedBy is { } by ? People.Name(by, approvers) : "someone";

    private string At(DateTimeOffset? at) => at is { } when ? $", {format.When(when)}" : "";
}
