using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Stores inbound chat work (Slack clicks, reasons, mentions and commands; Teams decisions) in the outbox with group
/// commit (<see cref="GroupCommit{TItem,TResult}"/>): a request waits until its batch is committed, then answers the
/// platform. Storing before answering means an acknowledged click is never lost; the platform's ids as idempotency keys
/// mean a redelivery is stored once. A singleton, so a request handler that only stores work builds no database context.
/// </summary>
public sealed class InboundOutbox : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<InboundOutbox> log;
    private readonly GroupCommit<OutboxItem, bool> commits;

    public InboundOutbox(IServiceScopeFactory scopes, ILogger<InboundOutbox> log)
    {
        this.scopes = scopes;
        this.log = log;
        commits = new(SaveAsync);
    }

    /// <summary>Completes once the item's batch is committed; false when an item with its key was stored before (a repeat delivery).</summary>
    public Task<bool> QueueAsync(OutboxItem item, CancellationToken ct) => commits.SubmitAsync(item, ct);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => commits.RunAsync(stoppingToken);

    private async Task<IReadOnlyList<bool>> SaveAsync(IReadOnlyList<OutboxItem> batch, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            var added = await outbox.EnqueueManyAsync(batch, ct);
            await outbox.SaveChangesAsync(ct);
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
