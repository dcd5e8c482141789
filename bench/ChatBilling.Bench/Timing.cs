using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ChatBilling.Bench;

/// <summary>Median wall time, CPU time and managed allocation of one operation, after warm-up.</summary>
/// <remarks>CPU time is null when the work happens outside the calling thread, e.g. in a child process.</remarks>
internal sealed record Measurement(string Name, TimeSpan Median, TimeSpan? CpuMedian, long AllocatedBytes, int OutputBytes, int Iterations)
{
    public override string ToString() =>
        $"{Name,-24} median {Median.TotalMilliseconds,9:F3} ms   thread CPU {Cpu,12}   " +
        $"output {OutputBytes,8:N0} B   allocated {AllocatedBytes,10:N0} B/op   n={Iterations}";

    private string Cpu => CpuMedian is { } cpu ? $"{cpu.TotalMilliseconds:F3} ms" : "n/a";
}

/// <summary>
/// A deliberately plain harness (no BenchmarkDotNet): warm up so tiered JIT and native caches settle,
/// then time each call on its own and report the median, which one slow outlier cannot move.
/// Thread CPU time is reported beside wall time because a shared build machine inflates wall time.
/// </summary>
internal static class Timing
{
    public static Measurement Measure(string name, Func<byte[]> operation, int warmup, int iterations, bool worksOnThisThread = true)
    {
        for (var i = 0; i < warmup; i++)
        {
            operation();
        }

        var wall = new long[iterations];
        var cpu = new long[iterations];
        var allocated = new long[iterations];
        var size = 0;
        for (var i = 0; i < iterations; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpuStart = ThreadCpuTicks();
            var start = Stopwatch.GetTimestamp();
            size = operation().Length;
            wall[i] = Stopwatch.GetTimestamp() - start;
            cpu[i] = ThreadCpuTicks() - cpuStart;
            allocated[i] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return new Measurement(
            name,
            Stopwatch.GetElapsedTime(0, Median(wall)),
            worksOnThisThread ? TimeSpan.FromTicks(Median(cpu)) : null,
            Median(allocated),
            size,
            iterations);
    }

    private static long Median(long[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    // CPU time of the calling thread in TimeSpan ticks (Linux clock_gettime); the renderer does all its work on it.
    internal static long ThreadCpuTicks()
    {
        const int ClockThreadCpuTimeId = 3;
        return ClockGetTime(ClockThreadCpuTimeId, out var now) == 0
            ? now.Seconds * TimeSpan.TicksPerSecond + now.Nanoseconds / 100
            : throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clockId, out TimeSpec time);

    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
