using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Approvals;

/// <summary>Finds configured approvers by the identity a channel proved (email, Slack user, Teams AAD object).</summary>
public sealed class ApproverDirectory(IOptionsMonitor<ApprovalSettings> settings)
{
    public IReadOnlyList<ApproverSettings> All => settings.CurrentValue.EffectiveApprovers;

    /// <summary>With no approvers configured, the single demo approver may decide every step of an invoice.</summary>
    public bool RequiresDistinctApprovers => settings.CurrentValue.Approvers.Count > 0;

    public ApproverSettings? ByEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : All.FirstOrDefault(a => a.Is(email.Trim()));

    public ApproverSettings? BySlackUser(string? userId) =>
        string.IsNullOrEmpty(userId) ? null : All.FirstOrDefault(a => a.SlackUserId == userId);

    public ApproverSettings? ByTeamsUser(string? aadObjectId) =>
        string.IsNullOrEmpty(aadObjectId) ? null
            : All.FirstOrDefault(a => string.Equals(a.TeamsAadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<ApproverSettings> HoldingRole(string role) => All.Where(a => a.HasRole(role)).ToList();

    /// <summary>Whom a late step's reminder goes to: its assignee when it was handed to someone, else its role; managers on escalation.</summary>
    public IReadOnlyList<ApproverSettings> ToChase(ApprovalStep step, bool escalated) =>
        escalated ? HoldingRole(ApprovalSettings.ManagerRole)
            : step.AssignedTo is { } assignee && ByEmail(assignee) is { } person ? [person] : HoldingRole(step.Role);
}
