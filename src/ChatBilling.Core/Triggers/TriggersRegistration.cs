using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Triggers;

public static class TriggersRegistration
{
    /// <summary>Invoices started by other systems (<c>Triggers:Sources</c>), each source signing with its own secret.</summary>
    public static IServiceCollection AddTriggers(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TriggerSettings>(configuration.GetSection("Triggers"));
        services.AddScoped<TriggerService>();
        return services;
    }
}
