using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ChatBilling.Core.Caching;

/// <summary>
/// A thread-safe memo that forgets everything once it holds <paramref name="capacity"/> entries. For values that are
/// cheap to work out again and are wanted mostly soon after they were made (a card's links and checks, a bound card, an
/// uploaded preview's file id): the memory stays bounded without tracking each entry's age or use.
/// </summary>
public sealed class ClearingMemo<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> entries = new(comparer);

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => entries.TryGetValue(key, out value);

    public TValue Set(TKey key, TValue value)
    {
        if (entries.Count >= capacity) entries.Clear();
        return entries[key] = value;
    }

    /// <summary>Forgets the entries that match, e.g. every key remembered for a value that is no longer good.</summary>
    public void RemoveWhere(Func<TKey, TValue, bool> match)
    {
        foreach (var pair in entries.Where(p => match(p.Key, p.Value))) entries.TryRemove(pair);
    }
}
