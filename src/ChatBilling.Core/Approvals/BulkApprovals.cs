using ChatBilling.Core.Cards;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Approvals;

/// <summary>One invoice of a bulk approval, with the card version the person was shown (so a changed invoice is not approved blind).</summary>
public sealed record BulkItem(Guid InvoiceId, string? CardVersion);

/// <summary>What happened to one invoice of a bulk approval: approved, or why not.</summary>
public sealed record BulkOutcome(Guid InvoiceId, string? Number, bool Approved, string Message);

/// <summary>An invoice the person may approve now, as the bulk list shows it.</summary>
public sealed record Decidable(Guid InvoiceId, string Number, string Client, string Amount, string Step, string CardVersion);

/// <summary>
/// Approving several invoices in one action. Each is still its own decision, through <see cref="ApprovalService"/>
/// with every check (role, limit, own invoice, stale card) and its own history line and card update, in its own
/// unit of work: one refusal never undoes or blocks the others, and each refusal says why.
/// </summary>
public sealed class BulkApprovals(IServiceScopeFactory scopes, ChatBillingDb db, ApprovalCards cards)
{
    public const int MaxItems = 50;

    /// <summary>The invoices waiting for a step <paramref name="email"/> may decide, oldest first.</summary>
    public async Task<IReadOnlyList<Decidable>> WaitingForAsync(string email, CancellationToken ct)
    {
        var waiting = await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.PendingApproval)
            .Select(i => new { i.Id, i.Number }).Take(200).ToListAsync(ct);
        var list = new List<Decidable>();
        foreach (var invoice in waiting.OrderBy(i => i.Number, StringComparer.Ordinal))
        {
            if ((await cards.ForAsync(invoice.Id, email, ct)).Card is ApprovalRequestCard card)
                list.Add(new(card.InvoiceId, card.Number, card.ClientName, card.Amount, card.StepLabel, card.CardVersion));
        }
        return list;
    }

    public async Task<IReadOnlyList<BulkOutcome>> ApproveAsync(string email, IReadOnlyList<BulkItem>? items, string channel, CancellationToken ct)
    {
        if (items is not { Count: > 0 }) throw InvalidInputException.For("items", "items needs at least one invoice.");
        if (items.Count > MaxItems) throw InvalidInputException.For("items", $"At most {MaxItems} invoices are approved in one action.");
        if (items.Select(i => i.InvoiceId).Distinct().Count() != items.Count) throw InvalidInputException.For("items", "An invoice is listed twice.");
        var outcomes = new List<BulkOutcome>();
        foreach (var item in items)
        {
            await using var scope = scopes.CreateAsyncScope();
            var approvals = scope.ServiceProvider.GetRequiredService<ApprovalService>();
            try
            {
                var decided = await approvals.DecideAsync(item.InvoiceId,
                    new DecisionRequest(email, Approve: true, Reason: null, item.CardVersion, Via: "bulk"), channel, ct);
                outcomes.Add(new(item.InvoiceId, decided.Invoice.Number, decided.Result == DecisionResult.Applied, decided.Message));
            }
            // The service's refusals are sentences for the person; nothing changed for that invoice.
            catch (Exception e) when (e is NotPermittedException or ConflictException or TransitionRefusedException
                                           or InvalidInputException or NotFoundException)
            {
                var number = await db.Invoices.AsNoTracking().Where(i => i.Id == item.InvoiceId).Select(i => i.Number).FirstOrDefaultAsync(ct);
                outcomes.Add(new(item.InvoiceId, number, false, e.Message));
            }
        }
        return outcomes;
    }
}
