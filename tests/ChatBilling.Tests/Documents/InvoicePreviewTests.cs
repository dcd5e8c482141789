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
    public void Preview_is_a_png_at_least_1000_px_wide_in_the_page_proportions(PaperSize paper, double ratio)
    {
        var png = renderer.RenderPreviewPng(InvoiceSamples.OnePage() with { PaperSize = paper });

        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        var width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        Assert.True(width >= 1000, $"width {width}");
        Assert.Equal(ratio, (double)height / width, precision: 2);
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
        Assert.True(inked > 2000, $"only {inked} dark samples");
    }

    [Fact]
    public void Preview_is_deterministic()
    {
        var model = InvoiceSamples.OnePage("PLN", "pl-PL");

        Assert.Equal(renderer.RenderPreviewPng(model), renderer.RenderPreviewPng(model));
    }

    public void Dispose() => renderer.Dispose();
}
