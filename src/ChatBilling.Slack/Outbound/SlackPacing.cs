using ChatBilling.Core.Channels;
using Microsoft.Extensions.Options;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// Slack's limits (docs.slack.dev/apis/web-api/rate-limits) as lanes of the shared <see cref="ChatPacer"/>: each method has a
/// tier, counted per workspace and method, and chat.postMessage additionally allows about one message per second per
/// channel (<see cref="SlackSettings.MessageInterval"/>). Each lane (a method, or postMessage into one channel) keeps its own
/// schedule, so a busy channel never delays another channel or another method. A turn more than
/// <see cref="MaxInlineWait"/> away (a long Retry-After) goes back to the outbox.
/// </summary>
public sealed class SlackPacing(ChatPacer pacer, IOptions<SlackSettings> settings)
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

    /// <summary>
    /// Waits until the call may go. Tiers allow short bursts ("Slack allows bursts beyond the limit for short periods"):
    /// a lane may run ahead of its steady rate by a tenth of a minute's calls.
    /// </summary>
    public Task WaitTurnAsync(string method, string? channel, CancellationToken ct) => pacer.WaitTurnAsync(MaxInlineWait, ct, Lane(method, channel));

    /// <summary>The call was refused (<c>ok:false</c>), so nothing was posted: its turn is given back.</summary>
    public void Refund(string method, string? channel) => pacer.Refund(Lane(method, channel));

    /// <summary>Slack said to hold off (429): this lane waits at least that long too.</summary>
    public void HoldOff(string method, string? channel, TimeSpan wait) => pacer.HoldOff(Lane(method, channel).Name, wait);

    /// <summary>The lane a call waits in: chat.postMessage per channel, everything else per method.</summary>
    private PaceLane Lane(string method, string? channel)
    {
        if (method == "chat.postMessage" && channel is not null)
            return new($"Slack {method}:{channel}", settings.Value.PaceCalls ? PaceRule.Steady(settings.Value.MessageInterval) : PaceRule.None);
        if (Unpaced.Contains(method) || !settings.Value.PaceCalls) return new($"Slack {method}", PaceRule.None);
        var perMinute = PerMinute.GetValueOrDefault(method, DefaultPerMinute);
        return new($"Slack {method}", PaceRule.Steady(TimeSpan.FromMinutes(1) / perMinute, Math.Max(1, perMinute / 10)));
    }
}
