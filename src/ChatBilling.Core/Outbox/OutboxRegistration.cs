using ChatBilling.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Outbox;

public static class OutboxRegistration
{
    /// <summary>The outbox writer, the dispatcher and the job that drains it, configured from the <c>Outbox</c> section.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OutboxSettings>(configuration.GetSection("Outbox"));
        services.AddScoped<OutboxWriter>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddBillingJob<SendsJob>(SendsJob.Name, JobSchedule.EveryMinute);
        return services;
    }

    /// <summary>Registers the handler for messages of <paramref name="kind"/>; one handler per kind.</summary>
    public static IServiceCollection AddOutboxHandler<THandler>(this IServiceCollection services, string kind)
        where THandler : class, IOutboxHandler
    {
        if (services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IOutboxHandler) && Equals(d.ServiceKey, kind)))
            throw new InvalidOperationException($"An outbox handler for kind '{kind}' is already registered.");
        services.AddKeyedScoped<IOutboxHandler, THandler>(kind);
        return services;
    }
}
