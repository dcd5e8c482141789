using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Tests.Delivery;

/// <summary>Stands in for the Documents feature: every invoice's approved PDF is these bytes.</summary>
public sealed class FixedPdf(byte[] bytes) : IInvoicePdfSource
{
    public Task<ReadOnlyMemory<byte>> GetPdfAsync(Invoice invoice, CancellationToken ct) => Task.FromResult<ReadOnlyMemory<byte>>(bytes);
}

/// <summary>Stands in for the invoice-link feature.</summary>
public sealed class NumberLinks : ICustomerLinks
{
    public static Uri For(Invoice invoice) => new($"https://bills.example/i/{invoice.Number}");

    public Task<Uri> GetLinkAsync(Invoice invoice, CancellationToken ct) => Task.FromResult(For(invoice));
}

/// <summary>Document links for hosts built without the web host, which owns the real signed links.</summary>
public sealed class PlainDocumentLinks : ChatBilling.Core.Documents.IDocumentLinks
{
    public string PdfUrl(Guid invoiceId) => $"https://billing.test/d/{invoiceId:N}/invoice.pdf";

    public string PreviewUrl(Guid invoiceId) => $"https://billing.test/d/{invoiceId:N}/preview.png";
}
