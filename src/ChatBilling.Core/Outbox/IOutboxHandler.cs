namespace ChatBilling.Core.Outbox;

/// <summary>
/// Carries out one kind of outbox message. Resolved from a fresh scope per attempt; changes a handler makes
/// through the scope's <c>ChatBillingDb</c> are left unsaved and committed together with the message's outcome.
/// </summary>
public interface IOutboxHandler
{
    /// <summary>Does the work; throwing means this attempt failed and the message is retried with backoff.</summary>
    Task HandleAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>Runs once when the message is given up as Failed, to make that visible (e.g. fail the invoice).</summary>
    Task OnGaveUpAsync(OutboxMessage message, string reason, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// A handler whose work is store work only (a decision from a click), so the dispatcher may apply many of its claimed
/// messages in one transaction: each in a savepoint of its own (one that throws is rolled back alone and retried as
/// usual), their Done marks in the same commit, and one commit for the lot instead of two per message. SQLite has one
/// writer, and every commit is a wait for it and an fsync: batching is what lets the chat lane decide hundreds of clicks
/// a second instead of tens. Nothing that waits on the network may run in <see cref="IOutboxHandler.HandleAsync"/>:
/// the transaction holds the write lock meanwhile.
/// </summary>
public interface IOutboxBatchedHandler : IOutboxHandler
{
    /// <summary>
    /// Runs for each message before the batch's transaction opens, in the same scope: the place for a look-up that may
    /// go to the network (and is then remembered), so that no write lock is held across it. Throwing fails that
    /// message's attempt alone.
    /// </summary>
    Task PrepareAsync(OutboxMessage message, CancellationToken ct) => Task.CompletedTask;
}
