using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Conversations;

/// <summary>An answer: the card to show and a plain-text line for notifications and clients that show no cards.</summary>
public sealed record BotAnswer(string TemplateName, object Card, string Text);

/// <summary>Answers ask-the-bot questions the same way for every channel.</summary>
public sealed class BotAnswers(
    ChatBillingDb db, TimeProvider time, ApproverDirectory approvers, IDocumentLinks links, Links.InvoiceLinkTokens customerLinks)
{
    public static readonly IReadOnlyList<HelpCommand> Commands =
    [
        new("overdue", "Sent invoices past their due date, oldest debt first, with totals per currency. Add a client name to narrow it."),
        new("pending", "Invoices waiting for approval: the step, who can decide, and how long it has waited."),
        new("status INV-2026-0001", "Where one invoice is and everything that happened to it."),
        new("help", "This list."),
    ];

    public Task<BotAnswer> AnswerAsync(string? text, CancellationToken ct = default) => AnswerAsync(BotQuestionParser.Parse(text), ct);

    public async Task<BotAnswer> AnswerAsync(BotQuestion question, CancellationToken ct = default) => question.Kind switch
    {
        QuestionKind.Overdue => await OverdueAsync(question.Subject, ct),
        QuestionKind.Pending => await PendingAsync(question.Subject, ct),
        QuestionKind.Status when question.Subject is { } number => await StatusAsync(number, ct),
        QuestionKind.Status => Help("Which invoice? Try: status INV-2026-0001"),
        QuestionKind.Unknown => Help($"I did not understand \"{question.Subject}\". This is what I can answer:"),
        _ => Help("This is what I can answer:"),
    };

    private static BotAnswer Help(string text) => new(HelpCard.TemplateName, new HelpCard(Commands), text);

    private async Task<BotAnswer> OverdueAsync(string? clientName, CancellationToken ct)
    {
        var today = time.Today();
        var rows = await (from i in db.Invoices.AsNoTracking()
                          join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                          where i.Status == InvoiceStatus.Sent && i.DueDate < today
                          orderby i.DueDate, i.Number
                          select new { i.Number, Client = c.Name, i.Total, i.Currency, i.DueDate }).ToListAsync(ct);
        if (clientName is not null) rows = rows.Where(r => r.Client.Contains(clientName, StringComparison.OrdinalIgnoreCase)).ToList();
        var items = rows.Select(r => new OverdueItem(r.Number, r.Client, ChatFormat.Money(r.Total, r.Currency), ChatFormat.Date(r.DueDate),
            ChatFormat.Days(today.DayNumber - r.DueDate.DayNumber))).ToList();
        var totals = ChatFormat.Totals(rows.Select(r => (r.Currency, r.Total)));
        var scope = clientName is null ? "" : $" for \"{clientName}\"";
        var card = new OverdueListCard(CardList.Of(items), totals, $"Nothing is overdue{scope}.");
        var text = items.Count == 0 ? card.EmptyLine
            : $"{items.Count} overdue invoice(s){scope}: {string.Join(", ", totals.Select(t => t.Amount))}.";
        return new(OverdueListCard.TemplateName, card, text);
    }

    private async Task<BotAnswer> PendingAsync(string? clientName, CancellationToken ct)
    {
        var rows = await WaitingApprovals.ListAsync(db, ct);
        if (clientName is not null) rows = rows.Where(r => r.ClientName.Contains(clientName, StringComparison.OrdinalIgnoreCase)).ToList();
        var now = time.GetUtcNow();
        var items = rows.Select(r => r.ToItem(approvers, now)).ToList();
        var card = new PendingListCard(CardList.Of(items), "Nothing is waiting for approval.");
        return new(PendingListCard.TemplateName, card, items.Count == 0 ? card.EmptyLine : $"{items.Count} invoice(s) waiting for approval.");
    }

    private async Task<BotAnswer> StatusAsync(string number, CancellationToken ct)
    {
        var upper = number.ToUpperInvariant();
        var found = await (from i in db.Invoices.AsNoTracking()
                           join c in db.Clients.AsNoTracking() on i.ClientId equals c.Id
                           where i.Number.ToUpper() == upper
                           select new { Invoice = i, Client = c.Name }).FirstOrDefaultAsync(ct);
        if (found is null) return Help($"There is no invoice {number}.");
        var invoice = found.Invoice;
        var history = await db.AuditEntries.AsNoTracking().Where(a => a.InvoiceId == invoice.Id)
            .OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
        var timeline = history.Select(a => new TimelineItem(ChatFormat.When(a.At), Describe(a))).ToList();
        var status = invoice.IsOverdue(time.Today()) ? $"{invoice.Status} · overdue" : invoice.Status.ToString();
        var card = new InvoiceStatusCard(invoice.Number, found.Client, status, ChatFormat.Money(invoice.Total, invoice.Currency),
            ChatFormat.Date(invoice.DueDate), CardList.Of(timeline.TakeLast(CardList.MaxItems)),
            await customerLinks.ViewsSummaryAsync(invoice.Id, ct), links.PdfUrl(invoice.Id));
        return new(InvoiceStatusCard.TemplateName, card, $"{invoice.Number} for {found.Client} is {status}.");
    }

    private static string Describe(Audit.AuditEntry a)
    {
        var change = a.ToStatus is { } to && a.FromStatus != to ? $" → {to}" : "";
        var detail = a.Detail is { Length: > 0 } d ? $": {(d.Length > 160 ? d[..157] + "…" : d)}" : "";
        return $"{a.Action} by {a.Actor} ({a.Channel}){change}{detail}";
    }
}
