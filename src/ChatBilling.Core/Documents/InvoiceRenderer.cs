using System.Collections.Concurrent;
using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>A frozen rendering: the PDF, its preview image and its page count, from one layout.</summary>
public sealed record RenderedInvoice(byte[] Pdf, byte[] Preview, int PageCount);

/// <summary>
/// Renders invoices to PDF and to a PNG preview from the same page-drawing code.
/// Thread-safe and meant to live as a singleton: the embedded fonts are loaded once, logos once per path.
/// Output is deterministic: the same model gives the same bytes.
/// </summary>
public sealed class InvoiceRenderer : IDisposable
{
    private readonly InvoiceFonts fonts;
    private readonly TextShaper shaper;
    private readonly ConcurrentDictionary<string, SKImage> logos = new(StringComparer.Ordinal);

    public InvoiceRenderer()
    {
        fonts = new InvoiceFonts();
        shaper = new TextShaper(fonts);
    }

    /// <summary>PDF, preview and page count from a single layout, as a submission freezes them.</summary>
    /// <exception cref="ArgumentException">The model's currency or locale is unknown.</exception>
    public RenderedInvoice Render(InvoiceDocumentModel model)
    {
        using var layout = Layout(model);
        var preview = InvoicePreview.Png(layout);
        return new RenderedInvoice(Pdf(layout, model), preview, layout.PageCount);
    }

    /// <summary>The invoice as a PDF with selectable, searchable text, embedding only the glyphs it uses.</summary>
    /// <exception cref="ArgumentException">The model's currency or locale is unknown.</exception>
    public byte[] RenderPdf(InvoiceDocumentModel model)
    {
        using var layout = Layout(model);
        return Pdf(layout, model);
    }

    /// <summary>The preview PNG (see <see cref="InvoicePreview"/>).</summary>
    /// <exception cref="ArgumentException">The model's currency or locale is unknown.</exception>
    public byte[] RenderPreviewPng(InvoiceDocumentModel model)
    {
        using var layout = Layout(model);
        return InvoicePreview.Png(layout);
    }

    /// <summary>One page (0 is the first) as a PNG the size of the preview.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The document has no such page.</exception>
    public byte[] RenderPagePng(InvoiceDocumentModel model, int page)
    {
        using var layout = Layout(model);
        return InvoicePreview.PagePng(layout, page);
    }

    /// <summary>How many pages the PDF of this model has.</summary>
    public int CountPages(InvoiceDocumentModel model)
    {
        using var layout = Layout(model);
        return layout.PageCount;
    }

    public void Dispose()
    {
        foreach (var logo in logos.Values)
        {
            logo.Dispose();
        }

        fonts.Dispose();
    }

    private static byte[] Pdf(InvoiceLayout layout, InvoiceDocumentModel model)
    {
        layout.UseFontSubsets();
        // Skia's own memory stream: a managed Stream would make every write of the PDF a callback from native code.
        using var output = new SKDynamicMemoryWStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = DocumentTexts.For(model.Language ?? model.Locale).Format("pdf.continuation", ("number", model.Number)),
            Author = model.Seller.Name,
            Creator = "ChatBilling",

            // Fixed to the issue date so re-rendering an invoice reproduces the same file.
            Creation = IssueMidnightUtc(model),
            Modified = IssueMidnightUtc(model),
        };

        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            for (var i = 0; i < layout.PageCount; i++)
            {
                var canvas = document.BeginPage(layout.PageWidth, layout.PageHeight);
                layout.DrawPage(canvas, i);
                document.EndPage();
            }

            document.Close();
        }

        using var data = output.DetachAsData();
        return data.ToArray();
    }

    private static DateTime IssueMidnightUtc(InvoiceDocumentModel model) =>
        model.IssueDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    private InvoiceLayout Layout(InvoiceDocumentModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var logo = model.Seller.LogoPath is { Length: > 0 } path ? logos.GetOrAdd(path, LoadLogo) : null;
        return new InvoiceLayout(model, shaper, logo);
    }

    private static SKImage LoadLogo(string path) =>
        SKImage.FromEncodedData(path)?.ToRasterImage()
        ?? throw new InvalidOperationException($"Seller logo '{path}' could not be read as an image.");
}
