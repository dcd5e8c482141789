using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Metrics;

public static class MetricsRegistration
{
    /// <summary>Send lag, on-schedule share, approval time and DSO, computed from the audit trail.</summary>
    public static IServiceCollection AddBillingMetrics(this IServiceCollection services) => services.AddScoped<MetricsService>();
}
