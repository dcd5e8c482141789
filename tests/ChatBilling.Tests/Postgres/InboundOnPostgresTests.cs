using ChatBilling.Core.Outbox;
using ChatBilling.Tests.Infrastructure;
using ChatBilling.Tests.Latency;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Tests.Postgres;

/// <summary>
/// The inbound group commit's raw insert on PostgreSQL: two hosts receiving the same deliveries at once (Slack retrying
/// to another host behind the load balancer) store each once, and exactly one of them reports it as new.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class InboundOnPostgresTests(PostgresServer postgres)
{
    [Fact]
    public async Task Two_hosts_storing_the_same_deliveries_at_once_store_each_once()
    {
        var database = postgres.NewDatabase();
        using var a = BillingApp.OnPostgres(database).With("Outbox:Owner", "pg-inbound-a");
        a.Http();
        using var b = BillingApp.OnPostgres(database).With("Outbox:Owner", "pg-inbound-b");
        b.Http();
        var keys = Enumerable.Range(0, 60).Select(i => $"pg-delivery-{i}").ToList();

        var answers = await Task.WhenAll(InboundOutboxTests.QueueAllAsync(a, keys), InboundOutboxTests.QueueAllAsync(b, keys));

        for (var i = 0; i < keys.Count; i++) Assert.True(answers[0][i] ^ answers[1][i], $"{keys[i]} is new to exactly one host");
        var rows = await a.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "test.inbound").ToListAsync());
        Assert.Equal(keys.Order(), rows.Select(r => r.IdempotencyKey).Order());
        Assert.All(rows, r => Assert.Equal(a.Clock.GetUtcNow(), r.NextAttemptAt));
    }
}
