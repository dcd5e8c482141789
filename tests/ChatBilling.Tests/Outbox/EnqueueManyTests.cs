using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Outbox;

public sealed class EnqueueManyTests : IAsyncLifetime
{
    private readonly OutboxStore store = new();

    public Task InitializeAsync() => store.InitializeAsync();

    public Task DisposeAsync() => store.DisposeAsync();

    [Fact]
    public async Task A_burst_stores_each_new_key_once_and_reports_keys_seen_before()
    {
        var host = store.Host("host-a");
        await EnqueueAsync(host, "test.count", "stored-earlier");

        var added = await OutboxStore.InScopeAsync(host, async sp =>
        {
            var outbox = sp.GetRequiredService<OutboxWriter>();
            var result = await outbox.EnqueueManyAsync(
            [
                new("test.count", "new-1", new { n = 1 }),
                new("test.count", "stored-earlier", new { n = 2 }),
                new("test.count", "new-2", new { n = 3 }),
                new("test.count", "new-1", new { n = 4 }),
            ]);
            await outbox.SaveChangesAsync();
            return result;
        });

        Assert.Equal([true, false, true, false], added);
        var messages = await MessagesAsync(host);
        Assert.Equal(["new-1", "new-2", "stored-earlier"], messages.Select(m => m.IdempotencyKey));
        Assert.Equal("""{"n":1}""", messages[0].Payload);
        Assert.All(messages, m => Assert.Equal(OutboxStatus.Pending, m.Status));
    }
}
