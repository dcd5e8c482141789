using ChatBilling.Core.Metrics;
using ChatBilling.Host.WebConsole;
using ChatBilling.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using OpenTelemetry.Metrics;

namespace ChatBilling.Host.Metrics;

/// <summary>
/// The numbers that matter: <c>GET /api/metrics?days=90</c> as JSON (also for the console dashboard) and
/// <c>GET /metrics</c> in Prometheus text format through OpenTelemetry's exporter.
/// </summary>
public static class MetricsApi
{
    public const string ScrapePath = "/metrics";

    public static IHostApplicationBuilder AddMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MetricsSettings>(builder.Configuration.GetSection("Metrics"));
        builder.Services.AddSingleton<BillingGauges>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(BillingGauges.MeterName)
            // The gauges are refreshed per scrape already; a response cache would only serve stale numbers.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/metrics", GetAsync).RequireAuthorization(ApiKeys.Policy).RequireScope(ApiScopes.Metrics).WithTags("Metrics");
        app.MapGet("/console/api/metrics", GetAsync).RequireAuthorization(ConsoleFeature.Policy).ExcludeFromDescription();
        // Prometheus authenticates like any API caller (a bearer key, or loopback when no keys are configured).
        app.MapPrometheusScrapingEndpoint(ScrapePath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (http, next) =>
        {
            await http.RequestServices.GetRequiredService<BillingGauges>().RefreshAsync(http.RequestServices, http.RequestAborted);
            await next(http);
        }), optionsName: null).RequireAuthorization(ApiKeys.Policy).RequireScope(ApiScopes.Metrics);
        return app;
    }

    /// <summary>The metrics over the last <paramref name="days"/> days (90 by default), with a weekly trend.</summary>
    private static async Task<Ok<BillingMetrics>> GetAsync(MetricsService metrics, CancellationToken ct, int days = 90) =>
        TypedResults.Ok(await metrics.ComputeAsync(days, ct));
}
