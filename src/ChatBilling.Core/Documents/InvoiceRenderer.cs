using System.Collections.Concurrent;
using SkiaSharp;

namespace ChatBilling.Core.Documents;

/// <summary>
/// Renders invoices to PDF and to a PNG preview of the first page from the same page-drawing code.
/// Thread-safe and meant to live as a singleton: the embedded fonts are loaded once, logos once per path.
/// Output is deterministic: the same model gives the same bytes.
/// </summary>
public sealed class InvoiceRenderer : IDisposable
{
    /// <summary>Width of the preview image: an A4 page becomes 1000 × 1415 px, a Letter page 1000 × 1294 px.</summary>
    public const int PreviewWidthPixels = 1000;

    private readonly InvoiceFonts fonts;
    private readonly TextShaper shaper;

    public InvoiceRenderer()
    {
        fonts = new InvoiceFonts();
        shaper = new TextShaper(fonts);
    }
    private readonly ConcurrentDictionary<string, SKImage> logos = new(StringComparer.Ordinal);

    /// <summary>The invoice as a PDF with selectable, searchable text.</summary>
    /// <exception cref="ArgumentException">The model's currency or locale is unknown.</exception>
    public byte[] RenderPdf(InvoiceDocumentModel model)
    {
        using var layout = Layout(model);
        layout.UseFontSubsets();
        using var output = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = $"Invoice {model.Number}",
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

        return output.ToArray();
    }

    /// <summary>The first page as a PNG <see cref="PreviewWidthPixels"/> wide, on white.</summary>
    /// <exception cref="ArgumentException">The model's currency or locale is unknown.</exception>
    public byte[] RenderPreviewPng(InvoiceDocumentModel model)
    {
        using var layout = Layout(model);
        var scale = PreviewWidthPixels / layout.PageWidth;

        // RGB without alpha and fast deflate settings: encoding, not drawing, dominates the preview's cost,
        // and a 4-channel image at default compression took about three times as long.
        var info = new SKImageInfo(PreviewWidthPixels, (int)Math.Round(layout.PageHeight * scale), SKColorType.Rgb888x, SKAlphaType.Opaque);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException("Could not allocate the preview surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        layout.DrawPage(canvas, 0);

        using var pixels = surface.PeekPixels() ?? throw new InvalidOperationException("The preview surface has no pixels.");
        using var png = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Up, zLibLevel: 1))
            ?? throw new InvalidOperationException("The preview could not be encoded as PNG.");
        return png.ToArray();
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
