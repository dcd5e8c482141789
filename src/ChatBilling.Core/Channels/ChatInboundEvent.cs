namespace ChatBilling.Core.Channels;

/// <summary>
/// An inbound platform event already handled (a Slack <c>event_id</c>, a Teams activity id). The unique
/// (channel, event id) key makes "handle once" a database guarantee, not a check-then-act.
/// </summary>
public sealed class ChatInboundEvent
{
    public const int MaxEventIdLength = 200;

    public long Id { get; private set; }
    public required string Channel { get; init; }
    public required string EventId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
