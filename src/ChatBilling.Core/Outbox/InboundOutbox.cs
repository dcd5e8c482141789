using ChatBilling.Core.Errors;
using ChatBilling.Core.Storage;
using ChatBilling.Core.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Stores inbound chat work (Slack clicks, reasons, mentions and commands; Teams decisions) in the outbox with group
/// commit (<see cref="GroupCommit{TItem,TResult}"/>): a request waits until its batch is committed, then answers the
/// platform. Storing before answering means an acknowledged click is never lost; the platform's ids as idempotency keys
/// mean a redelivery is stored once. A singleton, so a request handler that only stores work builds no database context.
/// A batch is one raw insert (<see cref="InboundOutboxInsert"/>) rather than EF's tracked save, so it wakes the outbox
/// lanes itself once the statement has committed, as the commit interceptors do for tracked saves.
/// </summary>
public sealed class InboundOutbox : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly OutboxSignal signal;
    private readonly OutboxLanes lanes;
    private readonly TimeProvider time;
    private readonly ILogger<InboundOutbox> log;
    private readonly GroupCommit<OutboxItem, bool> commits;

    public InboundOutbox(IServiceScopeFactory scopes, OutboxSignal signal, OutboxLanes lanes, TimeProvider time, ILogger<InboundOutbox> log)
    {
        this.scopes = scopes;
        this.signal = signal;
        this.lanes = lanes;
        this.time = time;
        this.log = log;
        commits = new(SaveAsync);
    }

    /// <summary>
    /// Completes once the item's batch is committed; false when an item with its key was stored before (a repeat delivery).
    /// An item that could never be stored is refused here, so it fails its own request and not its batch.
    /// </summary>
    public Task<bool> QueueAsync(OutboxItem item, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(item.Kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(item.IdempotencyKey);
        // SQLite would store longer values silently and PostgreSQL refuse them; refuse them here on both.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(item.Kind.Length, OutboxMessage.MaxKindLength, nameof(item));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(item.IdempotencyKey.Length, OutboxMessage.MaxKeyLength, nameof(item));
        // The guard EF's save applies to tracked text (ChatBillingDb), which a raw insert does not pass through.
        if (!InputRules.IsStorableText(item.IdempotencyKey))
            throw InvalidInputException.For("idempotencyKey", InputRules.TextMessage("idempotencyKey"));
        return commits.SubmitAsync(item, ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => commits.RunAsync(stoppingToken);

    private async Task<IReadOnlyList<bool>> SaveAsync(IReadOnlyList<OutboxItem> batch, CancellationToken ct)
    {
        // A person waits for this commit's acknowledgement: it goes to SQLite's writer ahead of everything else.
        using var first = SqliteWriterGate.Prefer(WriterPriority.Inbound);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
            var added = await InboundOutboxInsert.InsertAsync(db, batch, time.GetUtcNow(), ct);
            var woken = batch.Where((_, i) => added[i]).Select(item => lanes.LaneOf(item.Kind)).ToHashSet(StringComparer.Ordinal);
            if (woken.Count > 0) signal.CommittedFor(woken);
            return added;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogError(e, "Storing {Count} inbound chat item(s) ({Kinds}) failed; their requests answer 500 and the platform retries.",
                batch.Count, string.Join(", ", batch.Select(i => i.Kind).Distinct()));
            throw;
        }
    }
}
