using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Works through due outbox messages: claims them in small batches under a lease, runs the handler registered for
/// each message's kind, and records Done, a retry with backoff, or Failed. Safe to run on several hosts at once.
/// Each lane (<see cref="OutboxLane"/>) drains with workers of its own, so a hung mail server never holds a card.
/// Messages of batched kinds (<see cref="IOutboxBatchedHandler"/>) that a worker claims together are applied together.
/// </summary>
public sealed partial class OutboxDispatcher(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<OutboxSettings> options, OutboxLanes lanes, ILogger<OutboxDispatcher> log)
{
    /// <summary>Drains every lane at once (the scheduled safety net and <c>POST /api/jobs/sends/run</c>); returns the attempts made.</summary>
    public async Task<int> DrainAsync(CancellationToken ct = default) =>
        (await Task.WhenAll(OutboxLane.All.Select(lane => DrainAsync(lane, ct)))).Sum();

    /// <summary>
    /// Handles every message of <paramref name="lane"/> that is due now and not leased by another host; returns how
    /// many attempts were made. Messages that come due during the drain wait for the next one, so a drain always ends.
    /// </summary>
    public async Task<int> DrainAsync(string lane, CancellationToken ct)
    {
        var settings = options.Value;
        var workers = Math.Max(1, settings.ParallelismOf(lane));
        // Workers claim small batches each rather than sharing one: a slow message then holds back only the few
        // claimed with it, while the other workers keep claiming.
        var batchSize = Math.Max(1, settings.BatchSize / workers);
        var filter = OutboxLeases.LaneFilter.For(lane, lanes);
        var dueBy = time.GetUtcNow();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(filter, dueBy, batchSize, settings, ct)));
        return counts.Sum();
    }

    private async Task<int> WorkAsync(OutboxLeases.LaneFilter lane, DateTimeOffset dueBy, int batchSize, OutboxSettings settings,
        CancellationToken ct)
    {
        // A fresh owner per worker: two workers or overlapping drains in one process must not mistake each other's
        // leases for their own. The host part is cut so that owner and id fit the 200 characters of the lease column.
        var owner = $"{settings.Owner[..Math.Min(settings.Owner.Length, 160)]}/{Guid.NewGuid():N}";
        var attempts = 0;
        while (true)
        {
            List<OutboxMessage> batch;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
                // The chat lane's claim is how stored clicks reach their decision batch: on SQLite it queues for the writer
                // as the batch does, ahead of emails and jobs (one short statement).
                using (lane.IsEmail ? null : SqliteWriterGate.Prefer(WriterPriority.Chat))
                    batch = await db.ClaimAsync(owner, dueBy, time.GetUtcNow(), settings.LeaseDuration, batchSize, ct, lane);
                // An empty claim with work left means another worker or host won this round; keep going until nothing is claimable.
                if (batch.Count == 0 && !await db.Claimable(dueBy, time.GetUtcNow(), lane).AnyAsync(ct)) return attempts;
            }
            // The batched kinds' messages (decisions from clicks) are applied together where the first of them stands in the
            // claim order, so priorities hold: the feedback claimed with them still goes first.
            var together = batch.Where(m => lanes.IsBatched(m.Kind)).ToList();
            var doneLater = new List<OutboxMessage>();
            foreach (var message in batch)
            {
                if (!lanes.IsBatched(message.Kind))
                {
                    if (await AttemptAsync(message, settings, ct, doneLater)) attempts++;
                }
                else if (together.Count > 0)
                {
                    attempts += await DecideTogetherAsync(together, owner, lane, settings, doneLater, ct);
                    together = [];
                }
            }
            await CompleteTogetherAsync(doneLater, ct);
        }
    }

    /// <summary>
    /// Applies the batched messages together, then at once the feedback they caused (card updates, replies), which was
    /// stored leased to this worker (<see cref="OutboxHandOff"/>) instead of waiting to be claimed. Returns the attempts made.
    /// </summary>
    private async Task<int> DecideTogetherAsync(List<OutboxMessage> together, string owner, OutboxLeases.LaneFilter lane,
        OutboxSettings settings, List<OutboxMessage> doneLater, CancellationToken ct)
    {
        // An owner of its own (the worker's plus "/h", still within the column), so no claim of this worker reads these back.
        var handOff = new OutboxHandOff($"{owner}/h", time.GetUtcNow() + settings.LeaseDuration,
            lane.IsEmail ? OutboxLane.Email : OutboxLane.Chat, lanes);
        // Decisions and their feedback are what a clicker watches: on SQLite they queue for the writer ahead of the rest.
        using var watched = SqliteWriterGate.Prefer(WriterPriority.Chat);
        int attempts;
        using (OutboxHandOff.Begin(handOff)) attempts = await AttemptTogetherAsync(together, settings, ct);
        List<OutboxMessage> handed;
        await using (var scope = scopes.CreateAsyncScope())
            handed = await handOff.CommittedAsync(scope.ServiceProvider.GetRequiredService<ChatBillingDb>(), ct);
        // Run one after the other as claimed messages are, but with their reads done together first (a card update each).
        using (OutboxPrefetched.Begin(await PrefetchAsync(handed, ct)))
            foreach (var message in handed)
                if (await AttemptAsync(message, settings, ct, doneLater)) attempts++;
        return attempts;
    }

    /// <summary>
    /// Lets each prefetching kind (<see cref="IOutboxPrefetchingHandler"/>) with several of <paramref name="messages"/> read
    /// for all of them at once. A prefetch that fails costs nothing but its time: each message then reads for itself.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, object>> PrefetchAsync(List<OutboxMessage> messages, CancellationToken ct)
    {
        var read = new Dictionary<Guid, object>();
        foreach (var kind in messages.GroupBy(m => m.Kind).Where(g => g.Skip(1).Any()))
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                if (scope.ServiceProvider.GetKeyedService<IOutboxHandler>(kind.Key) is not IOutboxPrefetchingHandler handler) continue;
                foreach (var (id, value) in await handler.PrefetchAsync([.. kind], ct)) read[id] = value;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning(e, "Reading ahead for {Count} outbox messages ({Kind}) failed; each reads for itself", kind.Count(), kind.Key);
            }
        }
        return read;
    }

    /// <summary>One attempt at one claimed message; false when it was skipped because its lease already ran out.</summary>
    /// <param name="doneLater">
    /// Where a message whose handler left nothing to save (a card update, a reply: the effect is outside the store) is
    /// put instead of saving its Done mark alone; <see cref="CompleteTogetherAsync"/> commits those marks together.
    /// </param>
    private async Task<bool> AttemptAsync(OutboxMessage claimed, OutboxSettings settings, CancellationToken ct,
        List<OutboxMessage>? doneLater = null)
    {
        var leaseLeft = claimed.LeaseExpiresAt!.Value - time.GetUtcNow();
        // Another host may already have re-claimed it; running the handler now could do the work twice.
        if (leaseLeft <= TimeSpan.Zero) return false;
        if (claimed.Attempts > settings.MaxAttempts)
        {
            await GiveUpAsync(claimed, $"Gave up after {settings.MaxAttempts} attempts; the last one did not finish before its lease expired.", ct);
            return true;
        }

        // The handler may not outlive its lease: after that another host is entitled to the message.
        using var lease = new CancellationTokenSource(leaseLeft, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Token);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            // Resolved inside the try: a handler whose dependencies cannot be built fails this attempt, not the drain.
            var handler = scope.ServiceProvider.GetKeyedService<IOutboxHandler>(claimed.Kind);
            if (handler is null)
            {
                await GiveUpAsync(claimed, $"No outbox handler is registered for kind '{claimed.Kind}'.", ct);
                return true;
            }
            var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
            // The handler gets a detached copy (its edits never reach the Done mark); the message is tracked only when its
            // Done mark is saved here with the handler's changes: attaching costs as much as a query, and a card update
            // or a reply, which changes nothing in the store, has its mark written with others' (doneLater).
            await handler.HandleAsync(claimed.Copy(), linked.Token);
            if (doneLater is not null && !db.ChangeTracker.HasChanges())
            {
                doneLater.Add(claimed);
                return true;
            }
            db.AttachClaimed(claimed).Complete(OutboxStatus.Done, time.GetUtcNow(), error: null);
            await db.SaveChangesAsync(ct);
        }
        catch (OutboxGiveUpException e) when (!ct.IsCancellationRequested && !lease.IsCancellationRequested)
        {
            await GiveUpAsync(claimed, $"Gave up on attempt {claimed.Attempts} without retrying: {Describe(e)}", ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            var error = lease.IsCancellationRequested ? "The attempt did not finish before its lease expired." : Describe(e);
            await FailAttemptAsync(claimed, error, settings, ct, (e as OutboxRetryAfterException)?.RetryAfter);
        }
        return true;
    }

    /// <param name="retryAfter">
    /// The receiver's own "come back after" (a 429's Retry-After, or our pacing's next free turn), used instead of the
    /// backoff when given. Such a wait is not a failed attempt: it neither counts toward <c>Outbox:MaxAttempts</c> nor
    /// ends the message, which waits in the store for its turn however often the receiver asks.
    /// </param>
    private async Task FailAttemptAsync(OutboxMessage claimed, string error, OutboxSettings settings, CancellationToken ct,
        TimeSpan? retryAfter = null)
    {
        if (retryAfter is null && claimed.Attempts >= settings.MaxAttempts)
        {
            await GiveUpAsync(claimed, $"Gave up after {claimed.Attempts} attempts: {error}", ct);
            return;
        }
        var now = time.GetUtcNow();
        var next = now + (retryAfter ?? OutboxBackoff.Delay(claimed.Attempts, settings, Random.Shared.NextDouble()));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        if (!await db.RetryLaterAsync(claimed, next, error, ct, countAttempt: retryAfter is null))
            LeaseLost(claimed);
        else if (retryAfter is null)
            log.LogWarning("Outbox message {Id} ({Kind}) failed attempt {Attempt}, next at {Next}: {Error}",
                claimed.Id, claimed.Kind, claimed.Attempts, next, error);
        else
            log.LogInformation("Outbox message {Id} ({Kind}) waits until {Next} as asked: {Error}", claimed.Id, claimed.Kind, next, error);
    }

    /// <summary>Ends the message as Failed and lets its handler react, in one save; Failed is stored even if the hook breaks.</summary>
    private async Task GiveUpAsync(OutboxMessage claimed, string reason, CancellationToken ct)
    {
        log.LogError("Outbox message {Id} ({Kind}, key {Key}) failed for good: {Reason}",
            claimed.Id, claimed.Kind, claimed.IdempotencyKey, reason);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        var message = db.AttachClaimed(claimed);
        message.Complete(OutboxStatus.Failed, time.GetUtcNow(), reason);
        try
        {
            if (scope.ServiceProvider.GetKeyedService<IOutboxHandler>(claimed.Kind) is { } handler)
                await handler.OnGaveUpAsync(message, reason, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "The give-up hook of outbox message {Id} ({Kind}) failed", claimed.Id, claimed.Kind);
            await using var fallback = scopes.CreateAsyncScope();
            var fresh = fallback.ServiceProvider.GetRequiredService<ChatBillingDb>();
            if (!await fresh.FailAsync(claimed, time.GetUtcNow(), $"{reason} The give-up hook failed too: {Describe(e)}", ct))
                LeaseLost(claimed);
        }
    }

    private void LeaseLost(OutboxMessage claimed) =>
        log.LogWarning("Outbox message {Id} ({Kind}) was re-claimed by another host after this one's lease expired",
            claimed.Id, claimed.Kind);

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
