using System.Collections.Concurrent;
using ChatBilling.Core.Outbox;

namespace ChatBilling.Tests.Outbox;

/// <summary>What the test handlers saw; one instance shared by every host of a test, like an external system would be.</summary>
public sealed class HandlerLog
{
    public ConcurrentDictionary<string, int> Handled { get; } = new();
    public ConcurrentDictionary<string, string> GaveUp { get; } = new();
    /// <summary>Completed by <see cref="LeaseOutlivingHandler"/> once it is running.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>Counts how often each key is handled; yields first so that concurrent hosts really interleave.</summary>
public sealed class CountingHandler(HandlerLog log) : IOutboxHandler
{
    public const string Kind = "test.count";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        await Task.Yield();
        log.Handled.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
    }
}

/// <summary>A receiver that is always down.</summary>
public sealed class FailingHandler(HandlerLog log) : IOutboxHandler
{
    public const string Kind = "test.fail";

    public Task HandleAsync(OutboxMessage message, CancellationToken ct) =>
        throw new InvalidOperationException("The receiver is down.");

    public Task OnGaveUpAsync(OutboxMessage message, string reason, CancellationToken ct)
    {
        log.GaveUp[message.IdempotencyKey] = reason;
        return Task.CompletedTask;
    }
}

/// <summary>Works until it is cancelled: a send that hangs longer than its lease allows.</summary>
public sealed class LeaseOutlivingHandler(HandlerLog log) : IOutboxHandler
{
    public const string Kind = "test.hang";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = ct.Register(() => cancelled.TrySetCanceled(ct));
        log.Started.TrySetResult();
        await cancelled.Task;
    }
}
