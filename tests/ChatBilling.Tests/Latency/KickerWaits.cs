using ChatBilling.Core.Outbox;

namespace ChatBilling.Tests.Latency;

/// <summary>Waits for a host's own (kicked) drains to get somewhere, checking after each drain instead of sleeping.</summary>
public static class KickerWaits
{
    /// <summary>Returns once <paramref name="condition"/> holds; re-checks after every kicked drain; fails after 30 s of real time.</summary>
    public static async Task UntilAsync(this OutboxKicker kicker, Func<Task<bool>> condition, string what)
    {
        using var drained = new SemaphoreSlim(0);
        void OnDrained(string lane) => drained.Release();
        kicker.Drained += OnDrained;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!await condition())
            {
                try
                {
                    await drained.WaitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"Waited 30 s for: {what}");
                }
            }
        }
        finally
        {
            kicker.Drained -= OnDrained;
        }
    }
}
