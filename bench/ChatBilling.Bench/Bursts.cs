using System.Diagnostics;

namespace ChatBilling.Bench;

/// <summary>Concurrent bursts of HTTP requests for the chat endpoints' latency benchmarks.</summary>
internal static class Bursts
{
    /// <summary>
    /// Releases every request at once and returns each one's latency in milliseconds, send to full response body.
    /// <paramref name="check"/> throws when an answer is not the expected one, so a benchmark never times failures.
    /// </summary>
    public static async Task<double[]> SendAtOnceAsync(HttpClient http, IReadOnlyList<HttpRequestMessage> requests,
        Action<HttpResponseMessage, string> check)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = requests.Select(async request =>
        {
            await start.Task;
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            check(response, body);
            return elapsed;
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(sends);
    }

    /// <summary>The nearest-rank percentile (p99 of 200 values is the 198th smallest).</summary>
    public static double Percentile(IReadOnlyCollection<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// What a burst cost the benchmark's process (host and client share it): CPU time per request, and the garbage collections
/// with their pauses. On a machine others are loading, latency says little; CPU per request still compares two builds.
/// </summary>
internal sealed record BurstCost(TimeSpan Cpu, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
{
    public static BurstCost Now() => new(Process.GetCurrentProcess().TotalProcessorTime, GC.CollectionCount(0), GC.CollectionCount(1),
        GC.CollectionCount(2), GC.GetTotalPauseDuration());

    public string Since(int requests)
    {
        var now = Now();
        return $"CPU {(now.Cpu - Cpu).TotalMilliseconds / requests:F2} ms/request   GCs {now.Gen0 - Gen0}/{now.Gen1 - Gen1}/{now.Gen2 - Gen2} " +
            $"paused {(now.Paused - Paused).TotalMilliseconds:F0} ms";
    }
}
