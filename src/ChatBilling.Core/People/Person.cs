using ChatBilling.Core.Approvals;

namespace ChatBilling.Core.People;

/// <summary>
/// Someone ChatBilling knows: a configured approver (who may decide) or a viewer (who may ask and read, never decide).
/// Only known people are told amounts, client names or links, in any channel.
/// </summary>
public sealed record Person(
    string Name, string Email, IReadOnlyDictionary<string, string> Identities, IReadOnlyList<string> Roles, decimal? MaxAmount, bool MayDecide)
{
    /// <summary>People who make and edit invoices in the console; they need not approve anything.</summary>
    public const string BillingRole = "billing";

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>The person's id on <paramref name="channel"/> (by channel name), or null.</summary>
    public string? IdentityOn(string channel) => ChatIdentities.On(Identities, channel);

    public static Person From(ApproverSettings a) => new(a.Name, a.Email, a.Identities, a.Roles, a.MaxAmount, MayDecide: true);

    public static Person From(ViewerSettings v) => new(v.Name, v.Email, v.Identities, [], MaxAmount: null, MayDecide: false);
}

/// <summary>One entry of <c>Approvals:Viewers</c>: may ask the bot and read, never decide.</summary>
public sealed record ViewerSettings
{
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    /// <summary>The viewer's id on each chat channel, keyed by channel name; see <see cref="ChatIdentities"/>.</summary>
    public Dictionary<string, string> Identities { get; init; } = [];
}

/// <summary>The viewers of the <c>Approvals</c> section (bound beside <see cref="ApprovalSettings"/>, which the approval rules own).</summary>
public sealed record PeopleSettings
{
    public IReadOnlyList<ViewerSettings> Viewers { get; init; } = [];
}
