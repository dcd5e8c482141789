using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Claims and releases messages with conditional updates, so two hosts on one database never hold the same message.
/// Portable across SQLite and PostgreSQL: the claim is a single UPDATE whose WHERE re-checks that the lease is free,
/// and each host then reads back exactly the rows that carry its (per-drain unique) owner and expiry.
/// On PostgreSQL a <c>FOR UPDATE SKIP LOCKED</c> sub-select would let competing hosts pick disjoint rows instead of
/// waiting on each other's row locks; that is an optimisation, not needed for correctness.
/// </summary>
internal static class OutboxLeases
{
    public static IQueryable<OutboxMessage> Claimable(this ChatBillingDb db, DateTimeOffset dueBy, DateTimeOffset now) =>
        db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= dueBy
            && (m.LeaseExpiresAt == null || m.LeaseExpiresAt <= now));

    /// <summary>Leases up to <paramref name="batchSize"/> due messages, oldest due first, and returns the ones this owner got.</summary>
    public static async Task<List<OutboxMessage>> ClaimAsync(this ChatBillingDb db, string owner, DateTimeOffset dueBy,
        DateTimeOffset now, TimeSpan leaseDuration, int batchSize, CancellationToken ct)
    {
        var expires = now + leaseDuration;
        var batch = db.Claimable(dueBy, now).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).Take(batchSize).Select(m => m.Id);
        // The lease conditions are repeated on the updated row itself, not only in the sub-select: PostgreSQL re-checks
        // an UPDATE's own WHERE on rows a concurrent claim changed meanwhile, so a host that lost the race skips them.
        var claimed = await db.Claimable(dueBy, now).Where(m => batch.Contains(m.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, owner)
                .SetProperty(m => m.LeaseExpiresAt, expires)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
        if (claimed == 0) return [];
        return await db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeaseOwner == owner && m.LeaseExpiresAt == expires && m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>Releases a lease still held by this claim and schedules the next attempt; false when the lease was lost.</summary>
    public static async Task<bool> RetryLaterAsync(this ChatBillingDb db, OutboxMessage claimed, DateTimeOffset next,
        string error, CancellationToken ct) =>
        await db.HeldBy(claimed).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, OutboxMessage.Truncate(error))
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), ct) == 1;

    /// <summary>Marks the message Failed without anything else; the fallback when a give-up hook itself fails.</summary>
    public static async Task<bool> FailAsync(this ChatBillingDb db, OutboxMessage claimed, DateTimeOffset now,
        string reason, CancellationToken ct) =>
        await db.HeldBy(claimed).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Failed)
            .SetProperty(m => m.LastError, OutboxMessage.Truncate(reason))
            .SetProperty(m => m.CompletedAt, now)
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), ct) == 1;

    /// <summary>
    /// Tracks a copy of the claimed message so that saving it checks the lease: owner and expiry are concurrency
    /// tokens, hence a save after another host re-claimed the message fails instead of overwriting its work.
    /// </summary>
    public static OutboxMessage AttachClaimed(this ChatBillingDb db, OutboxMessage claimed) => db.Attach(claimed.Copy()).Entity;

    /// <summary>Ends the message (Done or Failed) in the tracked copy; saved together with the handler's changes.</summary>
    public static void Complete(this OutboxMessage message, OutboxStatus status, DateTimeOffset now, string? error)
    {
        message.Status = status;
        message.CompletedAt = now;
        // A success keeps the error of the attempt before it: "sent on attempt 3" is worth seeing.
        if (error is not null) message.LastError = OutboxMessage.Truncate(error);
        message.LeaseOwner = null;
        message.LeaseExpiresAt = null;
    }

    private static IQueryable<OutboxMessage> HeldBy(this ChatBillingDb db, OutboxMessage claimed) =>
        db.OutboxMessages.Where(m => m.Id == claimed.Id && m.LeaseOwner == claimed.LeaseOwner
            && m.LeaseExpiresAt == claimed.LeaseExpiresAt && m.Status == OutboxStatus.Pending);
}
