using ChatBilling.Core.Cards;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>The payload of a reminder or escalation about one approval step.</summary>
public sealed record ApprovalNotice(Guid InvoiceId, long StepId, bool Escalated);

/// <summary>
/// Emails the people who can decide a late step: its approvers on a reminder, the managers on an escalation.
/// Chat adapters add their own posts; email reaches people whatever channel the team uses.
/// </summary>
public sealed class ApprovalNoticeHandler(
    ChatBillingDb db, ApproverDirectory approvers, TeamEmails emails) : IOutboxHandler
{
    public const string Kind = "approval.notice";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var notice = message.ReadPayload<ApprovalNotice>();
        var step = await db.ApprovalSteps.AsNoTracking().FirstAsync(s => s.Id == notice.StepId, ct);
        if (step.Status != StepStatus.Pending) return;
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == notice.InvoiceId, ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == invoice.ClientId, ct);
        var people = approvers.HoldingRole(notice.Escalated ? ApprovalSettings.ManagerRole : step.Role).Where(p => p.Email.Length > 0).ToList();
        if (people.Count == 0) return;

        var amount = ChatFormat.Money(invoice.Total, invoice.Currency);
        var subject = notice.Escalated
            ? $"Escalated: {invoice.Number} for {client.Name} ({amount}) waits for {step.Label}"
            : $"Waiting for you: {invoice.Number} for {client.Name} ({amount}), {step.Label}";
        var text = notice.Escalated
            ? $"{step.Label} of invoice {invoice.Number} was not decided in time and is escalated to managers. You can approve or reject it in the ChatBilling console or chat."
            : $"Invoice {invoice.Number} for {client.Name} ({amount}) has waited past its deadline for {step.Label}. Please approve or reject it in the ChatBilling console or chat.";
        await emails.SendAsync(message.IdempotencyKey, subject, text, people, ct);
    }
}
