using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Claims and releases messages with conditional updates, so two hosts on one database never hold the same message.
/// The claim is a single UPDATE, and each host then reads back exactly the rows that carry its (per-drain unique)
/// owner and expiry. On SQLite (one writer at a time) the UPDATE's WHERE re-checks that the lease is free; on
/// PostgreSQL the batch is locked with <c>FOR UPDATE SKIP LOCKED</c>, which re-checks the conditions on rows changed
/// meanwhile and lets competing hosts take disjoint batches instead of waiting on each other.
/// </summary>
internal static class OutboxLeases
{
    /// <summary>
    /// Pending messages free to claim at <paramref name="now"/>: retries due by <paramref name="dueBy"/> (the drain's
    /// start, so a retry that fails again waits for the next drain and a drain always ends), and messages never tried
    /// yet as soon as they are due (the card update a decision committed a moment ago is taken in the same drain).
    /// </summary>
    public static IQueryable<OutboxMessage> Claimable(this ChatBillingDb db, DateTimeOffset dueBy, DateTimeOffset now,
        LaneFilter? lane = null)
    {
        // Only a lane with priorities has follow-ups to take early (a decision's card update); the email lane keeps the
        // plain range on (Status, NextAttemptAt) that its index serves. Without a lane (the lease re-check on the claimed
        // row) the wider condition holds, so it never refuses a row the lane's own selection took.
        var due = lane is null || lane.Prioritised
            ? db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending
                && (m.NextAttemptAt <= dueBy || (m.Attempts == 0 && m.LastError == null && m.NextAttemptAt <= now))
                && (m.LeaseExpiresAt == null || m.LeaseExpiresAt <= now))
            : db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= dueBy
                && (m.LeaseExpiresAt == null || m.LeaseExpiresAt <= now));
        if (lane is null) return due;
        var kinds = lane.EmailKinds;
        return lane.IsEmail ? due.Where(m => kinds.Contains(m.Kind)) : due.Where(m => !kinds.Contains(m.Kind));
    }

    /// <summary>
    /// Restricts a claim to one lane (the email kinds, or every other kind: the chat lane) and orders it by the kinds'
    /// <see cref="OutboxPriority"/>: <paramref name="Feedback"/> first, then <paramref name="Interactive"/>, then the rest,
    /// and <paramref name="Later"/> last.
    /// </summary>
    public sealed record LaneFilter(bool IsEmail, string[] EmailKinds, string[] Feedback, string[] Interactive, string[] Later)
    {
        public static LaneFilter For(string lane, OutboxLanes lanes) => new(lane == OutboxLane.Email, [.. lanes.EmailKinds],
            lanes.KindsAt(OutboxPriority.Feedback), lanes.KindsAt(OutboxPriority.Interactive), lanes.KindsAt(OutboxPriority.Later));

        public int Rank(string kind) => Feedback.Contains(kind) ? 0 : Interactive.Contains(kind) ? 1 : Later.Contains(kind) ? 3 : 2;

        /// <summary>False for a lane whose kinds are all Normal (the email lane): its claims stay in plain due order.</summary>
        public bool Prioritised => !IsEmail && (Feedback.Length > 0 || Interactive.Length > 0 || Later.Length > 0);
    }

    /// <summary>Leases up to <paramref name="batchSize"/> due messages, by priority then oldest due first, and returns the ones this owner got.</summary>
    public static async Task<List<OutboxMessage>> ClaimAsync(this ChatBillingDb db, string owner, DateTimeOffset dueBy,
        DateTimeOffset now, TimeSpan leaseDuration, int batchSize, CancellationToken ct, LaneFilter? lane = null)
    {
        var expires = now + leaseDuration;
        var claimed = db is PostgresChatBillingDb
            ? await ClaimSkippingLockedAsync(db, owner, dueBy, now, expires, batchSize, lane, ct)
            : await ClaimPortableAsync(db, owner, dueBy, now, expires, batchSize, lane, ct);
        if (claimed == 0) return [];
        var batch = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeaseOwner == owner && m.LeaseExpiresAt == expires && m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToListAsync(ct);
        // The batch is worked through in claim order too (OrderBy is stable): its feedback before its other messages.
        return lane is null ? batch : [.. batch.OrderBy(m => lane.Rank(m.Kind))];
    }

    /// <summary>
    /// PostgreSQL: the batch is picked once, in a CTE, with <c>FOR UPDATE SKIP LOCKED</c>, so hosts claiming at the same
    /// moment take disjoint rows instead of queueing on each other's locks (a CTE is evaluated once; a sub-select in the
    /// UPDATE's WHERE may be re-run by the planner). The lane is a parameter too (0 every kind, 1 the email kinds,
    /// 2 every other kind), and so are the priority kinds, so the statement text stays one prepared shape.
    /// </summary>
    private static Task<int> ClaimSkippingLockedAsync(ChatBillingDb db, string owner, DateTimeOffset dueBy, DateTimeOffset now,
        DateTimeOffset expires, int batchSize, LaneFilter? lane, CancellationToken ct)
    {
        var mode = lane is null ? 0 : lane.IsEmail ? 1 : 2;
        var kinds = lane?.EmailKinds ?? [];
        var feedback = lane?.Feedback ?? [];
        var interactive = lane?.Interactive ?? [];
        var later = lane?.Later ?? [];
        var fresh = lane is null || lane.Prioritised;
        return db.Database.ExecuteSqlInterpolatedAsync($"""
            WITH batch AS (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "Status" = 'Pending' AND ("LeaseExpiresAt" IS NULL OR "LeaseExpiresAt" <= {now})
                  AND ("NextAttemptAt" <= {dueBy} OR ({fresh} AND "Attempts" = 0 AND "LastError" IS NULL AND "NextAttemptAt" <= {now}))
                  AND ({mode} = 0 OR ("Kind" = ANY({kinds})) = ({mode} = 1))
                ORDER BY CASE WHEN "Kind" = ANY({feedback}) THEN 0 WHEN "Kind" = ANY({interactive}) THEN 1
                              WHEN "Kind" = ANY({later}) THEN 3 ELSE 2 END,
                         "NextAttemptAt", "Id"
                LIMIT {batchSize}
                FOR UPDATE SKIP LOCKED)
            UPDATE "OutboxMessages" AS m
            SET "LeaseOwner" = {owner}, "LeaseExpiresAt" = {expires}, "Attempts" = m."Attempts" + 1
            FROM batch WHERE m."Id" = batch."Id"
            """, ct);
    }

    private static async Task<int> ClaimPortableAsync(ChatBillingDb db, string owner, DateTimeOffset dueBy, DateTimeOffset now,
        DateTimeOffset expires, int batchSize, LaneFilter? lane, CancellationToken ct)
    {
        var claimable = db.Claimable(dueBy, now, lane);
        IQueryable<OutboxMessage> ordered;
        if (lane is { Prioritised: true })
        {
            var feedback = lane.Feedback;
            var interactive = lane.Interactive;
            var later = lane.Later;
            ordered = claimable.OrderBy(m => feedback.Contains(m.Kind) ? 0 : interactive.Contains(m.Kind) ? 1 : later.Contains(m.Kind) ? 3 : 2)
                .ThenBy(m => m.NextAttemptAt).ThenBy(m => m.Id);
        }
        else ordered = claimable.OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id);
        var batch = ordered.Take(batchSize).Select(m => m.Id);
        // The lease conditions are repeated on the updated row itself, not only in the sub-select: PostgreSQL re-checks
        // an UPDATE's own WHERE on rows a concurrent claim changed meanwhile, so a host that lost the race skips them.
        return await db.Claimable(dueBy, now).Where(m => batch.Contains(m.Id))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.LeaseOwner, owner)
                .SetProperty(m => m.LeaseExpiresAt, expires)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), ct);
    }

    /// <summary>
    /// Releases a lease still held by this claim and schedules the next attempt; false when the lease was lost. Without
    /// <paramref name="countAttempt"/> the attempt counted at the claim is given back: waiting one's turn is not a failure.
    /// </summary>
    public static async Task<bool> RetryLaterAsync(this ChatBillingDb db, OutboxMessage claimed, DateTimeOffset next,
        string error, CancellationToken ct, bool countAttempt = true)
    {
        var refund = countAttempt ? 0 : 1;
        return await db.HeldBy(claimed).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.Attempts, m => m.Attempts - refund)
            .SetProperty(m => m.LastError, OutboxMessage.Truncate(error))
            .SetProperty(m => m.LeaseOwner, (string?)null)
            .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), ct) == 1;
    }

    /// <summary>
    /// Marks Done, in one statement per lease (a claim or a hand-off: one owner and expiry), every message of
    /// <paramref name="claimed"/> that its lease still holds; returns the ones it no longer held (re-claimed by another host).
    /// A success keeps the error of the attempt before it.
    /// </summary>
    public static async Task<List<OutboxMessage>> CompleteAllAsync(this ChatBillingDb db, IReadOnlyCollection<OutboxMessage> claimed,
        DateTimeOffset now, CancellationToken ct)
    {
        var lost = new List<OutboxMessage>();
        foreach (var lease in claimed.GroupBy(m => (m.LeaseOwner, m.LeaseExpiresAt)))
        {
            var (owner, expires) = lease.Key;
            var ids = lease.Select(m => m.Id).ToList();
            var done = await db.OutboxMessages
                .Where(m => ids.Contains(m.Id) && m.LeaseOwner == owner && m.LeaseExpiresAt == expires && m.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Done)
                    .SetProperty(m => m.CompletedAt, now)
                    .SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), ct);
            if (done == ids.Count) continue;
            // Rare (a lease ran out mid-work): name the ones another host holds now, for the log.
            var completed = await db.OutboxMessages.AsNoTracking()
                .Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Done && m.CompletedAt == now).Select(m => m.Id).ToListAsync(ct);
            lost.AddRange(lease.Where(m => !completed.Contains(m.Id)));
        }
        return lost;
    }

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
