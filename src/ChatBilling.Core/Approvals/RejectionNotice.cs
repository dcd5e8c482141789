using ChatBilling.Core.Cards;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>The payload of a rejection notice: which step of which invoice was rejected.</summary>
public sealed record RejectionNotice(Guid InvoiceId, long StepId);

/// <summary>
/// Tells the person who made an invoice that it was rejected, and why, so a rejected invoice never just
/// disappears. Queued in the rejection's transaction; emails the creator when they are someone on the team
/// (an API key or a trigger has no inbox: the history still says who rejected it and why).
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
        var by = people.ByEmail(step.DecidedBy)?.Name ?? step.DecidedBy ?? "An approver";
        var amount = ChatFormat.Money(invoice.Total, invoice.Currency);
        var text = $"{by} rejected invoice {invoice.Number} for {client.Name} ({amount}) at {step.Label}.\n\n"
            + $"Reason: {step.Reason}\n\nChange it in the ChatBilling console (Invoices → {invoice.Number} → Edit and resubmit) and submit it again.";
        await emails.SendAsync(message.IdempotencyKey, $"Rejected: {invoice.Number} for {client.Name} ({amount})", text, [requester], ct);
    }
}
