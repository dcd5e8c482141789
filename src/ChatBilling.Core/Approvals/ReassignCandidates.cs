using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Approvals;

/// <summary>
/// Who a waiting step may be handed to: every configured approver who would qualify for it (role, limit, not the
/// creator, not someone who decided an earlier step when distinct people are required) and does not hold it now.
/// One rule for the pickers (the console's list, the Teams card's "Reassign…" choices) and for <see cref="ReassignService"/>,
/// which checks the same qualification again when the handover is made.
/// </summary>
public static class ReassignCandidates
{
    /// <param name="holder">Who holds the step now: its assignee, else the person looking (an any-of step is "theirs" to hand on).</param>
    public static IReadOnlyList<ApproverSettings> For(ApprovalService approvals, ApproverDirectory approvers, Invoice invoice,
        IReadOnlyList<ApprovalStep> steps, ApprovalStep current, string? holder)
    {
        var held = current.AssignedTo ?? holder ?? "";
        return approvers.All.Where(p => !p.Is(held) && approvals.Qualification(invoice, current, p,
                steps.Any(s => s.Round == current.Round && s.Status == StepStatus.Approved && s.DecidedByOrFor(p.Email))) is null)
            .ToList();
    }
}
