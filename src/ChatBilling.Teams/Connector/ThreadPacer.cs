namespace ChatBilling.Teams.Connector;

/// <summary>
/// Keeps our sends under the Teams bot rate limits, so we rarely see a 429 at all. Microsoft documents the
/// per bot per thread limits for sending to a conversation as 7 per 1 s, 8 per 2 s, 60 per 30 s and 1800 per
/// 3600 s, and a global limit of 50 requests per second per app per tenant
/// (https://learn.microsoft.com/en-us/microsoftteams/platform/bots/how-to/rate-limit). We stay one under each.
/// Turns are counted on the product's clock.
/// </summary>
internal sealed class ThreadPacer(TimeProvider time)
{
    private static readonly (TimeSpan Window, int Max)[] PerThread =
    [
        (TimeSpan.FromSeconds(1), 6), (TimeSpan.FromSeconds(2), 7), (TimeSpan.FromSeconds(30), 59), (TimeSpan.FromSeconds(3600), 1799),
    ];
    private static readonly (TimeSpan Window, int Max)[] Global = [(TimeSpan.FromSeconds(1), 49)];
    private const string GlobalKey = "";

    private readonly Dictionary<string, Queue<DateTimeOffset>> sent = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts one more send to <paramref name="thread"/> and returns null when it stays under every limit; otherwise
    /// counts nothing and returns how long until it would. Never waits: the caller decides whether it may.
    /// </summary>
    public TimeSpan? TryTakeTurn(string thread)
    {
        lock (sent)
        {
            var now = time.GetUtcNow();
            var wait = Max(WaitFor(thread, PerThread, now), WaitFor(GlobalKey, Global, now));
            if (wait > TimeSpan.Zero) return wait;
            Record(thread, now);
            Record(GlobalKey, now);
            return null;
        }
    }

    private TimeSpan WaitFor(string key, (TimeSpan Window, int Max)[] limits, DateTimeOffset now)
    {
        if (!sent.TryGetValue(key, out var times)) return TimeSpan.Zero;
        var longest = limits.Max(l => l.Window);
        while (times.Count > 0 && now - times.Peek() >= longest) times.Dequeue();
        var wait = TimeSpan.Zero;
        foreach (var (window, max) in limits)
        {
            var inWindow = times.Where(t => now - t < window).ToList();
            if (inWindow.Count >= max) wait = Max(wait, inWindow[^max] + window - now);
        }
        return wait;
    }

    private void Record(string key, DateTimeOffset now)
    {
        if (!sent.TryGetValue(key, out var times)) sent[key] = times = new Queue<DateTimeOffset>();
        times.Enqueue(now);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
