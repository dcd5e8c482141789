using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Delivery;

/// <summary>The approved PDF of an invoice: the very bytes the approver was shown (provided by the Documents feature).</summary>
public interface IInvoicePdfSource
{
    Task<ReadOnlyMemory<byte>> GetPdfAsync(Invoice invoice, CancellationToken ct);
}

/// <summary>
/// The customer's link to an invoice page (<c>/i/{token}</c>). May add rows to the store; they are saved together
/// with the send's outcome.
/// </summary>
public interface ICustomerLinks
{
    Task<Uri> GetLinkAsync(Invoice invoice, CancellationToken ct);
}
