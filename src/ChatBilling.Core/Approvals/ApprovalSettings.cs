namespace ChatBilling.Core.Approvals;

/// <summary>The <c>Approvals</c> settings section of shared/CONTRACT.md.</summary>
public sealed record ApprovalSettings
{
    /// <summary>The role escalations go to and the digest is emailed to.</summary>
    public const string ManagerRole = "manager";

    /// <summary>Used when no approvers are configured, so a fresh install can approve through the console.</summary>
    public static readonly ApproverSettings DemoApprover = new()
    {
        Name = "Demo Approver", Email = "approver@chatbilling.local", Roles = ["approver", "finance", "manager"],
    };

    public IReadOnlyList<ApproverSettings> Approvers { get; init; } = [];

    /// <summary>The currency <see cref="AutoApproveBelow"/>, the rules' amounts and approvers' limits are stated in.</summary>
    public string Currency { get; init; } = "EUR";

    /// <summary>One unit of each other currency in <see cref="Currency"/> (<c>{ "USD": 0.92 }</c>).</summary>
    public Dictionary<string, decimal> ExchangeRates { get; init; } = [];

    /// <summary>Totals under this are approved on submit without asking anyone.</summary>
    public decimal AutoApproveBelow { get; init; } = 1000m;

    /// <summary>Every listed role must approve, in order; the rule with the highest <c>minAmount</c> not above the total applies.</summary>
    public IReadOnlyList<ApprovalRule> Rules { get; init; } = [];

    /// <summary>Hours before an undecided step is escalated.</summary>
    public int DeadlineHours { get; init; } = 24;

    /// <summary>Email each person who may decide a step when it starts waiting, with their own Approve / Reject links.</summary>
    public bool RequestEmails { get; init; } = true;

    /// <summary>The configured approvers, or the demo approver when none are.</summary>
    public IReadOnlyList<ApproverSettings> EffectiveApprovers => Approvers.Count > 0 ? Approvers : [DemoApprover];

    public IReadOnlyList<ApprovalRule> EffectiveRules => Rules.Count > 0 ? Rules : DefaultRules;

    private static readonly ApprovalRule[] DefaultRules =
    [
        new() { MinAmount = 1000m, Roles = ["approver"] },
        new() { MinAmount = 25000m, Roles = ["approver", "finance"] },
    ];
}

/// <summary>One configured approver and the chat identities that prove who they are.</summary>
public sealed record ApproverSettings
{
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    /// <summary>The approver's id on each chat channel, keyed by channel name; see <see cref="People.ChatIdentities"/>.</summary>
    public Dictionary<string, string> Identities { get; init; } = [];
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary>The largest total this person may approve; no limit when unset.</summary>
    public decimal? MaxAmount { get; init; }

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);

    public bool Is(string email) => Email.Equals(email, StringComparison.OrdinalIgnoreCase);

    /// <summary>The approver's id on <paramref name="channel"/>, or null.</summary>
    public string? IdentityOn(string channel) => People.ChatIdentities.On(Identities, channel);
}

public sealed record ApprovalRule
{
    public decimal MinAmount { get; init; }
    /// <summary>Each listed role is one step needing one person of that role.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    /// <summary>Steps that may need several distinct people of a role ("two of finance"); used instead of <see cref="Roles"/> when set.</summary>
    public IReadOnlyList<ApprovalRuleStep> Steps { get; init; } = [];

    /// <summary>
    /// The role of every stored step, in order: a step needing N people becomes N consecutive steps of its role, and
    /// since nobody decides two steps of one submission, those are N distinct people.
    /// </summary>
    public IReadOnlyList<string> StepRoles =>
        Steps.Count > 0 ? Steps.SelectMany(s => Enumerable.Repeat(s.Role, s.Count)).ToList() : Roles;
}

/// <summary>One step of a rule: <see cref="Count"/> distinct people holding <see cref="Role"/> must approve.</summary>
public sealed record ApprovalRuleStep
{
    public const int MaxCount = 10;
    public string Role { get; init; } = "";
    public int Count { get; init; } = 1;
}
