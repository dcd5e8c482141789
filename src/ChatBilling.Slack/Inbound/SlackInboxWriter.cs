using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// Stores inbound Slack work (clicks, reject reasons, mentions, notices) in the outbox with group commit
/// (<see cref="GroupCommit{TItem,TResult}"/>): a request waits until its batch is committed, then Slack gets its 200.
/// Storing before answering means an acknowledged click is never lost; Slack's ids as idempotency keys mean a repeat is
/// stored once. A singleton, so a request handler that only stores work builds no database context.
/// </summary>
public sealed class SlackInboxWriter : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<SlackInboxWriter> log;
    private readonly GroupCommit<OutboxItem, bool> commits;

    public SlackInboxWriter(IServiceScopeFactory scopes, ILogger<SlackInboxWriter> log)
    {
        this.scopes = scopes;
        this.log = log;
        commits = new(SaveAsync);
    }

    /// <summary>
    /// Stores the work (kinds on <see cref="SlackInbox"/>) and completes once its batch is committed; false when work with
    /// this key was stored before (a repeat delivery). A failed batch fails only the requests in it.
    /// </summary>
    public Task<bool> QueueAsync<T>(string kind, string id, T work, CancellationToken ct) where T : notnull =>
        commits.SubmitAsync(new OutboxItem(kind, SlackInbox.Key(kind, id), work), ct);

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
            log.LogError(e, "Storing {Count} inbound Slack item(s) failed; their requests answer 500.", batch.Count);
            throw;
        }
    }
}
