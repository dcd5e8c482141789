using ChatBilling.Core.Cards;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>The payload of a reminder or escalation about one approval step.</summary>
public sealed record ApprovalNotice(Guid InvoiceId, long StepId, bool Escalated);

/// <summary>A reminder or escalation worded for people, and who it is for.</summary>
public sealed record ComposedNotice(string Number, string Subject, string Text, IReadOnlyList<ApproverSettings> People);

/// <summary>Words a late step's reminder or escalation, the same for email and chat.</summary>
public sealed class ApprovalNotices(ChatBillingDb db, ApproverDirectory approvers, Delegation.Delegations delegations)
{
    /// <summary>Null when the step was decided meanwhile or nobody holds the role: then there is nobody to chase.</summary>
    public async Task<ComposedNotice?> ComposeAsync(ApprovalNotice notice, CancellationToken ct)
    {
        var step = await db.ApprovalSteps.AsNoTracking().FirstAsync(s => s.Id == notice.StepId, ct);
        if (step.Status != StepStatus.Pending) return null;
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == notice.InvoiceId, ct);
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == invoice.ClientId, ct);
        // Someone away is reached through whoever stands in for them.
        var people = (await delegations.TodayAsync(ct)).Reached(approvers.HoldingRole(notice.Escalated ? ApprovalSettings.ManagerRole : step.Role), approvers);
        if (people.Count == 0) return null;

        var amount = ChatFormat.Money(invoice.Total, invoice.Currency);
        return notice.Escalated
            ? new(invoice.Number, $"Escalated: {invoice.Number} for {client.Name} ({amount}) waits for {step.Label}",
                $"{step.Label} of invoice {invoice.Number} was not decided in time and is escalated to managers. You can approve or reject it in the ChatBilling console or chat.",
                people)
            : new(invoice.Number, $"Waiting for you: {invoice.Number} for {client.Name} ({amount}), {step.Label}",
                $"Invoice {invoice.Number} for {client.Name} ({amount}) has waited past its deadline for {step.Label}. Please approve or reject it in the ChatBilling console or chat.",
                people);
    }
}

/// <summary>
/// Emails the people who can decide a late step: its approvers on a reminder, the managers on an escalation.
/// Email reaches people whatever channel the team uses; chat channels post the same notice in the card's thread.
/// </summary>
public sealed class ApprovalNoticeHandler(ApprovalNotices notices, StaffEmails emails) : IOutboxHandler
{
    public const string Kind = "approval.notice";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await notices.ComposeAsync(message.ReadPayload<ApprovalNotice>(), ct) is not { } notice) return;
        var people = notice.People.Where(p => p.Email.Length > 0).ToList();
        if (people.Count == 0) return;
        await emails.SendAsync(message.IdempotencyKey, notice.Subject, notice.Text, people, ct);
    }
}
