using System.Collections.Concurrent;
using System.Diagnostics;
using ChatBilling.Core.Outbox;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Bench.Decisions;

/// <summary>
/// Times every outbox handler by kind (its <c>HandleAsync</c>, and a batched handler's <c>PrepareAsync</c>), by wrapping
/// the keyed registrations, so a profile can say how much of a decision is its card update, its reply or the decision
/// itself. Wall time summed over the workers: it includes the handler's database statements and HTTP calls.
/// </summary>
internal sealed class HandlerProbe
{
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> totals = new();
    private static readonly AsyncLocal<string?> Running = new();

    /// <summary>The kind of the handler the calling code runs in, if any: <see cref="DbProbe"/> files statements under it.</summary>
    public static string? Current => Running.Value;

    public void Reset() => totals.Clear();

    /// <summary>Replaces each keyed <see cref="IOutboxHandler"/> registration with a timing wrapper around the same type.</summary>
    public void Wrap(IServiceCollection services)
    {
        var handlers = services.Where(d => d.IsKeyedService && d.ServiceType == typeof(IOutboxHandler) && d.KeyedImplementationType is not null).ToList();
        foreach (var descriptor in handlers)
        {
            var kind = (string)descriptor.ServiceKey!;
            var type = descriptor.KeyedImplementationType!;
            services.Remove(descriptor);
            services.Add(new ServiceDescriptor(typeof(IOutboxHandler), kind, (sp, _) =>
            {
                var inner = (IOutboxHandler)ActivatorUtilities.CreateInstance(sp, type);
                return inner switch
                {
                    IOutboxBatchedHandler batched => new TimedBatched(this, kind, batched),
                    IOutboxPrefetchingHandler prefetching => new TimedPrefetching(this, kind, prefetching),
                    _ => new Timed(this, kind, inner),
                };
            }, descriptor.Lifetime));
        }
    }

    public void Print(int decisions)
    {
        Console.WriteLine("  handlers (wall time summed over the workers, including their statements and HTTP calls):");
        foreach (var (label, (count, ms)) in totals.OrderByDescending(t => t.Value.Ms))
            Console.WriteLine($"    {label,-44} {count,6} × {ms / count,6:F2} ms = {ms,7:F0} ms ({ms / decisions:F2} ms per decision)");
    }

    private async Task TimeAsync(string label, Func<Task> work)
    {
        var started = Stopwatch.GetTimestamp();
        Running.Value = label;
        try
        {
            await work();
        }
        finally
        {
            Running.Value = null;
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            totals.AddOrUpdate(label, (1, ms), (_, t) => (t.Count + 1, t.Ms + ms));
        }
    }

    private class Timed(HandlerProbe probe, string kind, IOutboxHandler inner) : IOutboxHandler
    {
        protected HandlerProbe Probe => probe;
        protected string Kind => kind;

        public Task HandleAsync(OutboxMessage message, CancellationToken ct) => probe.TimeAsync(kind, () => inner.HandleAsync(message, ct));

        public Task OnGaveUpAsync(OutboxMessage message, string reason, CancellationToken ct) => inner.OnGaveUpAsync(message, reason, ct);
    }

    private sealed class TimedBatched(HandlerProbe probe, string kind, IOutboxBatchedHandler batched) : Timed(probe, kind, batched), IOutboxBatchedHandler
    {
        public Task PrepareAsync(OutboxMessage message, CancellationToken ct) =>
            Probe.TimeAsync($"{Kind} (prepare)", () => batched.PrepareAsync(message, ct));
    }

    private sealed class TimedPrefetching(HandlerProbe probe, string kind, IOutboxPrefetchingHandler prefetching)
        : Timed(probe, kind, prefetching), IOutboxPrefetchingHandler
    {
        public async Task<IReadOnlyDictionary<Guid, object>> PrefetchAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken ct)
        {
            IReadOnlyDictionary<Guid, object> read = new Dictionary<Guid, object>();
            await Probe.TimeAsync($"{Kind} (prefetch)", async () => read = await prefetching.PrefetchAsync(messages, ct));
            return read;
        }
    }
}
