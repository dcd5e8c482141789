using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Outbox;

/// <summary>
/// Messages of a batched kind claimed together run in one transaction, each in its own savepoint: a handler that throws
/// after changing the store loses only its own changes and is retried as a single attempt would be.
/// </summary>
public sealed class BatchedHandlerTests : IAsyncLifetime
{
    private readonly OutboxStore store = new();
    private readonly HandlerLog log = new();

    public Task InitializeAsync() => store.InitializeAsync();

    public Task DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task A_handler_that_throws_inside_a_batch_is_rolled_back_alone_and_retried_while_the_others_commit()
    {
        var host = store.Host("host-a", services => services.AddSingleton(log)
            .AddOutboxHandler<CountingHandler>(CountingHandler.Kind)
            .AddOutboxHandler<MarkingHandler>(MarkingHandler.Kind),
            new Dictionary<string, string?> { ["Outbox:ChatParallelism"] = "1" });
        await EnqueueAsync(host, MarkingHandler.Kind, "a", "bad", "c");

        await host.DrainAsync();

        // The marks the good ones stored were committed (and handled in the same drain); the bad one's mark was undone.
        Assert.Equal(["mark:a", "mark:c"], log.Handled.Keys.Order());
        var messages = await MessagesAsync(host);
        Assert.DoesNotContain(messages, m => m.IdempotencyKey == "mark:bad");
        Assert.Equal([OutboxStatus.Done, OutboxStatus.Done], new[] { "a", "c" }.Select(k => messages.Single(m => m.IdempotencyKey == k).Status));
        var bad = messages.Single(m => m.IdempotencyKey == "bad");
        Assert.Equal((OutboxStatus.Pending, 1), (bad.Status, bad.Attempts));
        Assert.Contains("The store refused this one", bad.LastError);
        Assert.Null(bad.LeaseOwner);
        Assert.True(bad.NextAttemptAt > store.Clock.GetUtcNow()); // backed off, as a single failed attempt is
    }

    /// <summary>Stores a mark (a message of its own) and then, for the key "bad", throws: store work that fails halfway.</summary>
    private sealed class MarkingHandler(OutboxWriter outbox) : IOutboxBatchedHandler
    {
        public const string Kind = "test.batched";

        public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
        {
            await outbox.EnqueueAsync(CountingHandler.Kind, $"mark:{message.IdempotencyKey}", new { message.IdempotencyKey }, ct: ct);
            if (message.IdempotencyKey == "bad") throw new InvalidOperationException("The store refused this one.");
        }
    }
}
