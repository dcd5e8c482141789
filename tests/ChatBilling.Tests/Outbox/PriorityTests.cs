using System.Collections.Concurrent;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Outbox;

/// <summary>
/// A lane's workers take the visible answer to a click first, then the click's own work, then everything else; and a
/// follow-up committed during a drain is taken in that drain instead of waiting for the next one.
/// </summary>
public sealed class PriorityTests : IAsyncLifetime
{
    private readonly OutboxStore store = new();
    private readonly Order order = new();

    public Task InitializeAsync() => store.InitializeAsync();

    public Task DisposeAsync() => store.DisposeAsync();

    // One worker taking one message at a time, so the order handled is the order claimed.
    private ServiceProvider Host() => store.Host("host-a", services => services
            .AddSingleton(order)
            .AddSingleton<FakeTimeProvider>(store.Clock)
            .AddOutboxHandler<RecordingHandler>(NewCardKind)
            .AddOutboxHandler<RecordingHandler>(FollowUpKind, priority: OutboxPriority.Later)
            .AddOutboxHandler<RecordingHandler>(UpdateKind, priority: OutboxPriority.Feedback)
            .AddOutboxHandler<DecisionHandler>(DecisionKind, priority: OutboxPriority.Interactive),
        new Dictionary<string, string?> { ["Outbox:ChatParallelism"] = "1", ["Outbox:BatchSize"] = "1" });

    private const string NewCardKind = "test.card.post";
    private const string UpdateKind = "test.card.update";
    private const string DecisionKind = "test.decision";
    private const string FollowUpKind = "test.card.follow-up";

    [Fact]
    public async Task A_clicks_decision_and_its_card_update_go_before_card_posts_queued_earlier()
    {
        var host = Host();
        await EnqueueAsync(host, NewCardKind, "post-1", "post-2", "post-3");
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync(host, DecisionKind, "decide-1");

        // The decision (Interactive) first; the update it commits (Feedback) before any of the posts, in the same drain
        // although it was created after the drain began.
        Assert.Equal(5, await host.DrainAsync());
        Assert.Equal(["decide-1", "update:decide-1"], order.Handled.Take(2));
        // The posts follow; their order among themselves is the next test's subject (a commit's kick may start a
        // second drain that takes one of them alongside this one).
        Assert.Equal(["post-1", "post-2", "post-3"], order.Handled.Skip(2).Order());
    }

    [Fact]
    public async Task Within_a_priority_the_oldest_due_goes_first()
    {
        var host = Host();
        await EnqueueAsync(host, UpdateKind, "update-a");
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync(host, NewCardKind, "post-1");
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync(host, UpdateKind, "update-b");

        Assert.Equal(3, await host.DrainAsync());
        Assert.Equal(["update-a", "update-b", "post-1"], order.Handled);
    }

    [Fact]
    public async Task A_posted_cards_follow_up_waits_behind_new_cards_queued_after_it()
    {
        var host = Host();
        await EnqueueAsync(host, FollowUpKind, "pdf-of-1");
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync(host, NewCardKind, "post-2", "post-3");

        // The PDF in the first card's thread goes after the cards still waiting to be seen. The two cards fall due at
        // the same instant, so their order between themselves is the claim's tiebreak (a random id), not asserted.
        Assert.Equal(3, await host.DrainAsync());
        Assert.Equal(["post-2", "post-3"], order.Handled.Take(2).Order());
        Assert.Equal("pdf-of-1", order.Handled[2]);
    }

    [Fact]
    public async Task A_retry_that_falls_due_during_a_drain_waits_for_the_next_drain()
    {
        var host = Host();
        await EnqueueAsync(host, DecisionKind, "fail-once");
        store.Clock.Advance(TimeSpan.FromSeconds(1));
        await EnqueueAsync(host, DecisionKind, "decide-2");

        // The first decision fails (its retry is due within a minute); the second one works for two minutes, so the
        // retry falls due while the drain is still going. The drain takes the fresh update, not the retry, and ends.
        order.FailNext = true;
        Assert.Equal(3, await host.DrainAsync());
        Assert.Equal(["decide-2", "update:decide-2"], order.Handled);

        Assert.Equal(2, await host.DrainAsync());
        Assert.Equal(["decide-2", "update:decide-2", "fail-once", "update:fail-once"], order.Handled);
    }

    public sealed class Order
    {
        private readonly ConcurrentQueue<string> handled = new();

        public bool FailNext { get; set; }

        public string[] Handled => [.. handled];

        public void Add(string key) => handled.Enqueue(key);
    }

    private sealed class RecordingHandler(Order order) : IOutboxHandler
    {
        public Task HandleAsync(OutboxMessage message, CancellationToken ct)
        {
            order.Add(message.IdempotencyKey);
            return Task.CompletedTask;
        }
    }

    /// <summary>Like a click's decision: records itself and queues the card update, committed with its outcome.</summary>
    private sealed class DecisionHandler(Order order, OutboxWriter outbox, FakeTimeProvider clock) : IOutboxHandler
    {
        public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
        {
            if (order.FailNext)
            {
                order.FailNext = false;
                throw new InvalidOperationException("The store was busy.");
            }
            // Time passes while it works, so what it queues is due after the drain began.
            clock.Advance(TimeSpan.FromMinutes(2)); // within its 5-minute lease
            order.Add(message.IdempotencyKey);
            await outbox.EnqueueAsync(UpdateKind, $"update:{message.IdempotencyKey}", new { message.IdempotencyKey }, ct: ct);
        }
    }
}
