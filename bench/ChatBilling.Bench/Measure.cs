using System.Diagnostics;

namespace ChatBilling.Bench;

/// <summary>Median timing over repeated runs after a warm-up, the only statistic the reports quote.</summary>
public static class Measure
{
    public static async Task<TimeSpan> MedianAsync(Func<Task> action, int iterations, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++) await action();
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        return TimeSpan.FromMilliseconds(samples[iterations / 2]);
    }

    public static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0.000} ms";

    public static void PrintEnvironment() =>
        Console.WriteLine($"# {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, " +
                          $"{(Debugger.IsAttached ? "debugger" : "no debugger")}, {(IsRelease() ? "Release" : "DEBUG build: figures are not representative")}");

    private static bool IsRelease()
    {
#if DEBUG
        return false;
#else
        return true;
#endif
    }
}
