using ChatBilling.Core.CustomerLinks;
using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;
using ChatBilling.Host.Documents;

namespace ChatBilling.Host.CustomerLinks;

/// <summary>The customer's <c>/i/{token}</c> link for an email; the token row is saved with the send's outcome.</summary>
internal sealed class CustomerLinkUrls(CustomerLinkTokens tokens, PublicUrls urls) : ICustomerLinks
{
    public Task<Uri> GetLinkAsync(Invoice invoice, CancellationToken ct) => Task.FromResult(new Uri(urls.To($"/i/{tokens.Create(invoice)}")));
}
