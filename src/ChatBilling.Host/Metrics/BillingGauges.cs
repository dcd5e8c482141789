using System.Diagnostics.Metrics;
using ChatBilling.Core.Metrics;
using Microsoft.Extensions.Options;

namespace ChatBilling.Host.Metrics;

/// <summary>
/// The numbers that matter as OpenTelemetry gauges on the "ChatBilling" meter. Observable instruments are read
/// synchronously at collection time, so they report the last computed <see cref="BillingMetrics"/>, which
/// <see cref="RefreshAsync"/> brings up to date before each scrape (at most once per <see cref="MetricsSettings.RefreshSeconds"/>).
/// </summary>
public sealed class BillingGauges : IDisposable
{
    public const string MeterName = "ChatBilling";

    private readonly Meter meter;
    private readonly TimeProvider time;
    private readonly IOptionsMonitor<MetricsSettings> settings;
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private BillingMetrics? latest;
    private DateTimeOffset refreshedAt = DateTimeOffset.MinValue;

    public BillingGauges(IMeterFactory meters, TimeProvider time, IOptionsMonitor<MetricsSettings> settings)
    {
        this.time = time;
        this.settings = settings;
        meter = meters.Create(MeterName);
        meter.CreateObservableGauge("chatbilling.send_lag", () => Quantiles(latest?.SendLag.MedianDays, latest?.SendLag.P90Days), "d",
            "Days from work completed to the invoice emailed, over invoices sent in the window.");
        meter.CreateObservableGauge("chatbilling.sent_on_schedule.ratio", () => One(latest?.OnSchedule.Share), "1",
            "Share of invoices sent in the window that went out no later than their scheduled day.");
        meter.CreateObservableGauge("chatbilling.approval_time", () => Quantiles(latest?.ApprovalTime.MedianHours, latest?.ApprovalTime.P90Hours), "h",
            "Hours from submission to final approval, over approvals decided in the window.");
        meter.CreateObservableGauge("chatbilling.dso", () => PerCurrency(d => d.Days), "d",
            "Days sales outstanding: receivables now / credit sales in the window x the window's days.");
        meter.CreateObservableGauge("chatbilling.receivables", () => PerCurrency(d => (double)d.Receivables), null,
            "Money sent out and not yet received, in the currency's units.");
        meter.CreateObservableGauge("chatbilling.invoices_sent", () => One(latest?.OnSchedule.Count), "{invoice}",
            "Invoices first emailed in the window.");
    }

    public async Task RefreshAsync(IServiceProvider services, CancellationToken ct)
    {
        var current = settings.CurrentValue;
        var maxAge = TimeSpan.FromSeconds(current.RefreshSeconds);
        await refreshing.WaitAsync(ct);
        try
        {
            // Scrapes from several Prometheus replicas within the same moment share one computation.
            if (latest is not null && time.GetUtcNow() - refreshedAt < maxAge) return;
            latest = await services.GetRequiredService<MetricsService>().ComputeAsync(current.Days, ct);
            refreshedAt = time.GetUtcNow();
        }
        finally
        {
            refreshing.Release();
        }
    }

    private static IEnumerable<Measurement<double>> One(double? value) =>
        value is { } v ? [new Measurement<double>(v)] : [];

    private IEnumerable<Measurement<double>> Quantiles(double? median, double? p90)
    {
        if (median is { } m) yield return new(m, Tag("quantile", "0.5"));
        if (p90 is { } p) yield return new(p, Tag("quantile", "0.9"));
    }

    private IEnumerable<Measurement<double>> PerCurrency(Func<CurrencyDso, double?> value)
    {
        foreach (var dso in latest?.Dso ?? [])
            if (value(dso) is { } v) yield return new(v, Tag("currency", dso.Currency));
    }

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    public void Dispose()
    {
        meter.Dispose();
        refreshing.Dispose();
    }
}
