using ChatBilling.Core.Approvals;
using ChatBilling.Core.Clients;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBilling.Core;

public static class CoreRegistration
{
    /// <summary>The billing domain: store, clock, settings and services. Chat channels and HTTP are added by the host.</summary>
    public static IServiceCollection AddChatBillingCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddChatBillingStore(configuration);
        services.Configure<ApprovalSettings>(configuration.GetSection("Approvals"));
        services.AddScoped<ClientService>();
        services.AddScoped<InvoiceService>();
        services.AddDelivery(configuration);
        return services;
    }
}
