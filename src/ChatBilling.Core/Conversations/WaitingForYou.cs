using ChatBilling.Core.Approvals;
using ChatBilling.Core.Delegation;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Conversations;

/// <summary>
/// "Waiting for you" (<c>my approvals</c>, <c>waiting</c>, <c>/billing waiting</c>): the invoices the asker may decide now,
/// by the very rule the console inbox orders by (<see cref="DecidableQuery"/>: the step's assignee, role or manager once
/// escalated, limit, never one's own, distinct people, standing in for someone away), each with the card version its
/// Approve button carries, so the click goes through the decision's stale-card protection like a card's own button.
/// </summary>
internal static class WaitingForYou
{
    /// <summary>A digest, not the whole list: the rest is one link away in the console.</summary>
    public const int Shown = 10;

    /// <summary>Bare "waiting" (the Slack command <c>/billing waiting</c>) asks for one's own list, not everyone's pending.</summary>
    public static bool MeansMine(string? text) =>
        (text ?? "").Trim().TrimEnd('?', '!', '.').Trim().ToLowerInvariant() is "waiting" or "waiting for me" or "waiting for you";

    /// <summary>The invoices <paramref name="me"/> may decide now, each with the version of the step that waits.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> DecidableAsync(
        ChatBillingDb db, ApproverDirectory approvers, ApprovalSettings settings, ApproverSettings me, DelegationMap map, CancellationToken ct)
    {
        var decidable = db.Invoices.AsNoTracking().IgnoreAutoIncludes().Where(i => i.Status == InvoiceStatus.PendingApproval)
            .Where(new DecidableQuery(db, approvers, settings).For(me, map));
        // Only what the card version is made of: every decidable invoice is read (the list's count and totals cover them
        // all), and whole invoice and step rows for each cost more than the rest of the answer.
        var open = await (from i in decidable
                          join s in db.ApprovalSteps.AsNoTracking() on i.Id equals s.InvoiceId
                          where s.Status == StepStatus.Pending && s.OpenedAt != null
                          select new { i.Id, i.Version, StepId = s.Id, s.Round, s.Sequence }).ToListAsync(ct);
        // The open step is the first waiting one of the latest submission, as ApprovalCards picks it.
        return open.GroupBy(o => o.Id).ToDictionary(g => g.Key, g =>
        {
            var step = g.OrderByDescending(o => o.Round).ThenBy(o => o.Sequence).First();
            return ApprovalService.CardVersion(step.StepId, step.Version);
        });
    }
}
