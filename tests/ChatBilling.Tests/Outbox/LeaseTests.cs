using ChatBilling.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Outbox;

public sealed class LeaseTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly OutboxStore store = new();
    private readonly HandlerLog log = new();

    public Task InitializeAsync() => store.InitializeAsync();

    public Task DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task Two_hosts_draining_one_database_handle_every_message_exactly_once()
    {
        var hostA = store.HostWithTestHandlers("host-a", log);
        var hostB = store.HostWithTestHandlers("host-b", log);
        var keys = Enumerable.Range(1, 200).Select(i => $"m{i:D3}").ToArray();
        await EnqueueAsync(hostA, CountingHandler.Kind, keys);

        var attempts = await Task.WhenAll(Task.Run(() => hostA.DrainAsync()), Task.Run(() => hostB.DrainAsync()));

        output.WriteLine($"host-a handled {attempts[0]}, host-b handled {attempts[1]}");
        Assert.Equal(200, attempts.Sum());
        Assert.Equal(keys, log.Handled.Keys.Order());
        Assert.All(log.Handled, pair => Assert.Equal(1, pair.Value));
        Assert.All(await MessagesAsync(hostA), m => Assert.Equal((OutboxStatus.Done, 1), (m.Status, m.Attempts)));
    }

    [Fact]
    public async Task Lease_of_a_host_that_died_mid_work_is_taken_over_only_after_it_expires()
    {
        var dead = store.HostWithTestHandlers("dead-host", log);
        var alive = store.HostWithTestHandlers("alive-host", log);
        await EnqueueAsync(dead, CountingHandler.Kind, "orphaned");
        var claimed = await ClaimAsync(dead, "dead-host/1");
        Assert.Single(claimed);

        store.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await alive.DrainAsync());
        Assert.Equal("dead-host/1", (await MessageAsync(alive, "orphaned")).LeaseOwner);

        store.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await alive.DrainAsync());

        var message = await MessageAsync(alive, "orphaned");
        Assert.Equal((OutboxStatus.Done, 2), (message.Status, message.Attempts));
        Assert.Equal(1, log.Handled["orphaned"]);
    }

    [Fact]
    public async Task Host_whose_lease_was_taken_over_cannot_record_an_outcome()
    {
        var slow = store.HostWithTestHandlers("slow-host", log);
        var other = store.HostWithTestHandlers("other-host", log);
        await EnqueueAsync(slow, CountingHandler.Kind, "contested");
        var stale = (await ClaimAsync(slow, "slow-host/1")).Single();
        store.Clock.Advance(Lease);
        Assert.Equal(1, await other.DrainAsync());

        await OutboxStore.WithDbAsync(slow, async db =>
        {
            db.AttachClaimed(stale).Complete(OutboxStatus.Failed, store.Clock.GetUtcNow(), "late");
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
            return 0;
        });
        Assert.False(await OutboxStore.WithDbAsync(slow, db => db.RetryLaterAsync(stale, store.Clock.GetUtcNow(), "late", default)));
        Assert.Equal(OutboxStatus.Done, (await MessageAsync(other, "contested")).Status);
    }

    /// <summary>A claim without any handling after it: what a host that dies right after claiming leaves behind.</summary>
    private Task<List<OutboxMessage>> ClaimAsync(IServiceProvider host, string owner) =>
        OutboxStore.WithDbAsync(host, db => db.ClaimAsync(owner, store.Clock.GetUtcNow(), store.Clock.GetUtcNow(), Lease, 10, default));
}
