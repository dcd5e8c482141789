using ChatBilling.Core.Cards;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>The payload of a reminder or escalation about one approval step.</summary>
public sealed record ApprovalNotice(Guid InvoiceId, long StepId, bool Escalated);

/// <summary>A reminder or escalation worded for people, and who it is for.</summary>
/// <param name="CardVersion">The version of the step the notice is about, for decision links.</param>
public sealed record ComposedNotice(string Number, string Subject, string Text, IReadOnlyList<ApproverSettings> People,
    Guid InvoiceId = default, string? CardVersion = null);

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
        var people = (await delegations.TodayAsync(ct)).Reached(approvers.ToChase(step, notice.Escalated), approvers);
        if (people.Count == 0) return null;

        var amount = ChatFormat.Money(invoice.Total, invoice.Currency);
        return notice.Escalated
            ? new(invoice.Number, $"Escalated: {invoice.Number} for {client.Name} ({amount}) waits for {step.Label}",
                $"{step.Label} of invoice {invoice.Number} was not decided in time and is escalated to managers. You can approve or reject it in the ChatBilling console or chat.",
                people, invoice.Id, ApprovalService.CardVersion(invoice, step))
            : new(invoice.Number, $"Waiting for you: {invoice.Number} for {client.Name} ({amount}), {step.Label}",
                $"Invoice {invoice.Number} for {client.Name} ({amount}) has waited past its deadline for {step.Label}. Please approve or reject it in the ChatBilling console or chat.",
                people, invoice.Id, ApprovalService.CardVersion(invoice, step));
    }
}

/// <summary>
/// Emails the people who can decide a late step: its approvers on a reminder, the managers on an escalation.
/// Email reaches people whatever channel the team uses; chat channels post the same notice in the card's thread.
/// </summary>
/// <remarks>
/// With <see cref="EmailDecisions.IEmailDecisionLinks"/> each person gets their own email carrying Approve / Reject
/// links bound to them and to this step (a link forwarded to a colleague still decides nothing for the colleague).
/// </remarks>
public sealed class ApprovalNoticeHandler(ApprovalNotices notices, StaffEmails emails, EmailDecisions.IEmailDecisionLinks? links = null) : IOutboxHandler
{
    public const string Kind = "approval.notice";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        if (await notices.ComposeAsync(message.ReadPayload<ApprovalNotice>(), ct) is not { } notice) return;
        var people = notice.People.Where(p => p.Email.Length > 0).ToList();
        if (people.Count == 0) return;
        if (links is null || notice.CardVersion is not { } version)
        {
            await emails.SendAsync(message.IdempotencyKey, notice.Subject, notice.Text, people, ct);
            return;
        }
        foreach (var person in people)
        {
            var link = links.For(notice.InvoiceId, version, person.Email);
            var text = $"{notice.Text}\n\nApprove: {link.Approve}\nReject: {link.Reject}\n\n" +
                "Each link opens a page showing the invoice; nothing changes until you confirm there. The links are yours alone and work once.";
            await emails.SendAsync($"{message.IdempotencyKey}:{person.Email}", notice.Subject, text, [person], ct);
        }
    }
}
