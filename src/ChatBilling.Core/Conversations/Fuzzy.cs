namespace ChatBilling.Core.Conversations;

/// <summary>Edit distance for typos: insertions, deletions, substitutions and swapped neighbours each cost one.</summary>
public static class Fuzzy
{
    /// <summary>Optimal string alignment distance, stopping early once it exceeds <paramref name="max"/>.</summary>
    public static int Distance(string a, string b, int max = int.MaxValue)
    {
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d = Math.Min(d, previous2[j - 2] + 1);
                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }
            if (rowMin > max) return max + 1;
            (previous2, previous, current) = (previous, current, previous2);
        }
        return previous[b.Length];
    }

    /// <summary>How many typos a word of this length may carry and still count: none under 5 letters, one, two from 8.</summary>
    public static int Allowance(int length) => length < 5 ? 0 : length < 8 ? 1 : 2;

    public static bool IsTypoOf(string typed, string known) =>
        Allowance(known.Length) is var allowed and > 0 && Distance(typed, known, allowed) <= allowed;
}
