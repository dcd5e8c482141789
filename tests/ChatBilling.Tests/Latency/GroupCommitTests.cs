using ChatBilling.Core.Outbox;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// The group commit the chat endpoints store inbound work with: callers wait for their own batch's commit, items that
/// arrive during a save form the next batch, and a failed save fails only its own callers. The save is a gate the test
/// opens, so no timing is involved.
/// </summary>
public sealed class GroupCommitTests
{
    /// <summary>A save that records each batch and waits until the test releases it.</summary>
    private sealed class GatedSave
    {
        private readonly Queue<TaskCompletionSource<bool>> gates = new();
        public List<string[]> Batches { get; } = [];
        public TaskCompletionSource<string[]> Started { get; private set; } = NewSignal<string[]>();
        public Func<string[], Exception?> FailWhen { get; init; } = _ => null;

        public async Task<IReadOnlyList<string>> SaveAsync(IReadOnlyList<string> batch, CancellationToken ct)
        {
            var gate = NewSignal<bool>();
            lock (gates) gates.Enqueue(gate);
            Batches.Add([.. batch]);
            var started = Started;
            Started = NewSignal<string[]>();
            started.SetResult([.. batch]);
            await gate.Task.WaitAsync(ct);
            if (FailWhen([.. batch]) is { } failure) throw failure;
            return batch.Select(item => $"stored:{item}").ToList();
        }

        public void ReleaseOne()
        {
            lock (gates) gates.Dequeue().SetResult(true);
        }
    }

    private static TaskCompletionSource<T> NewSignal<T>() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_caller_is_answered_only_after_its_batch_commits_and_arrivals_during_a_save_share_the_next_batch()
    {
        var save = new GatedSave();
        var commits = new GroupCommit<string, string>(save.SaveAsync);
        using var stop = new CancellationTokenSource();
        var writer = commits.RunAsync(stop.Token);

        var firstStarted = save.Started.Task;
        var first = commits.SubmitAsync("a", CancellationToken.None);
        Assert.Equal(["a"], await firstStarted.WaitAsync(Patience));
        var secondStarted = save.Started.Task;
        var second = commits.SubmitAsync("b", CancellationToken.None);
        var third = commits.SubmitAsync("c", CancellationToken.None);

        Assert.False(first.IsCompleted); // its save has not committed yet
        save.ReleaseOne();
        Assert.Equal("stored:a", await first.WaitAsync(Patience));
        Assert.Equal(["b", "c"], await secondStarted.WaitAsync(Patience)); // one transaction for both
        Assert.False(second.IsCompleted || third.IsCompleted);
        save.ReleaseOne();
        Assert.Equal(["stored:b", "stored:c"], await Task.WhenAll(second, third).WaitAsync(Patience));
        Assert.Equal(2, save.Batches.Count);

        await stop.CancelAsync();
        await writer.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_failed_batch_fails_only_its_own_callers_and_the_next_batch_is_stored()
    {
        var save = new GatedSave { FailWhen = batch => batch.Contains("poison") ? new InvalidOperationException("disk full") : null };
        var commits = new GroupCommit<string, string>(save.SaveAsync);
        using var stop = new CancellationTokenSource();
        var writer = commits.RunAsync(stop.Token);

        var started = save.Started.Task;
        var doomed = commits.SubmitAsync("poison", CancellationToken.None);
        await started.WaitAsync(Patience);
        var nextStarted = save.Started.Task;
        var later = commits.SubmitAsync("fine", CancellationToken.None);
        save.ReleaseOne();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => doomed.WaitAsync(Patience));
        Assert.Equal("disk full", failure.Message);
        Assert.Equal(["fine"], await nextStarted.WaitAsync(Patience));
        save.ReleaseOne();
        Assert.Equal("stored:fine", await later.WaitAsync(Patience));

        await stop.CancelAsync();
        await writer.WaitAsync(Patience);
    }

    [Fact]
    public async Task Stopping_the_host_cancels_whoever_still_waits_and_refuses_new_work()
    {
        var save = new GatedSave();
        var commits = new GroupCommit<string, string>(save.SaveAsync);
        using var stop = new CancellationTokenSource();
        var writer = commits.RunAsync(stop.Token);
        var started = save.Started.Task;
        var inFlight = commits.SubmitAsync("a", CancellationToken.None);
        await started.WaitAsync(Patience);
        var queued = commits.SubmitAsync("b", CancellationToken.None);

        await stop.CancelAsync();
        await writer.WaitAsync(Patience);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => inFlight.WaitAsync(Patience));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued.WaitAsync(Patience));
        // Refused at once (not a task that fails later): the request answers 500 and Slack or Teams retries elsewhere.
        var refused = Record.Exception(() => { _ = commits.SubmitAsync("c", CancellationToken.None); });
        Assert.IsType<InvalidOperationException>(refused);
    }
}
