using System.Buffers.Binary;
using ChatBilling.Core.Documents;
using SkiaSharp;

namespace ChatBilling.Tests.Documents;

public sealed class InvoicePreviewTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly InvoiceRenderer renderer = new();

    [Theory]
    [InlineData(PaperSize.A4, 842.0 / 595)]
    [InlineData(PaperSize.Letter, 792.0 / 612)]
    public void Preview_is_a_png_1024_px_high_in_the_page_proportions(PaperSize paper, double ratio)
    {
        var png = renderer.RenderPreviewPng(InvoiceSamples.OnePage() with { PaperSize = paper });

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        Assert.Equal(1024, height);
        Assert.True(png.Length <= 60 * 1024, $"{png.Length} bytes");
        Assert.InRange((double)height / width, ratio - 0.01, ratio + 0.01);
    }

    [Fact]
    public void Preview_shows_the_page_not_a_blank_sheet()
    {
        using var bitmap = SKBitmap.Decode(renderer.RenderPreviewPng(InvoiceSamples.OnePage()));

        var inked = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                inked += bitmap.GetPixel(x, y).Red < 128 ? 1 : 0;
            }
        }

        Assert.Equal(SKColors.White, bitmap.GetPixel(0, 0));
        Assert.True(inked > 1000, $"only {inked} dark samples");
    }

    [Fact]
    public void Preview_of_a_long_invoice_shows_its_totals_not_only_the_first_lines()
    {
        // Two long invoices that differ only in their last line share page 1; their totals differ.
        var model = InvoiceSamples.Long(120);
        var lines = model.Lines.ToList();
        lines[^1] = lines[^1] with { UnitPrice = 13.5m, Amount = lines[^1].Quantity * 13.5m };
        var other = model with { Lines = lines, Subtotal = lines.Sum(l => l.Amount), Total = lines.Sum(l => l.Amount) * 1.2m };
        Assert.True(renderer.CountPages(model) > 1);

        Assert.NotEqual(renderer.RenderPreviewPng(model), renderer.RenderPreviewPng(other));
    }

    [Fact]
    public void Preview_is_deterministic()
    {
        var model = InvoiceSamples.OnePage("PLN", "pl-PL");

        Assert.Equal(renderer.RenderPreviewPng(model), renderer.RenderPreviewPng(model));
    }

    public void Dispose() => renderer.Dispose();
}
