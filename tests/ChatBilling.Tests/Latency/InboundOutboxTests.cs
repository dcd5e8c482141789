using ChatBilling.Core.Errors;
using ChatBilling.Core.Outbox;
using ChatBilling.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Tests.Latency;

/// <summary>
/// The inbound group commit's raw insert: each key is stored once whether it repeats inside a batch or across batches,
/// the row is the one the tracked outbox writer stores (the dispatcher reads and runs it), the lanes are woken only
/// once the row is committed, and an item that could never be stored fails only its own request.
/// </summary>
public sealed class InboundOutboxTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Stores each key of <paramref name="keys"/> at once, as concurrent requests would, through <paramref name="app"/>.</summary>
    public static Task<bool[]> QueueAllAsync(BillingApp app, IEnumerable<string> keys) =>
        Task.WhenAll(keys.Select(key => app.Services.GetRequiredService<InboundOutbox>()
            .QueueAsync(new OutboxItem("test.inbound", key, new { key }), CancellationToken.None)));

    [Fact]
    public async Task Repeats_in_one_burst_and_in_a_later_one_are_stored_once_and_reported_as_repeats()
    {
        using var app = new BillingApp();
        app.Http();

        var first = await QueueAllAsync(app, ["k-1", "k-2", "k-1", "k-3", "k-1"]);
        var second = await QueueAllAsync(app, ["k-2", "k-4"]);

        Assert.Equal(3, first.Count(added => added));
        Assert.Equal([false, true], second);
        var rows = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "test.inbound")
            .OrderBy(m => m.IdempotencyKey).ToListAsync());
        Assert.Equal(["k-1", "k-2", "k-3", "k-4"], rows.Select(r => r.IdempotencyKey));
        Assert.All(rows, r =>
        {
            // What OutboxWriter would have stored: pending, due now on the host's clock, the payload as web JSON.
            Assert.Equal(OutboxStatus.Pending, r.Status);
            Assert.Equal(0, r.Attempts);
            Assert.Equal(app.Clock.GetUtcNow(), r.NextAttemptAt);
            Assert.Equal(app.Clock.GetUtcNow(), r.CreatedAt);
            Assert.Null(r.LeaseOwner);
            Assert.Equal($$"""{"key":"{{r.IdempotencyKey}}"}""", r.Payload);
        });
    }

    [Fact]
    public async Task The_chat_lane_is_woken_only_after_the_rows_are_committed_and_not_for_repeats()
    {
        using var app = new BillingApp();
        app.Http();
        var signal = app.Services.GetRequiredService<OutboxSignal>();
        var seenAtWake = new List<(string[] Lanes, int Stored)>();
        // Counted from another connection inside the wake-up: a kick before the commit would see fewer rows.
        signal.Committed += lanes =>
        {
            if (!lanes.Contains(OutboxLane.Chat)) return;
            var stored = app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "test.inbound")).GetAwaiter().GetResult();
            lock (seenAtWake) seenAtWake.Add(([.. lanes], stored));
        };

        await QueueAllAsync(app, ["w-1", "w-2"]);
        var wakesAfterFirst = seenAtWake.Count;
        await QueueAllAsync(app, ["w-1"]); // a repeat stores nothing, so it wakes nobody

        Assert.InRange(wakesAfterFirst, 1, 2); // one per batch: the two may share a commit
        Assert.Equal(wakesAfterFirst, seenAtWake.Count);
        Assert.Equal(2, seenAtWake[^1].Stored);
        Assert.All(seenAtWake, w => Assert.Equal([OutboxLane.Chat], w.Lanes));
    }

    [Fact]
    public async Task An_item_that_cannot_be_stored_fails_its_own_request_and_not_the_others_arriving_with_it()
    {
        using var app = new BillingApp();
        app.Http();
        var inbound = app.Services.GetRequiredService<InboundOutbox>();

        var good = QueueAllAsync(app, ["fine-1", "fine-2"]);
        var refused = await Assert.ThrowsAsync<InvalidInputException>(() =>
            inbound.QueueAsync(new OutboxItem("test.inbound", "bad\0key", new { }), CancellationToken.None));

        Assert.Contains("idempotencyKey", refused.Errors.Keys);
        Assert.Equal(new[] { true, true }, await good.WaitAsync(Patience));
        Assert.Equal(2, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "test.inbound")));
    }
}
