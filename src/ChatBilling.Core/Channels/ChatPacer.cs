using ChatBilling.Core.Outbox;

namespace ChatBilling.Core.Channels;

/// <summary>
/// How fast one lane (a Slack method, a Slack channel, a Teams thread, a Teams app) may send, in the terms its platform
/// documents. <paramref name="Interval"/> and <paramref name="Burst"/> are a steady rate that may run ahead by a short
/// burst (Slack's tiers: "bursts beyond the limit for short periods", docs.slack.dev/apis/web-api/rate-limits);
/// <paramref name="Windows"/> are counts per sliding window (Teams' "7 per 1 s, 8 per 2 s, 60 per 30 s…",
/// learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit). A lane may have either or both.
/// </summary>
public sealed record PaceRule(TimeSpan Interval, int Burst, IReadOnlyList<(TimeSpan Window, int Max)> Windows)
{
    /// <summary>No pacing of our own; the platform's hold-offs (429 Retry-After) still apply.</summary>
    public static readonly PaceRule None = new(TimeSpan.Zero, 1, []);

    public static PaceRule Steady(TimeSpan interval, int burst = 1) => new(interval, burst, []);

    public static PaceRule Windowed(params (TimeSpan Window, int Max)[] windows) => new(TimeSpan.Zero, 1, windows);
}

/// <summary>A lane's name with its rule; a send may wait in several at once (a Teams thread and the whole app).</summary>
public readonly record struct PaceLane(string Name, PaceRule Rule);

/// <summary>
/// The one pacer every chat adapter sends through, so we rarely see a 429 at all. A turn is reserved in every lane of a
/// send; a short wait is waited out on the injected clock, and a wait longer than the caller allows throws
/// <see cref="OutboxRetryAfterException"/> without reserving anything, so the outbox keeps the message and its worker goes
/// on to other work (emails, the other platform) instead of sleeping for minutes.
/// </summary>
public sealed class ChatPacer(TimeProvider time)
{
    private sealed class Lane
    {
        public DateTimeOffset Theoretical;
        public DateTimeOffset HeldUntil;
        public readonly List<DateTimeOffset> Sent = [];
    }

    private readonly Dictionary<string, Lane> lanes = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Waits for a turn in every lane; throws <see cref="OutboxRetryAfterException"/> when that is more than <paramref name="maxWait"/> away.</summary>
    public Task WaitTurnAsync(TimeSpan maxWait, CancellationToken ct, params PaceLane[] sendLanes)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = time.GetUtcNow();
            var start = now;
            foreach (var (name, rule) in sendLanes)
                if (EarliestTurn(Of(name), rule, now) is var turn && turn > start) start = turn;
            wait = start - now;
            if (wait > maxWait)
                throw new OutboxRetryAfterException(wait,
                    $"{string.Join(" and ", sendLanes.Select(l => l.Name))} is paced; the next free turn is in {wait.TotalSeconds:0.#} s.");
            foreach (var (name, rule) in sendLanes) Reserve(Of(name), rule, start, now);
        }
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, ct) : Task.CompletedTask;
    }

    /// <summary>
    /// The send was refused before anything was posted (Slack's <c>ok:false</c>): its turn is given back, so a corrected
    /// retry (the card without its image) goes at once instead of a whole interval later.
    /// </summary>
    public void Refund(PaceLane lane)
    {
        lock (gate)
        {
            var state = Of(lane.Name);
            var now = time.GetUtcNow();
            var earlier = state.Theoretical - lane.Rule.Interval;
            state.Theoretical = earlier > now ? earlier : now;
            if (state.Sent.Count > 0) state.Sent.RemoveAt(state.Sent.Count - 1);
        }
    }

    /// <summary>The platform said to hold off (a 429's Retry-After): this lane waits at least that long too.</summary>
    public void HoldOff(string lane, TimeSpan wait)
    {
        lock (gate)
        {
            var state = Of(lane);
            var until = time.GetUtcNow() + wait;
            if (state.HeldUntil < until) state.HeldUntil = until;
        }
    }

    private Lane Of(string name) => lanes.TryGetValue(name, out var lane) ? lane : lanes[name] = new Lane();

    private static DateTimeOffset EarliestTurn(Lane lane, PaceRule rule, DateTimeOffset now)
    {
        var turn = Latest(now, lane.HeldUntil);
        // Generic cell rate algorithm: the lane may run ahead of its steady rate by Burst - 1 intervals.
        if (rule.Interval > TimeSpan.Zero) turn = Latest(turn, Latest(lane.Theoretical, now) - rule.Interval * (rule.Burst - 1));
        // Sliding windows: with Max sends already in the window, the next goes when the Max-th last one leaves it.
        // Turns are kept in order (never before the last reserved one), so the Max-th last is sent[^max].
        if (rule.Windows.Count > 0 && lane.Sent.Count > 0) turn = Latest(turn, lane.Sent[^1]);
        foreach (var (window, max) in rule.Windows)
            if (lane.Sent.Count >= max) turn = Latest(turn, lane.Sent[^max] + window);
        return turn;
    }

    private static void Reserve(Lane lane, PaceRule rule, DateTimeOffset start, DateTimeOffset now)
    {
        if (rule.Interval > TimeSpan.Zero) lane.Theoretical = Latest(Latest(lane.Theoretical, now), start) + rule.Interval;
        if (rule.Windows.Count == 0) return;
        var longest = rule.Windows.Max(w => w.Window);
        lane.Sent.RemoveAll(t => now - t >= longest);
        lane.Sent.Add(start);
    }

    private static DateTimeOffset Latest(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
