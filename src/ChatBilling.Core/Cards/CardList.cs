namespace ChatBilling.Core.Cards;

/// <summary>
/// A list shown on a card, cut to what chat platforms accept (Slack allows 50 blocks a message, Teams about
/// 28 KB a card); templates show <see cref="Items"/> and an "and N more" line from <see cref="More"/>.
/// </summary>
public sealed record CardList<T>
{
    public CardList(IEnumerable<T> items, int max = CardList.MaxItems)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var all = items.ToList();
        Items = all.Take(max).ToArray();
        Total = all.Count;
    }

    private CardList(IReadOnlyList<T> shown, int total) => (Items, Total) = (shown, Math.Max(total, shown.Count));

    /// <summary>A list whose first items are already cut and counted elsewhere (a query's top 15 of thousands).</summary>
    internal static CardList<T> Counted(IEnumerable<T> shown, int total) => new(shown.ToArray(), total);

    /// <summary>The first items, at most the cap.</summary>
    public IReadOnlyList<T> Items { get; }

    /// <summary>How many items there were before the cut.</summary>
    public int Total { get; }

    /// <summary>How many items the card leaves out.</summary>
    public int More => Total - Items.Count;
}

/// <summary>Builds <see cref="CardList{T}"/> with type inference.</summary>
public static class CardList
{
    /// <summary>Fifteen one-line items keep the longest card (the digest) well under Slack's 50 blocks.</summary>
    public const int MaxItems = 15;

    public static CardList<T> Of<T>(IEnumerable<T> items, int max = MaxItems) => new(items, max);

    public static CardList<T> Empty<T>() => new([]);

    /// <summary>The first items of a longer list, with the length of the whole.</summary>
    public static CardList<T> Counted<T>(IEnumerable<T> shown, int total) => CardList<T>.Counted(shown, total);
}
