namespace ChatBilling.Core.Delegation;

/// <summary>
/// Today's delegations, shared by every scope on this host for at most <see cref="Bound"/>: nearly every card, click and
/// reminder asks who stands in for whom, and the answer changes a few times a week. A change made on this host
/// (<see cref="DelegationService"/>) is seen by the next read at once; one made on another host sharing the database
/// within <see cref="Bound"/>; a new UTC day is a new key, so a delegation begins or ends at midnight without waiting.
/// </summary>
public sealed class TodaysDelegations(TimeProvider time)
{
    /// <summary>How long another host's change may go unseen here.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    private sealed record Entry(DateOnly Day, DateTimeOffset LoadedAt, DelegationMap Map);

    private Entry? entry;
    private long version;

    /// <summary>Stamp a read takes before it loads: <see cref="Offer"/> keeps its result only if nothing changed since.</summary>
    public long Version => Interlocked.Read(ref version);

    public DelegationMap? Get(DateOnly day)
    {
        var known = Volatile.Read(ref entry);
        return known is not null && known.Day == day && time.GetUtcNow() - known.LoadedAt < Bound ? known.Map : null;
    }

    /// <summary>
    /// Remembers what a read found, unless a change on this host happened while it read (it may have seen the table
    /// before the change): that read's answer is used once, by its own scope, and the next read loads again.
    /// </summary>
    /// <param name="loadedAt">When the read began: the bound counts from what the table held then.</param>
    public void Offer(DateOnly day, DateTimeOffset loadedAt, long versionBefore, DelegationMap map)
    {
        var fresh = new Entry(day, loadedAt, map);
        var known = Volatile.Read(ref entry);
        // A slower read that began earlier never replaces a newer one; a change since the read began leaves nothing behind.
        if (known is not null && known.Day == day && known.LoadedAt > loadedAt) return;
        if (Interlocked.CompareExchange(ref entry, fresh, known) == known && Version != versionBefore)
            Interlocked.CompareExchange(ref entry, null, fresh);
    }

    /// <summary>A delegation was created or ended here (and committed): every scope's next read loads the table again.</summary>
    public void Changed()
    {
        Interlocked.Increment(ref version);
        Volatile.Write(ref entry, null);
    }
}
