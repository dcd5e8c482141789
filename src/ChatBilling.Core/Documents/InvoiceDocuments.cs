using ChatBilling.Core.Clients;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Documents;

/// <summary>The PDF and preview of an invoice: drawn fresh while it is editable, frozen from submission on.</summary>
public sealed class InvoiceDocuments(ChatBillingDb db, InvoiceRenderer renderer, IOptionsMonitor<SellerSettings> seller, TimeProvider time)
{
    /// <summary>Renders the invoice as it is now and stages it as the submitted document (saved with the caller's changes).</summary>
    public async Task<StoredDocument> FreezeAsync(Invoice invoice, CancellationToken ct = default)
    {
        var model = await ModelAsync(invoice, ct);
        var document = await db.StoredDocuments.FirstOrDefaultAsync(d => d.InvoiceId == invoice.Id, ct);
        if (document is null) db.StoredDocuments.Add(document = new StoredDocument { InvoiceId = invoice.Id });
        var rendered = renderer.Render(model);
        document.Replace(rendered.Pdf, rendered.Preview, rendered.PageCount, time.GetUtcNow());
        var logo = model.Seller.LogoPath is { Length: > 0 } path ? await File.ReadAllBytesAsync(path, ct) : null;
        document.Freeze(model.Seller, DocumentTexts.For(model.Locale).Language, logo);
        return document;
    }

    /// <summary>The submitted bytes once the invoice left Draft/Rejected; a fresh rendering before that.</summary>
    public async Task<byte[]> PdfAsync(Invoice invoice, CancellationToken ct = default) =>
        await FrozenAsync(invoice, d => d.Pdf, ct) ?? renderer.RenderPdf(await ModelAsync(invoice, ct));

    public async Task<byte[]> PreviewPngAsync(Invoice invoice, CancellationToken ct = default) =>
        await FrozenAsync(invoice, d => d.PreviewPng, ct) ?? renderer.RenderPreviewPng(await ModelAsync(invoice, ct));

    private async Task<byte[]?> FrozenAsync(Invoice invoice, System.Linq.Expressions.Expression<Func<StoredDocument, byte[]>> part, CancellationToken ct) =>
        invoice.IsEditable ? null
            : await db.StoredDocuments.AsNoTracking().Where(d => d.InvoiceId == invoice.Id).Select(part).FirstOrDefaultAsync(ct);

    private async Task<InvoiceDocumentModel> ModelAsync(Invoice invoice, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstAsync(c => c.Id == invoice.ClientId, ct);
        return Model(invoice, client, seller.CurrentValue);
    }

    public static InvoiceDocumentModel Model(Invoice invoice, Client client, SellerSettings seller)
    {
        var lines = invoice.LineItems.OrderBy(l => l.Position).ToList();
        return new InvoiceDocumentModel
        {
            Seller = seller,
            Client = new InvoiceClient(client.Name, client.Email, client.AddressLines, client.TaxId),
            Number = invoice.Number,
            IssueDate = invoice.IssueDate,
            DueDate = invoice.DueDate,
            Currency = invoice.Currency,
            Locale = client.Locale,
            PaperSize = client.PaperSize == "Letter" ? PaperSize.Letter : PaperSize.A4,
            Lines = lines.Select(l => new InvoiceLine(l.Description, l.Quantity, l.UnitPrice, l.TaxRate, l.Amount)).ToList(),
            Subtotal = invoice.Subtotal,
            Taxes = InvoiceTotals.ByRate(lines).Select(t => new InvoiceTaxSummary(t.Rate, t.Base, t.Tax)).ToList(),
            Total = invoice.Total,
            Notes = invoice.Notes,
        };
    }
}
