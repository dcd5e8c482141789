using ChatBilling.Core.Approvals;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Delegation;

/// <summary>
/// When a delegation begins (set for today, or a future one whose first day has come), the steps already waiting for
/// the away person reach the delegate: each step the delegate may now decide in their place gets one approval request
/// email to the delegate, in the caller's unit of work. The emails' keys (<see cref="ApprovalRequests"/>: invoice,
/// step, invoice version, person) make a second run, or a step the delegate was already asked about, send nothing.
/// </summary>
public sealed class DelegateRequests(ChatBillingDb db, ApproverDirectory approvers, ApprovalService approvals, ApprovalRequests requests)
{
    /// <param name="map">The delegations as they hold once this one does.</param>
    /// <returns>How many steps the delegate was asked about (before the keys drop repeats).</returns>
    public async Task<int> AskAsync(ApprovalDelegation delegation, DelegationMap map, CancellationToken ct)
    {
        if (approvers.ByEmail(delegation.ToEmail) is not { } stand) return 0;
        var waiting = await (from s in db.ApprovalSteps.AsNoTracking()
                join i in db.Invoices on s.InvoiceId equals i.Id
                where i.Status == InvoiceStatus.PendingApproval && s.Status == StepStatus.Pending && s.OpenedAt != null
                select s.InvoiceId).Distinct().ToListAsync(ct);
        var asked = 0;
        foreach (var invoiceId in waiting)
        {
            var (invoice, steps) = await approvals.StepsAsync(invoiceId, ct);
            var round = steps.Max(s => s.Round);
            var step = steps.Where(s => s.Round == round && s.Status == StepStatus.Pending && s.OpenedAt != null).MinBy(s => s.Sequence);
            if (step is null || approvals.Authority(invoice, steps, step, stand, map) is not { WhyNot: null, StandIn: { } principal }
                || !principal.Is(delegation.FromEmail)) continue;
            await requests.EnqueueAsync(invoice, step, [stand],
                $"{approvers.ByEmail(delegation.FromEmail)?.Name ?? delegation.FromEmail} is away until {delegation.EndsOn:yyyy-MM-dd} and delegated their approvals to you.", ct);
            asked++;
        }
        return asked;
    }
}
