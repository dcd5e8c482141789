using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Core.Outbox;

public sealed partial class OutboxDispatcher
{
    private const string ItemSavepoint = "outbox_item";

    /// <summary>
    /// Applies claimed messages of batched kinds in one scope and one transaction: each handler runs in a savepoint of its
    /// own and its changes are flushed before the next, so one that throws is rolled back alone (and retried or given up
    /// after the commit, as a single attempt would be) while the others' changes and their Done marks commit together.
    /// The commit is the one moment anything becomes visible, so a crash or a lost lease before it leaves every message
    /// as claimed and nothing applied: the next claim applies each once. If the batch itself cannot be committed (a lease
    /// ran out, the store refused), each message is attempted alone instead. Returns the attempts made.
    /// </summary>
    private async Task<int> AttemptTogetherAsync(List<OutboxMessage> claimed, OutboxSettings settings, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Expired or worn-out messages take the single path, which skips or gives them up.
        var live = claimed.Where(m => m.LeaseExpiresAt > now && m.Attempts <= settings.MaxAttempts).ToList();
        var attempts = 0;
        foreach (var message in claimed.Except(live))
            if (await AttemptAsync(message, settings, ct)) attempts++;
        if (live.Count == 0) return attempts;

        List<(OutboxMessage Message, Exception Error)> failed;
        try
        {
            failed = await ApplyTogetherAsync(live, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning(e, "A batch of {Count} outbox messages ({Kinds}) could not be committed together; each is attempted alone",
                live.Count, string.Join(", ", live.Select(m => m.Kind).Distinct()));
            foreach (var message in live)
                if (await AttemptAsync(message, settings, ct)) attempts++;
            return attempts;
        }
        foreach (var (message, error) in failed)
        {
            if (error is OutboxGiveUpException)
                await GiveUpAsync(message, $"Gave up on attempt {message.Attempts} without retrying: {Describe(error)}", ct);
            else
                await FailAttemptAsync(message, Describe(error), settings, ct, (error as OutboxRetryAfterException)?.RetryAfter);
        }
        return attempts + live.Count;
    }

    /// <summary>
    /// Marks messages Done whose effect happened outside the store, in one statement per claim rather than one commit each: on
    /// SQLite every commit waits for the single writer and an fsync, and a card update's Done mark is nothing anyone waits
    /// for. A message whose lease was lost meanwhile is left to its new owner. Should this commit fail, the messages stay
    /// leased and are tried again once the lease runs out, as after a crash right after the effect (at least once, keyed).
    /// </summary>
    private async Task CompleteTogetherAsync(List<OutboxMessage> done, CancellationToken ct)
    {
        if (done.Count == 0) return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
            foreach (var message in await db.CompleteAllAsync(done, time.GetUtcNow(), ct)) LeaseLost(message);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Marking {Count} outbox messages Done failed; they are tried again when their leases run out", done.Count);
        }
    }

    /// <summary>The batch's transaction; returns the messages whose handler threw, with what it threw (nothing of theirs is kept).</summary>
    private async Task<List<(OutboxMessage, Exception)>> ApplyTogetherAsync(List<OutboxMessage> live, CancellationToken ct)
    {
        // The batch may not outlive the first lease to run out: after that another host is entitled to that message.
        using var lease = new CancellationTokenSource(live.Min(m => m.LeaseExpiresAt!.Value) - time.GetUtcNow(), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Token);
        var token = linked.Token;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        var failed = new List<(OutboxMessage, Exception)>();
        var ready = new List<(OutboxMessage Message, IOutboxBatchedHandler Handler)>();
        // Look-ups that may go to the network happen before the write lock is taken.
        foreach (var message in live)
        {
            try
            {
                var handler = scope.ServiceProvider.GetKeyedService<IOutboxHandler>(message.Kind) as IOutboxBatchedHandler
                    ?? throw new OutboxGiveUpException($"No batched outbox handler is registered for kind '{message.Kind}'.");
                await handler.PrepareAsync(message, token);
                ready.Add((message, handler));
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                failed.Add((message, e));
            }
        }
        if (ready.Count == 0) return failed;

        await using var transaction = await db.Database.BeginTransactionAsync(token);
        var applied = new List<OutboxMessage>();
        // One lock order for every batch (by invoice), so two hosts' batches on PostgreSQL never wait on each other in a cycle.
        foreach (var (message, handler) in ready.OrderBy(r => r.Message.InvoiceId).ThenBy(r => r.Message.Id))
        {
            if (await TryApplyAsync(db, transaction, message, handler, token) is { } error) failed.Add((message, error));
            else applied.Add(message);
        }
        foreach (var message in applied) db.AttachClaimed(message).Complete(OutboxStatus.Done, time.GetUtcNow(), error: null);
        // Owner and expiry are concurrency tokens: a lease lost meanwhile fails this save, and the whole batch rolls back.
        await db.SaveChangesAsync(token);
        await transaction.CommitAsync(token);
        return failed;
    }

    /// <summary>One message in its savepoint: null when applied and flushed; otherwise what it threw, with its changes undone.</summary>
    private static async Task<Exception?> TryApplyAsync(ChatBillingDb db, IDbContextTransaction transaction, OutboxMessage claimed,
        IOutboxBatchedHandler handler, CancellationToken ct)
    {
        await transaction.CreateSavepointAsync(ItemSavepoint, ct);
        try
        {
            // A copy, as in the single path: a handler's edits to its message never leak into the Done mark.
            await handler.HandleAsync(claimed.Copy(), ct);
            await db.SaveChangesAsync(ct);
            await transaction.ReleaseSavepointAsync(ItemSavepoint, ct);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            await transaction.RollbackToSavepointAsync(ItemSavepoint, ct);
            // Everything before this message is flushed already, so forgetting the tracked state loses only its own changes.
            db.ChangeTracker.Clear();
            return e;
        }
    }
}
