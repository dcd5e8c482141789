using ChatBilling.Core.Outbox;
using Microsoft.Extensions.Options;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// Paces every Web API call by Slack's limits (docs.slack.dev/apis/web-api/rate-limits): each method has a tier, counted
/// per workspace and method, and chat.postMessage additionally allows about one message per second per channel
/// (<see cref="SlackSettings.MessageInterval"/>). Each lane (a method, or postMessage into one channel) keeps its own
/// schedule, so a busy channel never delays another channel or another method. Short waits are waited out on the
/// injected clock; a wait longer than <see cref="MaxInlineWait"/> (a long Retry-After) throws
/// <see cref="OutboxRetryAfterException"/>, so the outbox message waits in the store and the worker goes on to other work
/// (emails, Teams), instead of sleeping for minutes.
/// </summary>
public sealed class SlackPacing(TimeProvider time, IOptions<SlackSettings> settings)
{
    /// <summary>Longer waits are handed back to the outbox rather than held in a worker.</summary>
    public static readonly TimeSpan MaxInlineWait = TimeSpan.FromSeconds(3);

    // Calls per minute by tier, from each method's reference page: Tier 1 = 1+, Tier 2 = 20+, Tier 3 = 50+, Tier 4 = 100+.
    private static readonly Dictionary<string, int> PerMinute = new(StringComparer.Ordinal)
    {
        ["chat.update"] = 50,                   // Tier 3
        ["users.lookupByEmail"] = 50,           // Tier 3
        ["chat.postEphemeral"] = 100,           // Tier 4
        ["views.open"] = 100,                   // Tier 4
        ["files.getUploadURLExternal"] = 100,   // Tier 4
        ["files.completeUploadExternal"] = 100, // Tier 4
    };

    // apps.connections.open is Tier 1, yet a replacement connection must not wait a minute: Slack's own 429 still holds
    // it back (HoldOff), as python-slack-sdk's socket_mode/client.py issue_new_wss_url waits out Retry-After on ratelimited.
    private static readonly HashSet<string> Unpaced = new(StringComparer.Ordinal) { "apps.connections.open" };

    /// <summary>Unknown methods are treated as Tier 2, the common one.</summary>
    private const int DefaultPerMinute = 20;

    private readonly Dictionary<string, DateTimeOffset> theoretical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> heldUntil = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>The lane a call waits in: chat.postMessage per channel, everything else per method.</summary>
    public static string Lane(string method, string? channel) =>
        method == "chat.postMessage" && channel is not null ? $"{method}:{channel}" : method;

    /// <summary>
    /// Waits until the call may go. Tiers allow short bursts ("Slack allows bursts beyond the limit for short periods"):
    /// a lane may run ahead of its steady rate by a tenth of a minute's calls (generic cell rate algorithm).
    /// </summary>
    public Task WaitTurnAsync(string method, string? channel, CancellationToken ct)
    {
        var lane = Lane(method, channel);
        var (interval, burst) = Rate(method, channel);
        if (Unpaced.Contains(method) || !settings.Value.PaceCalls) interval = TimeSpan.Zero;
        TimeSpan wait;
        lock (gate)
        {
            var now = time.GetUtcNow();
            var held = heldUntil.TryGetValue(lane, out var until) && until > now ? until : now;
            var tat = theoretical.TryGetValue(lane, out var t) && t > now ? t : now;
            var allowedAt = tat - interval * (burst - 1);
            var start = allowedAt > held ? allowedAt : held;
            wait = start > now ? start - now : TimeSpan.Zero;
            if (wait > MaxInlineWait)
                throw new OutboxRetryAfterException(wait, $"Slack {lane} is paced; the next free turn is in {wait.TotalSeconds:0} s.");
            theoretical[lane] = (tat > start ? tat : start) + interval;
        }
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, ct) : Task.CompletedTask;
    }

    /// <summary>
    /// The call was refused (<c>ok:false</c>), so nothing was posted: its turn is given back, and a corrected retry (the
    /// card without its image) goes at once instead of a whole interval later.
    /// </summary>
    public void Refund(string method, string? channel)
    {
        var lane = Lane(method, channel);
        var (interval, _) = Rate(method, channel);
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (theoretical.TryGetValue(lane, out var tat)) theoretical[lane] = tat - interval > now ? tat - interval : now;
        }
    }

    /// <summary>Slack said to hold off (429): this lane waits at least that long too.</summary>
    public void HoldOff(string method, string? channel, TimeSpan wait)
    {
        var lane = Lane(method, channel);
        lock (gate)
        {
            var until = time.GetUtcNow() + wait;
            if (!heldUntil.TryGetValue(lane, out var held) || held < until) heldUntil[lane] = until;
        }
    }

    private (TimeSpan Interval, int Burst) Rate(string method, string? channel)
    {
        if (method == "chat.postMessage" && channel is not null) return (settings.Value.MessageInterval, 1);
        var perMinute = PerMinute.GetValueOrDefault(method, DefaultPerMinute);
        return (TimeSpan.FromMinutes(1) / perMinute, Math.Max(1, perMinute / 10));
    }
}
