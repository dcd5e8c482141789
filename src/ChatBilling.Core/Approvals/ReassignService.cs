using ChatBilling.Core.Audit;
using ChatBilling.Core.Delegation;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Approvals;

/// <summary>What someone asked for: <paramref name="By"/> hands the waiting step to <paramref name="To"/> with a note.</summary>
/// <param name="CardVersion">The card version the request was made from (a chat card's field); when given, a card that is
/// no longer current (the step moved on, the invoice changed) is refused rather than handing on a step the person did not see.</param>
public sealed record ReassignRequest(string? By, string? To, string? Note, string? CardVersion = null);

/// <summary>
/// Hands the waiting step of an invoice to one other qualified person: someone who may decide it (or a manager) picks
/// a colleague who holds the role, within their limit, who did not create the invoice or decide an earlier step.
/// From then on only that person decides it (managers too once it is escalated); the cards follow in place.
/// </summary>
public sealed class ReassignService(
    ChatBillingDb db, ApprovalService approvals, ApproverDirectory approvers, Delegations delegations, TimeProvider time, Channels.ChatOutbox chat,
    ApprovalRequests requests)
{
    /// <summary>The names of the people <paramref name="byEmail"/> could hand the waiting step to (qualified, not already holding it), for pickers.</summary>
    public async Task<IReadOnlyList<string>> CandidatesAsync(Guid invoiceId, string? byEmail, CancellationToken ct = default)
    {
        var (invoice, steps) = await approvals.StepsAsync(invoiceId, ct);
        var round = steps.Count == 0 ? 0 : steps.Max(s => s.Round);
        var current = invoice.Status == InvoiceStatus.PendingApproval
            ? steps.FirstOrDefault(s => s.Round == round && s.Status == StepStatus.Pending && s.OpenedAt != null) : null;
        if (current is null) return [];
        return ReassignCandidates.For(approvals, approvers, invoice, steps, current, byEmail).Select(p => p.Name).ToList();
    }

    public Task<Invoice> ReassignAsync(Guid invoiceId, ReassignRequest request, string channel, CancellationToken ct = default) =>
        db.ForInvoiceAsync(invoiceId, () => ReassignLockedAsync(invoiceId, request, channel, ct), ct);

    private async Task<Invoice> ReassignLockedAsync(Guid invoiceId, ReassignRequest request, string channel, CancellationToken ct)
    {
        var note = request.Note?.Trim();
        if (string.IsNullOrEmpty(note)) throw InvalidInputException.For("note", "A reassignment needs a note for the colleague (why them, what to look at).");
        if (note.Length > ApprovalService.MaxReasonLength)
            throw InvalidInputException.For("note", $"note must be at most {ApprovalService.MaxReasonLength} characters.");
        var by = approvers.ByEmail(request.By) ?? throw new NotPermittedException($"{request.By} is not a configured approver.");
        if (string.IsNullOrWhiteSpace(request.To)) throw InvalidInputException.For("to", "to (the colleague who decides instead) is required.");
        var to = DelegationTargets.Find(approvers, request.To)
            ?? throw InvalidInputException.For("to", $"{request.To.Trim()} is not a configured approver (Approvals:Approvers).");

        var invoice = await db.Invoices.FirstOrDefaultAsync(i => i.Id == invoiceId, ct) ?? throw new NotFoundException($"There is no invoice {invoiceId}.");
        var steps = await db.ApprovalSteps.Where(s => s.InvoiceId == invoiceId).OrderBy(s => s.Round).ThenBy(s => s.Sequence).ToListAsync(ct);
        var round = steps.Count == 0 ? 0 : steps.Max(s => s.Round);
        var current = invoice.Status == InvoiceStatus.PendingApproval
            ? steps.FirstOrDefault(s => s.Round == round && s.Status == StepStatus.Pending && s.OpenedAt != null) : null;
        if (current is null) throw new TransitionRefusedException($"{invoice.Number} is {invoice.Status}; no step waits to be handed on.");
        if (request.CardVersion is { } version && version != ApprovalService.CardVersion(invoice, current))
            throw new ConflictException($"This card of {invoice.Number} is out of date ({current.Label} changed since it was shown); nothing was handed on. Look at the card again.");

        var map = await delegations.TodayAsync(ct);
        if (!by.HasRole(ApprovalSettings.ManagerRole) && approvals.Authority(invoice, steps, current, by, map).WhyNot is { } whyNot)
            throw new NotPermittedException($"Only someone who may decide {current.Label} (or a manager) hands it on. {whyNot}");
        if (to.Is(current.AssignedTo ?? "") || (current.AssignedTo is null && to.Is(by.Email)))
            throw InvalidInputException.For("to", $"{current.Label} of {invoice.Number} is already with {to.Name}.");
        var decidedEarlier = steps.Any(s => s.Round == round && s.Status == StepStatus.Approved && s.DecidedByOrFor(to.Email));
        if (approvals.Qualification(invoice, current, to, decidedEarlier) is { } unqualified)
            throw InvalidInputException.For("to", $"{to.Name} cannot take {current.Label}: {unqualified}");

        var now = time.GetUtcNow();
        current.AssignTo(to.Email);
        invoice.Touch(now);
        db.AuditEntries.Add(invoice.Record(new Actor(by.Email, channel), AuditActions.Reassigned, now,
            $"{by.Name} handed {current.Label} to {to.Name}: {note}"));
        await chat.ApprovalChangedAsync(invoice, round, $"reassigned:{current.Id}:{now.UtcTicks}", ct);
        // The new assignee (or whoever stands in for them) is asked by email too; managers of an escalated step already were.
        var reached = map.Resolve(to.Email);
        await requests.EnqueueAsync(invoice, current, approvals.Deciders(invoice, steps, current, map).Where(p => p.Is(to.Email) || p.Is(reached)),
            $"{by.Name} handed it to you: {note}", ct);
        await db.SaveChangesAsync(ct);
        return invoice;
    }
}
