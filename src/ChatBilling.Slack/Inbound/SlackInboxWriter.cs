using System.Threading.Channels;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// Stores inbound Slack work with group commit: requests hand their work to one writer and wait for it to be saved;
/// the writer saves everything that arrived meanwhile in a single transaction. A burst of clicks then costs a few
/// commits instead of one each (SQLite has a single writer, so 200 separate commits queue behind each other), and
/// each request is still acknowledged only after its work is durably stored.
/// </summary>
public sealed class SlackInboxWriter(IServiceScopeFactory scopes, ILogger<SlackInboxWriter> log) : BackgroundService
{
    private const int MaxBatch = 500;

    private sealed record Pending(string Kind, string Key, object Work, TaskCompletionSource<bool> Stored);

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes once the work is stored; false when work with this key was stored before.</summary>
    public Task<bool> StoreAsync(string kind, string key, object work, CancellationToken ct)
    {
        var pending = new Pending(kind, key, work, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The host is stopping; Slack will retry.");
        return pending.Stored.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next)) batch.Add(next);
                await SaveAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            queue.Writer.TryComplete();
            foreach (var pending in batch.Concat(queue.Reader.ReadAllAsync().ToBlockingEnumerable()))
                pending.Stored.TrySetCanceled(stoppingToken);
        }
    }

    private async Task SaveAsync(List<Pending> batch, CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxWriter>();
            var added = await outbox.EnqueueManyAsync(batch.Select(p => new OutboxItem(p.Kind, p.Key, p.Work)).ToList(), ct);
            await outbox.SaveChangesAsync(ct);
            for (var i = 0; i < batch.Count; i++) batch[i].Stored.TrySetResult(added[i]);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Those requests answer 500 and Slack shows the person an error (events are retried by Slack).
            log.LogError(e, "Storing {Count} inbound Slack item(s) failed.", batch.Count);
            foreach (var pending in batch) pending.Stored.TrySetException(e);
        }
    }
}
