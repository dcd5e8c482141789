using ChatBilling.Core.Cards;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Outbox;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>
/// Sends one approval request email: number, client, amount, due date, the route with who can decide each step, and
/// (with a host) that person's own signed Approve / Reject links, the same the reminders carry. Judged again when it
/// is sent: a step decided, recalled or handed to someone else meanwhile, or a person who may no longer decide it,
/// sends nothing, so nobody reads amounts about a step that is not theirs.
/// </summary>
public sealed class ApprovalRequestHandler(
    ChatBillingDb db, ApprovalService approvals, ApprovalRoutes routes, ApproverDirectory approvers, Delegation.Delegations delegations,
    StaffEmails emails, EmailDecisions.IEmailDecisionLinks? links = null) : IOutboxHandler
{
    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var request = message.ReadPayload<ApprovalRequest>();
        if (approvers.ByEmail(request.Email) is not { } person) return;
        var (invoice, steps) = await approvals.StepsAsync(request.InvoiceId, ct);
        var step = steps.FirstOrDefault(s => s.Round == request.Round && s.Sequence == request.Sequence);
        if (invoice.Status != InvoiceStatus.PendingApproval || step is not { Status: StepStatus.Pending, OpenedAt: not null }) return;
        var map = await delegations.TodayAsync(ct);
        if (approvals.Authority(invoice, steps, step, person, map) is not { WhyNot: null } authority) return;

        var client = await db.Clients.AsNoTracking().Where(c => c.Id == invoice.ClientId).Select(c => c.Name).FirstAsync(ct);
        var amount = ChatFormat.Money(invoice.Total, invoice.Currency);
        var route = steps.Where(s => s.Round == step.Round).OrderBy(s => s.Sequence).Select(s => RouteLine(routes.Of(invoice, steps, s, map), s == step));
        var standIn = authority.StandIn is { } principal ? $"\nYou decide for {principal.Name}, who is away (a delegation)." : "";
        var text = $"Invoice {invoice.Number} for {client} ({amount}, due {ChatFormat.Date(invoice.DueDate)}) waits for your decision: {step.Label}.\n" +
                   $"{request.Why}{standIn}\n\nRoute:\n{string.Join("\n", route)}";
        if (links is null)
            text += "\n\nApprove or reject it in the ChatBilling console or in chat.";
        else
        {
            var link = links.For(invoice.Id, ApprovalService.CardVersion(invoice, step), person.Email);
            text += $"\n\nApprove: {link.Approve}\nReject: {link.Reject}\n\n" +
                    "Each link opens a page showing the invoice; nothing changes until you confirm there. The links are yours alone and work once.";
        }
        await emails.SendAsync(message.IdempotencyKey, $"Approval requested: {invoice.Number} for {client} ({amount}), {step.Label}", text, [person], ct);
    }

    /// <summary>"  2. finance (waiting, you): Fin Manager"; a run of several people of a role says how many more it needs.</summary>
    private static string RouteLine(RouteStep s, bool isThis)
    {
        var state = isThis ? "waiting for you" : s.Status.ToString().ToLowerInvariant();
        var who = s.Deciders.Count > 0 ? $": {string.Join(", ", s.Deciders)}" : "";
        var count = s.RoleCount > 1 ? $" ({s.StillNeeded} more of {s.RoleCount} needed)" : "";
        return $"  {s.Sequence}. {s.Role}{count} ({state}){who}";
    }
}
