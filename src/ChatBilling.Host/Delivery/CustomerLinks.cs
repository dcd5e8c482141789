using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Links;
using ChatBilling.Host.Documents;

namespace ChatBilling.Host.Delivery;

/// <summary>The customer's <c>/i/{token}</c> link for an email; the token row is saved with the send's outcome.</summary>
internal sealed class CustomerLinks(InvoiceLinkTokens tokens, PublicUrls urls) : IInvoiceLinks
{
    public Task<Uri> GetLinkAsync(Invoice invoice, CancellationToken ct) => Task.FromResult(new Uri(urls.To($"/i/{tokens.Create(invoice)}")));
}

public static class CustomerLinksRegistration
{
    public static IHostApplicationBuilder AddCustomerLinks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IInvoiceLinks, CustomerLinks>();
        return builder;
    }
}
