using ChatBilling.Core.Approvals;

namespace ChatBilling.Core.People;

/// <summary>
/// Someone ChatBilling knows: a configured approver (who may decide) or a viewer (who may ask and read, never decide).
/// Only known people are told amounts, client names or links, in any channel.
/// </summary>
public sealed record Person(
    string Name, string Email, string? SlackUserId, string? TeamsAadObjectId, IReadOnlyList<string> Roles, decimal? MaxAmount, bool MayDecide)
{
    /// <summary>People who make and edit invoices in the console; they need not approve anything.</summary>
    public const string BillingRole = "billing";

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    public static Person From(ApproverSettings a) => new(a.Name, a.Email, a.SlackUserId, a.TeamsAadObjectId, a.Roles, a.MaxAmount, MayDecide: true);

    public static Person From(ViewerSettings v) => new(v.Name, v.Email, v.SlackUserId, v.TeamsAadObjectId, [], MaxAmount: null, MayDecide: false);
}

/// <summary>One entry of <c>Approvals:Viewers</c>: may ask the bot and read, never decide.</summary>
public sealed record ViewerSettings
{
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string? SlackUserId { get; init; }
    public string? TeamsAadObjectId { get; init; }
}

/// <summary>The viewers of the <c>Approvals</c> section (bound beside <see cref="ApprovalSettings"/>, which the approval rules own).</summary>
public sealed record PeopleSettings
{
    public IReadOnlyList<ViewerSettings> Viewers { get; init; } = [];
}
