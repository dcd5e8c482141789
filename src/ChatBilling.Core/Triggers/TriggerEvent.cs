namespace ChatBilling.Core.Triggers;

/// <summary>
/// An event a source sent, and the invoice it made. Unique per (source, event id) and saved in the same transaction
/// as that invoice, so a retried event can never make a second one.
/// </summary>
public sealed class TriggerEvent
{
    public const int MaxEventIdLength = 200;

    public long Id { get; private set; }
    public required string Source { get; init; }
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public required Guid InvoiceId { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}
