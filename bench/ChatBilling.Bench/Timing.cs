using System.Diagnostics;

namespace ChatBilling.Bench;

/// <summary>Median wall time and managed allocation of one operation, after warm-up.</summary>
internal sealed record Measurement(string Name, TimeSpan Median, long AllocatedBytes, int OutputBytes, int Iterations)
{
    public override string ToString() =>
        $"{Name,-26} median {Median.TotalMilliseconds,9:F3} ms   output {OutputBytes,9:N0} B   allocated {AllocatedBytes,11:N0} B/op   (n={Iterations})";
}

/// <summary>
/// A deliberately plain harness (no BenchmarkDotNet): warm up so tiered JIT and native caches settle,
/// then time each call on its own and report the median, which one slow outlier cannot move.
/// </summary>
internal static class Timing
{
    public static Measurement Measure(string name, Func<byte[]> operation, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
        {
            operation();
        }

        var times = new long[iterations];
        var allocated = new long[iterations];
        var size = 0;
        for (var i = 0; i < iterations; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            size = operation().Length;
            times[i] = Stopwatch.GetTimestamp() - start;
            allocated[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return new Measurement(name, Stopwatch.GetElapsedTime(0, Median(times)), Median(allocated), size, iterations);
    }

    public static long Median(long[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
