using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChatBilling.Bench.Latency;

/// <summary>
/// Times every outgoing HTTP call of the host by what it calls (a Slack Web API method, the file upload URL, the SMTP-free
/// rest), as the host's HttpClient sees it: send to response headers, so the fake Slack's own work and the loopback are in it.
/// </summary>
internal sealed class CallProbe
{
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> totals = new();

    public void Reset() => totals.Clear();

    public DelegatingHandler Handler() => new Timing(this);

    public void Print(int cards)
    {
        var all = totals.Values.Sum(t => t.Ms);
        Console.WriteLine($"  outgoing HTTP: {all:F0} ms summed over the workers ({all / cards:F1} ms and " +
                          $"{totals.Values.Sum(t => t.Count) / (double)cards:F1} calls per card); by call:");
        foreach (var (label, (count, ms)) in totals.OrderByDescending(t => t.Value.Ms))
            Console.WriteLine($"    {label,-34} {count,6} × {ms / count,6:F2} ms = {ms,7:F0} ms");
    }

    private void Add(string label, double ms) => totals.AddOrUpdate(label, (1, ms), (_, t) => (t.Count + 1, t.Ms + ms));

    private sealed class Timing(CallProbe probe) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, ct);
            var path = request.RequestUri?.AbsolutePath ?? "";
            probe.Add(path.StartsWith("/upload/", StringComparison.Ordinal) ? "upload (bytes)" : path.TrimStart('/'),
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
    }
}
