using System.Text.Json;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Enqueues messages into the caller's <see cref="ChatBillingDb"/>, so a state change and the effects it causes
/// are committed by one SaveChanges or not at all. (Not named <c>Outbox</c>: that is the namespace.)
/// </summary>
public sealed class OutboxWriter(ChatBillingDb db, TimeProvider time)
{
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds a message to the unit of work without saving it. False when a message with this key is already
    /// stored or added, in which case nothing is added (inside a batch of decisions, a stored one is left out at the save).
    /// </summary>
    public async Task<bool> EnqueueAsync<T>(string kind, string idempotencyKey, T payload, Guid? invoiceId = null,
        CancellationToken ct = default, DateTimeOffset? notBefore = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        // SQLite would store longer values silently and PostgreSQL refuse them at save; refuse them here on both.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(kind.Length, OutboxMessage.MaxKindLength, nameof(kind));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(idempotencyKey.Length, OutboxMessage.MaxKeyLength, nameof(idempotencyKey));
        if (db.OutboxMessages.Local.Any(m => m.IdempotencyKey == idempotencyKey)) return false;
        // Inside a batch of decisions the stored keys are looked up once per save instead (OutboxHandOff.DropStoredAsync),
        // so there a repeat of a stored message is still stored once, but this answers true for it.
        var batch = OutboxHandOff.Current;
        if (batch is null && await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == idempotencyKey, ct)) return false;
        var now = time.GetUtcNow();
        var message = new OutboxMessage
        {
            Kind = kind, IdempotencyKey = idempotencyKey, InvoiceId = invoiceId, CreatedAt = now, NextAttemptAt = notBefore > now ? notBefore.Value : now,
            Payload = JsonSerializer.Serialize(payload, PayloadJson),
        };
        // Inside a batch of decisions, their feedback is stored leased to the worker, which carries it out after the commit.
        if (batch is not null && batch.Takes(kind) && message.NextAttemptAt <= now) batch.Lease(message);
        db.OutboxMessages.Add(message);
        batch?.AddedUnchecked(message);
        return true;
    }

    /// <summary>
    /// SaveChanges that tolerates losing an enqueue race: when another transaction stored one of our keys between
    /// <see cref="EnqueueAsync{T}"/> and now, our copy is dropped and the rest of the unit of work saved again.
    /// </summary>
    public async Task<int> SaveChangesAsync(CancellationToken ct = default)
    {
        try
        {
            return await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            if (!await DropStoredDuplicatesAsync(ct)) throw;
            // The failed save was rolled back as a whole, so saving again cannot double anything.
            return await db.SaveChangesAsync(ct);
        }
    }

    private async Task<bool> DropStoredDuplicatesAsync(CancellationToken ct)
    {
        var added = db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added).ToList();
        var keys = added.Select(e => e.Entity.IdempotencyKey).ToList();
        var stored = await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey))
            .Select(m => m.IdempotencyKey).ToListAsync(ct);
        var duplicates = added.Where(e => stored.Contains(e.Entity.IdempotencyKey)).ToList();
        foreach (var entry in duplicates) entry.State = EntityState.Detached;
        return duplicates.Count > 0;
    }
}

/// <summary>One message for <see cref="OutboxWriter.EnqueueManyAsync"/>; the payload is serialised by its runtime type.</summary>
public sealed record OutboxItem(string Kind, string IdempotencyKey, object Payload, Guid? InvoiceId = null);
