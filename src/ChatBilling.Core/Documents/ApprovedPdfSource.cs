using ChatBilling.Core.Delivery;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Documents;

/// <summary>Gives the email the document frozen at submission: the same bytes, and so the same SHA-256, approvers saw.</summary>
internal sealed class ApprovedPdfSource(InvoiceDocuments documents) : IInvoicePdfSource
{
    public async Task<ReadOnlyMemory<byte>> GetPdfAsync(Invoice invoice, CancellationToken ct) => await documents.PdfAsync(invoice, ct);
}
