namespace ChatBilling.Core.Channels;

/// <summary>
/// An approval card a channel posted for one submission round of an invoice; unique per (invoice, channel, round),
/// so a retried post handler finds the card it already posted instead of posting again.
/// </summary>
public sealed class ChatPost
{
    public long Id { get; private set; }
    public required Guid InvoiceId { get; init; }
    public required string Channel { get; init; }
    public required int Round { get; init; }
    public required string ConversationId { get; init; }
    public required string MessageId { get; init; }
    public DateTimeOffset PostedAt { get; init; }

    public ChatMessageRef Ref => new(ConversationId, MessageId);
}
