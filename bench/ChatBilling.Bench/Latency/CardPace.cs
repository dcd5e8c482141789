using System.Diagnostics;

namespace ChatBilling.Bench.Latency;

/// <summary>
/// Whether card posting keeps up with submissions: how long the submissions themselves took, how fast cards were posted,
/// and each card's lag by its place in the sequence. A lag that grows with the place means posting is slower than
/// submitting; a lag that is the same for every card means each card costs that much on its own.
/// </summary>
internal static class CardPace
{
    public static string Describe(IReadOnlyList<string> numbers, IReadOnlyDictionary<string, long> submitted, long submittedAll,
        IReadOnlyDictionary<string, long> posted)
    {
        var first = submitted[numbers[0]];
        var submitting = Stopwatch.GetElapsedTime(first, submittedAll);
        var lastCard = numbers.Max(n => posted[n]);
        var posting = Stopwatch.GetElapsedTime(numbers.Min(n => posted[n]), lastCard);
        var lags = numbers.Select(n => Stopwatch.GetElapsedTime(submitted[n], posted[n]).TotalMilliseconds).ToList();
        var places = new[] { 0, numbers.Count / 4, numbers.Count / 2, 3 * numbers.Count / 4, numbers.Count - 1 }.Distinct();
        return $"{numbers.Count} submissions took {submitting.TotalSeconds:F2} s ({submitting.TotalMilliseconds / numbers.Count:F1} ms each); " +
               $"cards posted from first to last in {posting.TotalSeconds:F2} s " +
               $"({(numbers.Count - 1) / Math.Max(posting.TotalSeconds, 0.001):F0} per second), the last {Stopwatch.GetElapsedTime(submittedAll, lastCard).TotalMilliseconds:F0} ms " +
               $"after the last submission; lag by place: {string.Join(", ", places.Select(p => $"#{p + 1} {lags[p]:F0} ms"))}";
    }
}
