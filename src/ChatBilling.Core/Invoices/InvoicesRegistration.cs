using ChatBilling.Core.Clients;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Invoices;

public static class InvoicesRegistration
{
    /// <summary>Clients and invoices: creating, editing, numbering and listing them.</summary>
    public static IServiceCollection AddInvoices(this IServiceCollection services)
    {
        services.AddScoped<ClientService>();
        services.AddScoped<InvoiceService>();
        return services;
    }
}
