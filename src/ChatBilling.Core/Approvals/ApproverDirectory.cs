using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Approvals;

/// <summary>Finds configured approvers by the identity a channel proved (an email, or their id on a chat channel).</summary>
public sealed class ApproverDirectory(IOptionsMonitor<ApprovalSettings> settings)
{
    public IReadOnlyList<ApproverSettings> All => settings.CurrentValue.EffectiveApprovers;

    /// <summary>With no approvers configured, the single demo approver may decide every step of an invoice.</summary>
    public bool RequiresDistinctApprovers => settings.CurrentValue.Approvers.Count > 0;

    public ApproverSettings? ByEmail(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : All.FirstOrDefault(a => a.Is(email.Trim()));

    /// <summary>The approver whose id on <paramref name="channel"/> is <paramref name="id"/>, or null.</summary>
    public ApproverSettings? ByIdentity(string channel, string? id) =>
        string.IsNullOrEmpty(id) ? null : All.FirstOrDefault(a => People.ChatIdentities.Has(a.Identities, channel, id));

    public IReadOnlyList<ApproverSettings> HoldingRole(string role) => All.Where(a => a.HasRole(role)).ToList();

    /// <summary>Whom a late step's reminder goes to: its assignee when it was handed to someone, else its role; managers on escalation.</summary>
    public IReadOnlyList<ApproverSettings> ToChase(ApprovalStep step, bool escalated) =>
        escalated ? HoldingRole(ApprovalSettings.ManagerRole)
            : step.AssignedTo is { } assignee && ByEmail(assignee) is { } person ? [person] : HoldingRole(step.Role);
}
