using System.Text.Json;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// An effect of a state change (send an email, post a card), written in the same transaction as the change
/// and carried out later by <see cref="OutboxDispatcher"/>. The lease fields say which host works on it until when.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxKindLength = 100;
    public const int MaxKeyLength = 200;
    public const int MaxErrorLength = 4000;

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    /// <summary>Selects the <see cref="IOutboxHandler"/> registered under the same name.</summary>
    public required string Kind { get; init; }
    public required string Payload { get; init; }
    public Guid? InvoiceId { get; init; }
    /// <summary>Unique: the same effect enqueued twice is stored once, and receivers can deduplicate on it.</summary>
    public required string IdempotencyKey { get; init; }
    public OutboxStatus Status { get; internal set; } = OutboxStatus.Pending;
    /// <summary>Attempts started so far; counted when claimed, so a message that kills its host still runs out.</summary>
    public int Attempts { get; internal set; }
    public DateTimeOffset NextAttemptAt { get; internal set; }
    public string? LeaseOwner { get; internal set; }
    public DateTimeOffset? LeaseExpiresAt { get; internal set; }
    public string? LastError { get; internal set; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the message became Done or Failed.</summary>
    public DateTimeOffset? CompletedAt { get; internal set; }

    public T ReadPayload<T>() =>
        JsonSerializer.Deserialize<T>(Payload, OutboxWriter.PayloadJson)
        ?? throw new InvalidOperationException($"Outbox message {Id} ({Kind}) has an empty payload.");

    /// <summary>A detached copy, so a failed attempt's in-memory edits never leak into the next step.</summary>
    internal OutboxMessage Copy() => (OutboxMessage)MemberwiseClone();

    internal static string Truncate(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}

public enum OutboxStatus
{
    Pending,
    Done,
    Failed,
}
