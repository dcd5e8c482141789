using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;
using static ChatBilling.Tests.Outbox.OutboxTestHosts;

namespace ChatBilling.Tests.Outbox;

/// <summary>Handlers can say "retrying cannot help" and "come back after this long"; the dispatcher listens.</summary>
public sealed class AttemptOutcomeTests : IAsyncLifetime
{
    private readonly OutboxStore store = new();
    private readonly HandlerLog log = new();

    public Task InitializeAsync() => store.InitializeAsync();

    public Task DisposeAsync() => store.DisposeAsync();

    private ServiceProvider Host() => store.Host("host-a", services => services
        .AddSingleton(log)
        .AddOutboxHandler<RefusingHandler>(RefusingHandler.Kind)
        .AddOutboxHandler<ThrottledHandler>(ThrottledHandler.Kind)
        .AddOutboxHandler<FlakyAfterThrottleHandler>(FlakyAfterThrottleHandler.Kind));

    [Fact]
    public async Task A_give_up_exception_fails_the_message_at_once_with_its_reason_and_runs_the_hook()
    {
        var host = Host();
        await EnqueueAsync(host, RefusingHandler.Kind, "refused");

        Assert.Equal(1, await host.DrainAsync());

        var message = await MessageAsync(host, "refused");
        Assert.Equal((OutboxStatus.Failed, 1), (message.Status, message.Attempts));
        Assert.Equal("Gave up on attempt 1 without retrying: OutboxGiveUpException: channel_not_found", message.LastError);
        Assert.Equal(message.LastError, log.GaveUp["refused"]);
        store.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await host.DrainAsync());
    }

    [Fact]
    public async Task A_retry_after_exception_schedules_the_next_attempt_after_exactly_that_wait()
    {
        var host = Host();
        await EnqueueAsync(host, ThrottledHandler.Kind, "throttled");

        Assert.Equal(1, await host.DrainAsync());

        var message = await MessageAsync(host, "throttled");
        Assert.Equal((OutboxStatus.Pending, 0), (message.Status, message.Attempts));
        Assert.Equal(store.Clock.GetUtcNow() + TimeSpan.FromSeconds(42), message.NextAttemptAt);
        Assert.Contains("slow down", message.LastError);
    }

    [Fact]
    public async Task Waiting_out_retry_after_never_uses_up_attempts_so_a_paced_message_is_not_failed()
    {
        var host = Host();
        await EnqueueAsync(host, ThrottledHandler.Kind, "paced");

        // Outbox:MaxAttempts is 4 here; the receiver asks to wait three times as often as that.
        for (var wait = 0; wait < 12; wait++)
        {
            Assert.Equal(1, await host.DrainAsync());
            store.Clock.Advance(TimeSpan.FromSeconds(42));
        }

        var message = await MessageAsync(host, "paced");
        Assert.Equal((OutboxStatus.Pending, 0), (message.Status, message.Attempts));
        Assert.False(log.GaveUp.ContainsKey("paced"));
    }

    [Fact]
    public async Task A_real_failure_after_retry_after_waits_still_counts_from_one()
    {
        var host = Host();
        await EnqueueAsync(host, FlakyAfterThrottleHandler.Kind, "flaky");

        Assert.Equal(1, await host.DrainAsync()); // Retry-After: no attempt used
        store.Clock.Advance(TimeSpan.FromSeconds(42));
        Assert.Equal(1, await host.DrainAsync()); // a failure: attempt 1 of 4

        var message = await MessageAsync(host, "flaky");
        Assert.Equal((OutboxStatus.Pending, 1), (message.Status, message.Attempts));
        Assert.Contains("The receiver is down.", message.LastError);
    }

    private sealed class RefusingHandler(HandlerLog log) : IOutboxHandler
    {
        public const string Kind = "test.refuse";

        public Task HandleAsync(OutboxMessage message, CancellationToken ct) => throw new OutboxGiveUpException("channel_not_found");

        public Task OnGaveUpAsync(OutboxMessage message, string reason, CancellationToken ct)
        {
            log.GaveUp[message.IdempotencyKey] = reason;
            return Task.CompletedTask;
        }
    }

    private sealed class ThrottledHandler : IOutboxHandler
    {
        public const string Kind = "test.throttled";

        public Task HandleAsync(OutboxMessage message, CancellationToken ct) =>
            throw new OutboxRetryAfterException(TimeSpan.FromSeconds(42), "slow down");
    }

    /// <summary>Asks to wait on its first attempt, then fails like a receiver that is down.</summary>
    private sealed class FlakyAfterThrottleHandler : IOutboxHandler
    {
        public const string Kind = "test.flaky-after-throttle";

        public Task HandleAsync(OutboxMessage message, CancellationToken ct) => message.LastError is null
            ? throw new OutboxRetryAfterException(TimeSpan.FromSeconds(42), "slow down")
            : throw new InvalidOperationException("The receiver is down.");
    }
}
