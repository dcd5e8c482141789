using ChatBilling.Core.Metrics;

namespace ChatBilling.Host.Metrics;

/// <summary>The <c>Metrics</c> settings section: what the Prometheus gauges cover and how fresh they are.</summary>
public sealed record MetricsSettings
{
    /// <summary>The window of the gauges, in days; <c>GET /api/metrics</c> takes <c>?days=</c> instead.</summary>
    public int WindowDays { get; init; } = 30;

    /// <summary>Scrapes within this many seconds of the last computation reuse it (several Prometheus replicas, or a tight interval).</summary>
    public int RefreshSeconds { get; init; } = 30;

    public int Days => Math.Clamp(WindowDays, 1, MetricsService.MaxDays);
}
