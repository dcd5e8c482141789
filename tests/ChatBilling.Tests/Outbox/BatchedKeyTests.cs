using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Outbox;

/// <summary>
/// Inside a batch the keys a save adds are looked up together, once, instead of once per enqueue: an effect already
/// stored is still stored once, and the batch is not failed by the unique key.
/// </summary>
public sealed class BatchedKeyTests : IAsyncLifetime
{
    private readonly OutboxStore store = new();
    private readonly HandlerLog log = new();

    public Task InitializeAsync() => store.InitializeAsync();

    public Task DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task An_effect_a_batch_enqueues_again_is_stored_once_and_every_message_of_the_batch_is_done()
    {
        var host = store.Host("host-a", services => services.AddSingleton(log)
            .AddOutboxHandler<CountingHandler>(CountingHandler.Kind)
            .AddOutboxHandler<SharedEffectHandler>(SharedEffectHandler.Kind),
            new Dictionary<string, string?> { ["Outbox:ChatParallelism"] = "1" });
        // "stored" was enqueued (and done) before; "new" is first enqueued by the batch itself, by both of its messages.
        await EnqueueAsync(host, CountingHandler.Kind, "effect:stored");
        await host.DrainAsync();
        await EnqueueAsync(host, SharedEffectHandler.Kind, "a", "b");

        await host.DrainAsync();

        var messages = await MessagesAsync(host);
        Assert.Single(messages, m => m.IdempotencyKey == "effect:stored");
        Assert.Single(messages, m => m.IdempotencyKey == "effect:new");
        Assert.All(messages, m => Assert.Equal(OutboxStatus.Done, m.Status));
        Assert.Equal(["effect:new", "effect:stored"], log.Handled.Keys.Order());
    }

    /// <summary>Enqueues the same two effects whatever its message: one stored long ago, one new to this batch.</summary>
    private sealed class SharedEffectHandler(OutboxWriter outbox) : IOutboxBatchedHandler
    {
        public const string Kind = "test.batched.shared";

        public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
        {
            await outbox.EnqueueAsync(CountingHandler.Kind, "effect:stored", new { key = "effect:stored" }, ct: ct);
            await outbox.EnqueueAsync(CountingHandler.Kind, "effect:new", new { key = "effect:new" }, ct: ct);
        }
    }
}
