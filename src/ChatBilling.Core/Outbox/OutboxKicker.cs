using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChatBilling.Core.Outbox;

/// <summary>
/// Drains a lane as soon as it is woken (a local commit, another host's NOTIFY, start-up) instead of on the next
/// minute tick, one loop per lane so the lanes never wait on each other. After each drain it also sets a wake-up for
/// the lane's next retry that falls due before the minute poll would come (a Slack <c>Retry-After</c> of a few
/// seconds is honoured in seconds). Leases stay the only guard against double work, exactly as with the poll.
/// </summary>
public sealed class OutboxKicker(OutboxDispatcher dispatcher, OutboxSignal signal, OutboxLanes lanes, IServiceScopeFactory scopes,
    TimeProvider time, ILogger<OutboxKicker> log) : BackgroundService
{
    /// <summary>Retries due further out than this are left to the minute poll.</summary>
    private static readonly TimeSpan WakeHorizon = TimeSpan.FromMinutes(1);

    private long attempts;

    /// <summary>Attempts this host's kicked drains have made; for tests and diagnostics.</summary>
    public long Attempts => Interlocked.Read(ref attempts);

    /// <summary>Raised after every kicked drain of a lane; tests wait on it instead of sleeping.</summary>
    public event Action<string>? Drained;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Whatever was committed while this host was down is due now.
        signal.Wake(OutboxLane.All);
        return Task.WhenAll(OutboxLane.All.Select(lane => Task.Run(() => RunLaneAsync(lane, stoppingToken), stoppingToken)));
    }

    private async Task RunLaneAsync(string lane, CancellationToken ct)
    {
        using var wakeTimer = time.CreateTimer(_ => signal.Wake([lane]), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        try
        {
            await foreach (var _ in signal.WakeupsOf(lane).ReadAllAsync(ct))
            {
                try
                {
                    Interlocked.Add(ref attempts, await dispatcher.DrainAsync(lane, ct));
                    if (await NextDueAsync(lane, ct) is { } due) wakeTimer.Change(Max(due - time.GetUtcNow(), TimeSpan.Zero), Timeout.InfiniteTimeSpan);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    log.LogError(e, "Draining the {Lane} lane after a wake-up failed; the minute poll will pick its messages up.", lane);
                }
                Drained?.Invoke(lane);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    /// <summary>When the lane's earliest pending message falls due, if that is before the minute poll.</summary>
    private async Task<DateTimeOffset?> NextDueAsync(string lane, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ChatBillingDb>();
        var horizon = time.GetUtcNow() + WakeHorizon;
        var soon = await db.Claimable(horizon, horizon, OutboxLeases.LaneFilter.For(lane, lanes))
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
        return soon;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
