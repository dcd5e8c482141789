namespace ChatBilling.Core.Conversations;

/// <summary>A client as ask-the-bot knows it: enough to match a name and to show it.</summary>
public sealed record ClientRef(Guid Id, string Name, string Currency)
{
    internal string[] Folded { get; } = Split(QuestionText.Fold(Name));

    internal static string[] Split(string folded) =>
        folded.Split([' ', '-', '.', ',', '&', '/', '(', ')', '\'', '"'], StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Finds clients by the name someone typed: case- and accent-insensitive ("lukasiewicz" finds "Łukasiewicz"), by word
/// prefix ("nord" finds "Nordlicht Design"), and forgiving one typo per word ("acmee"), two in long words.
/// </summary>
public static class ClientMatcher
{
    /// <summary>The clients that match best; empty when none matches at all.</summary>
    public static IReadOnlyList<ClientRef> Match(string typed, IReadOnlyList<ClientRef> clients)
    {
        var words = ClientRef.Split(QuestionText.Fold(typed));
        if (words.Length == 0) return [];
        var best = int.MaxValue;
        var found = new List<ClientRef>();
        foreach (var client in clients)
        {
            var cost = Cost(words, client.Folded);
            if (cost is null || cost > best) continue;
            if (cost < best) { best = cost.Value; found.Clear(); }
            found.Add(client);
        }
        return found;
    }

    /// <summary>The clients closest to a name that matched none, for "did you mean".</summary>
    public static IReadOnlyList<ClientRef> Closest(string typed, IReadOnlyList<ClientRef> clients, int count = 3)
    {
        var folded = QuestionText.Fold(typed).Replace(" ", "");
        return clients.Select(c => (Client: c, Distance: Fuzzy.Distance(folded, string.Concat(c.Folded), Math.Max(3, folded.Length / 2))))
            .Where(c => c.Distance <= Math.Max(3, folded.Length / 2))
            .OrderBy(c => c.Distance).ThenBy(c => c.Client.Name, StringComparer.OrdinalIgnoreCase)
            .Take(count).Select(c => c.Client).ToList();
    }

    // Every typed word must fit a different word of the name: whole (0), as its start (1) or with typos (2 each).
    private static int? Cost(string[] typed, string[] name)
    {
        var used = new bool[name.Length];
        var total = 0;
        foreach (var word in typed)
        {
            var bestCost = int.MaxValue;
            var bestAt = -1;
            for (var k = 0; k < name.Length; k++)
            {
                if (used[k]) continue;
                var cost = name[k] == word ? 0
                    : word.Length >= 3 && name[k].StartsWith(word, StringComparison.Ordinal) ? 1
                    : Fuzzy.Distance(word, name[k], Fuzzy.Allowance(name[k].Length)) is var d && d <= Fuzzy.Allowance(name[k].Length) ? 2 * d
                    : int.MaxValue;
                if (cost < bestCost) (bestCost, bestAt) = (cost, k);
            }
            if (bestAt < 0) return null;
            used[bestAt] = true;
            total += bestCost;
        }
        return total;
    }
}
