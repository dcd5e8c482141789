using System.Threading.Channels;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Group commit for inbound chat requests: callers hand an item to one writer and wait; the writer saves everything that
/// arrived while its previous save ran in a single transaction, then completes each caller with its own result. A burst
/// of 200 clicks costs a few commits instead of 200 (SQLite has one writer, so separate commits queue behind each
/// other), and each caller still learns only after its item is durably stored, so a request is acknowledged only once
/// its row is committed. A failed save fails the callers of that batch and no others; the next batch starts afresh.
/// </summary>
/// <param name="save">Stores one batch in one transaction and returns one result per item, in order.</param>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> save,
    int maxBatch = 500)
{
    private sealed record Pending(TItem Item, TaskCompletionSource<TResult> Done);

    private readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes with the item's result once its batch is committed; throws what the batch's save threw.</summary>
    public Task<TResult> SubmitAsync(TItem item, CancellationToken ct)
    {
        var pending = new Pending(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The host is stopping; the sender will retry.");
        // A caller that gives up stops waiting; its item may still be stored, which idempotency keys make harmless.
        return pending.Done.Task.WaitAsync(ct);
    }

    /// <summary>The writer loop: run once, for the host's life (a hosted service does). Stopping cancels whoever still waits.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(maxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < maxBatch && queue.Reader.TryRead(out var next)) batch.Add(next);
                await SaveAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            queue.Writer.TryComplete();
            foreach (var pending in batch) pending.Done.TrySetCanceled(stoppingToken);
            while (queue.Reader.TryRead(out var left)) left.Done.TrySetCanceled(stoppingToken);
        }
    }

    private async Task SaveAsync(List<Pending> batch, CancellationToken ct)
    {
        IReadOnlyList<TResult> results;
        try
        {
            results = await save(batch.Select(p => p.Item).ToList(), ct);
            if (results.Count != batch.Count)
                throw new InvalidOperationException($"A group commit's save returned {results.Count} results for {batch.Count} items.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Those requests answer 500 and the platform retries them (Slack's events, Teams' invokes) or the person sees an error.
            foreach (var pending in batch) pending.Done.TrySetException(e);
            return;
        }
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
    }
}
