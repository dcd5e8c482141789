using ChatBilling.Core.Documents;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;

namespace ChatBilling.Tests.Documents;

/// <summary>Very long numbers, names and amounts wrap or shrink: no two words on the page overlap.</summary>
public sealed class LongValueTests : IDisposable
{
    private readonly InvoiceRenderer renderer = new();

    [Theory]
    [InlineData("en-GB")]
    [InlineData("de-DE")]
    [InlineData("ja-JP")]
    public void Longest_number_client_name_and_largest_amounts_do_not_collide(string locale)
    {
        var model = InvoiceSamples.Build("EUR", locale,
            [new("Annual licence", 1_000_000m, 999_999_999.99m, 0.2m), new("Support", 1m, 1m, 0.2m)],
            client: string.Concat(Enumerable.Repeat("Internationale Handelsgesellschaft ", 6))) with
        {
            Number = "INV/2026/ABCDEFGHIJKLMNOPQRSTUVW",
        };

        var pdf = renderer.RenderPdf(model);

        using var document = PdfDocument.Open(pdf);
        foreach (var page in document.GetPages())
        {
            var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).ToList();
            for (var i = 0; i < words.Count; i++)
            {
                for (var j = i + 1; j < words.Count; j++)
                {
                    Assert.False(Overlap(words[i].BoundingBox, words[j].BoundingBox),
                        $"'{words[i].Text}' overlaps '{words[j].Text}' on page {page.Number}");
                }
            }
        }

        var text = string.Concat(PdfText.Pages(pdf));
        Assert.Contains("INV/2026/ABCDEFGHIJKLMNOPQRSTUVW", text);
    }

    // Boxes that merely touch are fine; a shared area of more than a hair is a collision.
    private static bool Overlap(PdfRectangle a, PdfRectangle b)
    {
        var width = Math.Min(a.Right, b.Right) - Math.Max(a.Left, b.Left);
        var height = Math.Min(a.Top, b.Top) - Math.Max(a.Bottom, b.Bottom);
        return width > 0.5 && height > 0.5;
    }

    public void Dispose() => renderer.Dispose();
}
