namespace ChatBilling.Core.Approvals;

/// <summary>The <c>Approvals</c> settings section of shared/CONTRACT.md.</summary>
public sealed record ApprovalSettings
{
    /// <summary>Totals under this are approved on submit without asking anyone.</summary>
    public decimal AutoApproveBelow { get; init; } = 1000m;
}
