using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Feedback a batch of decisions causes (each card's update, each clicker's reply) is stored already leased to the worker
/// that applied the batch, which carries it out right after the commit: no claim of its own, no wait for the next claim
/// behind other workers' decisions. The lease is an ordinary one (owner, expiry, the attempt counted), so should the worker
/// die before finishing, the messages fall to whoever claims after the lease runs out, exactly as claimed ones do; and a
/// message enqueued in a savepoint that was rolled back was never stored, so it is never handed anyone.
/// The hand-off is ambient (an <see cref="AsyncLocal{T}"/> set around the batch by the dispatcher), because the writer
/// that stores the messages is the handlers' own scoped <see cref="OutboxWriter"/>, deep inside the domain code.
/// </summary>
internal sealed class OutboxHandOff(string owner, DateTimeOffset expires, string lane, OutboxLanes lanes)
{
    private static readonly AsyncLocal<OutboxHandOff?> Ambient = new();

    private volatile bool open = true;

    public string Owner => owner;
    public DateTimeOffset Expires => expires;

    /// <summary>The hand-off of the batch the current code runs in, while that batch runs; otherwise null.</summary>
    public static OutboxHandOff? Current => Ambient.Value is { open: true } handOff ? handOff : null;

    /// <summary>Makes <paramref name="handOff"/> current for the code awaited inside the returned scope.</summary>
    public static IDisposable Begin(OutboxHandOff handOff)
    {
        Ambient.Value = handOff;
        return new Scope(handOff);
    }

    /// <summary>Feedback of the worker's own lane only: a reply or card update, never an email (the email lane's) or new work.</summary>
    public bool Takes(string kind) => lanes.LaneOf(kind) == lane && lanes.PriorityOf(kind) == OutboxPriority.Feedback;

    /// <summary>Stores <paramref name="message"/> as leased to this worker, its first attempt counted as a claim counts it.</summary>
    public void Lease(OutboxMessage message)
    {
        message.LeaseOwner = owner;
        message.LeaseExpiresAt = expires;
        message.Attempts = 1;
    }

    private readonly List<OutboxMessage> unlooked = [];

    /// <summary>
    /// Notes a message added without looking its key up in the store: inside a batch, the keys a save adds are looked up
    /// together, once, just before that save (<see cref="DropStoredAsync"/>), instead of one query per enqueue.
    /// </summary>
    public void AddedUnchecked(OutboxMessage message)
    {
        lock (unlooked) unlooked.Add(message);
    }

    /// <summary>
    /// Before a save inside the batch: detaches the added messages whose key is stored already, so a repeated effect is
    /// stored once, exactly as the per-enqueue look-up would have left it out. One query for the save's keys.
    /// </summary>
    public async Task DropStoredAsync(DbContext context, CancellationToken ct)
    {
        List<OutboxMessage> added;
        lock (unlooked)
        {
            // Messages of an item whose savepoint was rolled back are no longer tracked: they are simply forgotten.
            added = unlooked.Where(m => context.Entry(m).State == EntityState.Added).ToList();
            unlooked.Clear();
        }
        if (added.Count == 0) return;
        var keys = added.Select(m => m.IdempotencyKey).ToList();
        var stored = await context.Set<OutboxMessage>().AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey))
            .Select(m => m.IdempotencyKey).ToListAsync(ct);
        foreach (var message in added.Where(m => stored.Contains(m.IdempotencyKey))) context.Entry(message).State = EntityState.Detached;
    }

    /// <summary>The messages handed to this worker that were committed, oldest first, as a claim returns them.</summary>
    public Task<List<OutboxMessage>> CommittedAsync(ChatBillingDb db, CancellationToken ct) =>
        db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeaseOwner == owner && m.LeaseExpiresAt == expires && m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);

    private sealed class Scope(OutboxHandOff handOff) : IDisposable
    {
        // Closed for good, so that a task a handler started and left running never leases messages after the batch.
        public void Dispose()
        {
            handOff.open = false;
            if (Ambient.Value == handOff) Ambient.Value = null;
        }
    }
}
