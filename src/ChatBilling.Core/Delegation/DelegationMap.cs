using ChatBilling.Core.Approvals;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Delegation;

/// <summary>
/// Who stands in for whom today. Chains are followed (Dana to Sam, Sam away too and to Fin: Dana's cards go to Fin);
/// creating a delegation refuses circles, and the hop limit keeps a hand-edited table from looping.
/// </summary>
public sealed class DelegationMap(IReadOnlyList<ApprovalDelegation> active)
{
    private const int MaxHops = 10;

    public static readonly DelegationMap Empty = new([]);

    private readonly Dictionary<string, ApprovalDelegation> byFrom = active
        .GroupBy(d => d.FromEmail, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.CreatedAt).First(), StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<ApprovalDelegation> Active => byFrom.Values;

    /// <summary>The delegation that makes <paramref name="email"/> away today, if any.</summary>
    public ApprovalDelegation? AwayBy(string email) => byFrom.GetValueOrDefault(email);

    /// <summary>Who decides for <paramref name="email"/> today: the end of the chain, or the person themselves.</summary>
    public string Resolve(string email)
    {
        var current = email;
        for (var hop = 0; hop < MaxHops && byFrom.TryGetValue(current, out var d); hop++) current = d.ToEmail;
        return current;
    }

    /// <summary>The away people <paramref name="delegateEmail"/> stands in for today.</summary>
    public IReadOnlyList<string> PrincipalsOf(string delegateEmail) =>
        byFrom.Keys.Where(from => !from.Equals(delegateEmail, StringComparison.OrdinalIgnoreCase)
                                  && Resolve(from).Equals(delegateEmail, StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>The people to tell about a step: each away person replaced by whoever stands in, once each.</summary>
    public IReadOnlyList<ApproverSettings> Reached(IEnumerable<ApproverSettings> people, ApproverDirectory directory) =>
        people.Select(p => directory.ByEmail(Resolve(p.Email)) ?? p).DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase).ToList();
}

/// <summary>
/// Today's delegations for a scope (a request, an outbox message): the same map for the whole scope, taken from the
/// host's <see cref="TodaysDelegations"/> while that is fresh, loaded otherwise.
/// </summary>
public sealed class Delegations(ChatBillingDb db, TimeProvider time, TodaysDelegations shared)
{
    private DelegationMap? today;

    public async Task<DelegationMap> TodayAsync(CancellationToken ct)
    {
        if (today is not null) return today;
        var day = time.Today();
        if (shared.Get(day) is { } known) return today = known;
        var versionBefore = shared.Version;
        var loadedAt = time.GetUtcNow();
        var rows = await db.Set<ApprovalDelegation>().AsNoTracking()
            .Where(d => d.EndedAt == null && d.StartsOn <= day && d.EndsOn >= day).ToListAsync(ct);
        today = new DelegationMap(rows);
        shared.Offer(day, loadedAt, versionBefore, today);
        return today;
    }

    /// <summary>After a delegation changed (and was saved) in this scope, the next read here and in every other scope on this host sees it.</summary>
    internal void Forget()
    {
        today = null;
        shared.Changed();
    }
}
