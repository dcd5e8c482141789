namespace ChatBilling.Core.Approvals;

/// <summary>Decides which roles must approve a total, from <c>Approvals:AutoApproveBelow</c> and <c>Approvals:Rules</c>.</summary>
public static class ApprovalPlan
{
    /// <summary>The roles to ask, in order; empty when the total is approved without asking.</summary>
    public static IReadOnlyList<string> RolesFor(decimal total, ApprovalSettings settings)
    {
        if (total < settings.AutoApproveBelow) return [];
        var rule = settings.EffectiveRules.Where(r => r.MinAmount <= total).MaxBy(r => r.MinAmount);
        // Above the auto-approve threshold but below every rule: someone must still look at it.
        return rule is { StepRoles.Count: > 0 } ? rule.StepRoles : ["approver"];
    }
}
