using ChatBilling.Core.Outbox;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Outbox;

public sealed class DispatcherTests : IAsyncLifetime
{
    private readonly OutboxStore store = new();
    private readonly HandlerLog log = new();

    public Task InitializeAsync() => store.InitializeAsync();

    public Task DisposeAsync() => store.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Handled_messages_are_done_and_not_handled_again(int parallelism)
    {
        var host = store.HostWithTestHandlers("host-a", log, new Dictionary<string, string?> { ["Outbox:Parallelism"] = $"{parallelism}" });
        var keys = Enumerable.Range(1, 25).Select(i => $"k{i}").ToArray();
        await EnqueueAsync(host, CountingHandler.Kind, keys);

        Assert.Equal(25, await host.DrainAsync());
        Assert.Equal(0, await host.DrainAsync());

        Assert.Equal(keys.Order(), log.Handled.Keys.Order());
        Assert.All(log.Handled, pair => Assert.Equal(1, pair.Value));
        var message = await MessageAsync(host, "k1");
        Assert.Equal((OutboxStatus.Done, 1, store.Clock.GetUtcNow()), (message.Status, message.Attempts, message.CompletedAt));
        Assert.Null(message.LeaseOwner);
        Assert.Null(message.LeaseExpiresAt);
    }

    [Fact]
    public async Task Failing_message_backs_off_exponentially_then_fails_with_the_reason_and_the_hook_runs()
    {
        var host = store.HostWithTestHandlers("host-a", log);
        await EnqueueAsync(host, FailingHandler.Kind, "down");

        // BaseDelay 1 min doubling under a 10 min cap; jitter keeps each wait in the upper half of its ceiling.
        foreach (var (attempt, ceiling) in new[] { (1, 1), (2, 2), (3, 4) })
        {
            Assert.Equal(1, await host.DrainAsync());
            var waiting = await MessageAsync(host, "down");
            var wait = waiting.NextAttemptAt - store.Clock.GetUtcNow();
            Assert.Equal((OutboxStatus.Pending, attempt), (waiting.Status, waiting.Attempts));
            Assert.InRange(wait, TimeSpan.FromMinutes(ceiling / 2.0), TimeSpan.FromMinutes(ceiling));
            Assert.Contains("The receiver is down.", waiting.LastError);

            // Not due yet: a drain just before the next attempt leaves it alone.
            store.Clock.Advance(wait - TimeSpan.FromSeconds(1));
            Assert.Equal(0, await host.DrainAsync());
            store.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, await host.DrainAsync());
        var failed = await MessageAsync(host, "down");
        Assert.Equal((OutboxStatus.Failed, 4), (failed.Status, failed.Attempts));
        Assert.Equal("Gave up after 4 attempts: InvalidOperationException: The receiver is down.", failed.LastError);
        Assert.Equal(store.Clock.GetUtcNow(), failed.CompletedAt);
        Assert.Equal(failed.LastError, log.GaveUp["down"]);

        store.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await host.DrainAsync());
    }

    [Fact]
    public async Task Message_of_an_unknown_kind_fails_at_once_and_visibly()
    {
        var host = store.HostWithTestHandlers("host-a", log);
        await EnqueueAsync(host, "nobody.handles.this", "orphan");

        Assert.Equal(1, await host.DrainAsync());

        var message = await MessageAsync(host, "orphan");
        Assert.Equal((OutboxStatus.Failed, 1), (message.Status, message.Attempts));
        Assert.Equal("No outbox handler is registered for kind 'nobody.handles.this'.", message.LastError);
        store.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await host.DrainAsync());
    }

    [Fact]
    public async Task Handler_that_outlives_its_lease_is_cancelled_and_retried_later()
    {
        var host = store.HostWithTestHandlers("host-a", log);
        await EnqueueAsync(host, LeaseOutlivingHandler.Kind, "hang");

        var drain = host.DrainAsync();
        await log.Started.Task;
        store.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await drain);

        var message = await MessageAsync(host, "hang");
        Assert.Equal((OutboxStatus.Pending, 1), (message.Status, message.Attempts));
        Assert.Equal("The attempt did not finish before its lease expired.", message.LastError);
        Assert.Null(message.LeaseOwner);
    }
}
