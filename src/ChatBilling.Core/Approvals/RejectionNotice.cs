using ChatBilling.Core.Cards;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Documents;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>The payload of a rejection notice: which step of which invoice was rejected.</summary>
public sealed record RejectionNotice(Guid InvoiceId, long StepId);

/// <summary>
/// Tells the person who made an invoice that it was rejected, and why, so a rejected invoice never just
/// disappears. Queued in the rejection's transaction; emails the creator when they are someone on the team
/// (an API key or a trigger has no inbox: the history still says who rejected it and why). Worded in the client's
/// language like every email about the invoice (Documents/Texts/{language}.json, English when there is none).
/// </summary>
public sealed class RejectionNoticeHandler(ChatBillingDb db, ApproverDirectory people, StaffEmails emails) : IOutboxHandler
{
    public const string Kind = "approval.rejected";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var notice = message.ReadPayload<RejectionNotice>();
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == notice.InvoiceId, ct);
        if (people.ByEmail(invoice.CreatedBy) is not { Email.Length: > 0 } requester) return;
        var step = await db.ApprovalSteps.AsNoTracking().FirstAsync(s => s.Id == notice.StepId, ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == invoice.ClientId, ct);
        var t = DocumentTexts.For(client.Locale);
        var by = people.ByEmail(step.DecidedBy)?.Name ?? step.DecidedBy ?? t["rejection.anApprover"];
        (string, string)[] values = [("by", by), ("number", invoice.Number), ("client", client.Name),
            ("amount", ChatFormat.Money(invoice.Total, invoice.Currency)), ("step", step.Label), ("reason", step.Reason ?? string.Empty)];
        var text = $"{t.Format("rejection.lead", values)}\n\n{t.Format("rejection.reason", values)}\n\n{t.Format("rejection.next", values)}";
        await emails.SendAsync(message.IdempotencyKey, t.Format("rejection.subject", values), text, [requester], ct);
    }
}
