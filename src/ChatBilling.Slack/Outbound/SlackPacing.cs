using Microsoft.Extensions.Options;

namespace ChatBilling.Slack.Outbound;

/// <summary>
/// Keeps posts to one channel about <see cref="SlackSettings.MessageInterval"/> apart (Slack allows roughly one message
/// per second per channel and throttles bursts). Each caller reserves the next free slot and waits for it on the
/// injected clock, so a burst of cards drains steadily instead of collecting 429s.
/// </summary>
public sealed class SlackPacing(TimeProvider time, IOptions<SlackSettings> settings)
{
    private readonly Dictionary<string, DateTimeOffset> nextSlot = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Waits until this channel may take another message.</summary>
    public Task WaitTurnAsync(string channel, CancellationToken ct)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = time.GetUtcNow();
            var slot = nextSlot.TryGetValue(channel, out var next) && next > now ? next : now;
            nextSlot[channel] = slot + settings.Value.MessageInterval;
            wait = slot - now;
        }
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, ct) : Task.CompletedTask;
    }

    /// <summary>Slack said to hold off (429): later posts to the channel wait at least that long too.</summary>
    public void HoldOff(string channel, TimeSpan wait)
    {
        lock (gate)
        {
            var until = time.GetUtcNow() + wait;
            if (!nextSlot.TryGetValue(channel, out var next) || next < until) nextSlot[channel] = until;
        }
    }
}
