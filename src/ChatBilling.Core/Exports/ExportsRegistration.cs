using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Exports;

public static class ExportsRegistration
{
    /// <summary>CSV exports of invoices and the audit trail.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services) => services.AddScoped<CsvExports>();
}
