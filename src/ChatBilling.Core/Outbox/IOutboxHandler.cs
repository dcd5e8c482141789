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
