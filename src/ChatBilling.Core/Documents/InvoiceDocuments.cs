using ChatBilling.Core.Clients;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatBilling.Core.Documents;

/// <summary>An invoice drawn ahead of its submission, with the fingerprint of what it was drawn from.</summary>
public sealed record DrawnDocument(string Fingerprint, RenderedInvoice Rendered, byte[]? Logo);

/// <summary>The PDF and preview of an invoice: drawn fresh while it is editable, frozen from submission on.</summary>
public sealed class InvoiceDocuments(ChatBillingDb db, InvoiceRenderer renderer, IOptionsMonitor<SellerSettings> seller, TimeProvider time)
{
    /// <summary>
    /// Draws an editable invoice as it is now, read without any lock, for <see cref="FreezeAsync"/> to use once the
    /// caller holds the invoice's lock; null when there is nothing to draw (no such invoice, or it cannot be submitted).
    /// </summary>
    public async Task<DrawnDocument?> DrawAheadAsync(Guid invoiceId, CancellationToken ct = default)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is not { IsEditable: true }) return null;
        var model = await ModelAsync(invoice, ct);
        return new DrawnDocument(Fingerprint(model), renderer.Render(model), await LogoAsync(model, ct));
    }

    /// <summary>
    /// Stages the invoice as it is now as the submitted document (saved with the caller's changes). A drawing made ahead
    /// of the same content (<see cref="DrawAheadAsync"/>: the renderer gives the same bytes for the same model) is used
    /// as it is; if anything it was drawn from changed meanwhile, the invoice is drawn again.
    /// </summary>
    public async Task<StoredDocument> FreezeAsync(Invoice invoice, DrawnDocument? drawn = null, CancellationToken ct = default)
    {
        var model = await ModelAsync(invoice, ct);
        if (drawn is not null && drawn.Fingerprint != Fingerprint(model)) drawn = null;
        var rendered = drawn?.Rendered ?? renderer.Render(model);
        var logo = drawn is null ? await LogoAsync(model, ct) : drawn.Logo;
        var document = await db.StoredDocuments.FirstOrDefaultAsync(d => d.InvoiceId == invoice.Id, ct);
        if (document is null) db.StoredDocuments.Add(document = new StoredDocument { InvoiceId = invoice.Id });
        document.Replace(rendered.Pdf, rendered.Preview, rendered.PageCount, time.GetUtcNow());
        document.Freeze(model.Seller, DocumentTexts.For(model.Locale).Language, logo);
        return document;
    }

    private static async Task<byte[]?> LogoAsync(InvoiceDocumentModel model, CancellationToken ct) =>
        model.Seller.LogoPath is { Length: > 0 } path ? await File.ReadAllBytesAsync(path, ct) : null;

    /// <summary>Everything the document is drawn from, as text: equal fingerprints draw equal bytes.</summary>
    private static string Fingerprint(InvoiceDocumentModel model) => System.Text.Json.JsonSerializer.Serialize(model);

    /// <summary>The submitted bytes once the invoice left Draft/Rejected; a fresh rendering before that.</summary>
    public async Task<byte[]> PdfAsync(Invoice invoice, CancellationToken ct = default) =>
        await FrozenAsync(invoice, d => d.Pdf, ct) ?? renderer.RenderPdf(await ModelAsync(invoice, ct));

    public async Task<byte[]> PreviewPngAsync(Invoice invoice, CancellationToken ct = default) =>
        await FrozenAsync(invoice, d => d.PreviewPng, ct) ?? renderer.RenderPreviewPng(await ModelAsync(invoice, ct));

    /// <summary>
    /// The SHA-256 of the submitted document, read without its bytes; null while the invoice is editable. The preview is
    /// drawn from the same model and replaced with it, so the hash also names the preview (e.g. to find it uploaded).
    /// </summary>
    public async Task<string?> FrozenSha256Async(Invoice invoice, CancellationToken ct = default) =>
        await FrozenAsync(invoice, d => d.Sha256, ct);

    /// <summary>The submitted preview with the hash of its document, read together; null while the invoice is editable.</summary>
    public async Task<(string Sha256, byte[] Png)?> FrozenPreviewAsync(Invoice invoice, CancellationToken ct = default)
    {
        if (invoice.IsEditable) return null;
        var row = await db.StoredDocuments.AsNoTracking().Where(d => d.InvoiceId == invoice.Id)
            .Select(d => new { d.Sha256, d.PreviewPng }).FirstOrDefaultAsync(ct);
        return row is null ? null : (row.Sha256, row.PreviewPng);
    }

    private async Task<T?> FrozenAsync<T>(Invoice invoice, System.Linq.Expressions.Expression<Func<StoredDocument, T>> part, CancellationToken ct)
        where T : class =>
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
