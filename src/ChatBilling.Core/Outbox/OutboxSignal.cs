using System.Threading.Channels;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Wakes this host's dispatcher lanes. Kicks coalesce: while a lane drains, any number of kicks leave one more drain
/// to do, which takes everything committed meanwhile. A lost kick only delays work to the minute poll: the messages
/// themselves are already committed.
/// </summary>
public sealed class OutboxSignal
{
    private readonly Dictionary<string, Channel<bool>> wakeups = OutboxLane.All.ToDictionary(lane => lane,
        _ => Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true }),
        StringComparer.Ordinal);

    /// <summary>
    /// Raised after a local commit stored messages for these lanes, so other hosts can be told (PostgreSQL NOTIFY).
    /// Not raised for wake-ups that came from other hosts, which would echo between them.
    /// </summary>
    public event Action<IReadOnlyCollection<string>>? Committed;

    /// <summary>A transaction of this host committed messages for <paramref name="lanes"/>: wake them here and tell the others.</summary>
    public void CommittedFor(IReadOnlyCollection<string> lanes)
    {
        Wake(lanes);
        Committed?.Invoke(lanes);
    }

    /// <summary>Wakes the lanes on this host only.</summary>
    public void Wake(IEnumerable<string> lanes)
    {
        foreach (var lane in lanes)
            if (wakeups.TryGetValue(lane, out var wakeup)) wakeup.Writer.TryWrite(true);
    }

    internal ChannelReader<bool> WakeupsOf(string lane) => wakeups[lane].Reader;
}
