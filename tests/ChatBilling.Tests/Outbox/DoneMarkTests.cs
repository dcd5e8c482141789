using ChatBilling.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Outbox;

/// <summary>
/// The Done marks of effects outside the store (card updates, replies) are written in one statement per lease, and that
/// statement still checks each message's lease: one another host re-claimed meanwhile is left to it, and named.
/// </summary>
public sealed class DoneMarkTests : IAsyncLifetime
{
    private readonly OutboxStore store = new();
    private readonly HandlerLog log = new();

    public Task InitializeAsync() => store.InitializeAsync();

    public Task DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task Done_marks_of_one_claim_are_written_together_and_a_message_re_claimed_meanwhile_is_left_to_its_new_owner()
    {
        var host = store.HostWithTestHandlers("host-a", log);
        await EnqueueAsync(host, CountingHandler.Kind, "a", "b", "c");
        var claimed = await OutboxStore.WithDbAsync(host, db =>
            db.ClaimAsync("host-a/1", store.Clock.GetUtcNow(), store.Clock.GetUtcNow(), TimeSpan.FromMinutes(5), 10, CancellationToken.None));
        Assert.Equal(3, claimed.Count);
        // Another host took "b" over (its lease ran out while this one worked on it, say).
        await OutboxStore.WithDbAsync(host, db => db.OutboxMessages.Where(m => m.IdempotencyKey == "b")
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseOwner, "host-b/1")));

        var lost = await OutboxStore.WithDbAsync(host, db => db.CompleteAllAsync(claimed, store.Clock.GetUtcNow(), CancellationToken.None));

        Assert.Equal("b", Assert.Single(lost).IdempotencyKey);
        var messages = await MessagesAsync(host);
        Assert.Equal([OutboxStatus.Done, OutboxStatus.Pending, OutboxStatus.Done], messages.Select(m => m.Status));
        Assert.All(messages.Where(m => m.Status == OutboxStatus.Done), m => Assert.Null(m.LeaseOwner));
        Assert.Equal("host-b/1", messages.Single(m => m.IdempotencyKey == "b").LeaseOwner);
    }
}
