using ChatBilling.Core.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Core.Documents;

public static class DocumentsRegistration
{
    /// <summary>The issuer (<c>Seller</c>), the PDF and preview renderer, and frozen documents for emails.</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SellerSettings>(configuration.GetSection(SellerSettings.SectionName));
        services.AddSingleton<InvoiceRenderer>();
        services.AddScoped<InvoiceDocuments>();
        services.AddScoped<IInvoicePdfSource, ApprovedPdfSource>();
        return services;
    }
}
