using Microsoft.Extensions.Time.Testing;

namespace ChatBilling.Tests.Infrastructure;

public static class MovingClock
{
    /// <summary>
    /// Moves the fake clock on in half-second steps until <paramref name="work"/> ends, for HTTP retries that wait on it
    /// (the short real yield only lets the work run between steps; no test waits on real time).
    /// </summary>
    public static async Task MovingWhileAsync(this FakeTimeProvider clock, Task work)
    {
        while (!work.IsCompleted)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.WhenAny(work, Task.Delay(20));
        }
        await work;
    }
}
