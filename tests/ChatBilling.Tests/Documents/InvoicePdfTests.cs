using System.Text;
using System.Text.RegularExpressions;
using ChatBilling.Core.Documents;
using UglyToad.PdfPig;

namespace ChatBilling.Tests.Documents;

public sealed class InvoicePdfTests : IDisposable
{
    private readonly InvoiceRenderer renderer = new();

    [Fact]
    public void Pdf_text_holds_number_parties_scripts_and_total()
    {
        var text = Assert.Single(PdfText.Pages(renderer.RenderPdf(InvoiceSamples.OnePage())));

        Assert.Contains("INV-2026-0042", text);
        Assert.Contains("Zakład Łódź Sp. z o.o.", text);
        Assert.Contains("Çelik İnşaat A.Ş.", text);
        Assert.Contains("Лицензия на программное обеспечение", text);
        Assert.Contains("Υπηρεσίες υποστήριξης — Αθήνα", text);
        Assert.Contains("05/03/2026", text);
        Assert.Contains("Total due€3,196.49", text);
    }

    [Fact]
    public void Polish_invoice_formats_the_total_the_polish_way()
    {
        var text = Assert.Single(PdfText.Pages(renderer.RenderPdf(InvoiceSamples.OnePage("PLN", "pl-PL"))));

        Assert.Contains("Do zapłaty3\u00A0196,49\u00A0zł", text);
        Assert.Contains("5.03.2026", text);
    }

    [Fact]
    public void Long_invoice_repeats_the_table_header_and_shows_the_total_once_on_the_last_page()
    {
        var model = InvoiceSamples.Long(300);

        var pages = PdfText.Pages(renderer.RenderPdf(model));

        Assert.True(pages.Count >= 5, $"expected several pages, got {pages.Count}");
        Assert.Equal(renderer.CountPages(model), pages.Count);
        Assert.All(pages, page => Assert.Contains("DescriptionQtyUnit priceTaxAmount", page));
        Assert.Equal(1, Occurrences(pages[^1], "Total due"));
        Assert.All(pages.SkipLast(1), page => Assert.DoesNotContain("Total due", page));
        Assert.All(pages.SkipLast(1), page => Assert.DoesNotContain("Subtotal", page));
    }

    [Fact]
    public void Every_page_has_a_page_x_of_y_footer()
    {
        var pages = PdfText.Pages(renderer.RenderPdf(InvoiceSamples.Long(300)));

        for (var i = 0; i < pages.Count; i++)
        {
            Assert.EndsWith($"Page {i + 1} of {pages.Count}", pages[i]);
        }
    }

    [Fact]
    public void Long_invoice_keeps_every_line_exactly_once()
    {
        var text = string.Concat(PdfText.Pages(renderer.RenderPdf(InvoiceSamples.Long(300))));

        var numbers = Regex.Matches(text, @"Line (\d+):").Select(m => int.Parse(m.Groups[1].Value)).ToList();

        Assert.Equal(Enumerable.Range(1, 300), numbers);
    }

    [Fact]
    public void Description_taller_than_a_page_continues_on_the_next_page_without_losing_words()
    {
        var words = string.Join(' ', Enumerable.Range(1, 1500).Select(i => $"w{i:D4}"));
        var model = InvoiceSamples.Build("EUR", "en-GB", [new(words, 1m, 7777m, 0.2m)]);

        var pages = PdfText.Pages(renderer.RenderPdf(model));

        Assert.True(pages.Count >= 2, $"expected the row to span pages, got {pages.Count}");
        var found = Regex.Matches(string.Concat(pages), @"w(\d{4})").Select(m => int.Parse(m.Groups[1].Value));
        Assert.Equal(Enumerable.Range(1, 1500), found);
        const string figures = "1€7,777.0020%€7,777.00";
        Assert.Equal(1, Occurrences(pages[0], figures));
        Assert.All(pages.Skip(1), page => Assert.DoesNotContain(figures, page));
    }

    [Fact]
    public void Missing_glyphs_render_as_the_replacement_character()
    {
        var model = InvoiceSamples.Build("JPY", "ja-JP", [new("Tea Ꭳ and 🚀 launch", 2m, 1500m, 0.1m)], client: "株式会社 Example");

        var text = Assert.Single(PdfText.Pages(renderer.RenderPdf(model)));

        Assert.Contains("Tea \uFFFD and \uFFFD launch", text);
        Assert.Contains("株式会社 Example", text);
        Assert.Contains("¥3,000", text);
        Assert.DoesNotContain("¥3,000.", text);
    }

    [Fact]
    public void Kuwaiti_dinar_shows_three_decimals()
    {
        var model = InvoiceSamples.Build("KWD", "en-GB", [new("Licence", 1m, 12.345m, 0m)]);

        var text = Assert.Single(PdfText.Pages(renderer.RenderPdf(model)));

        Assert.Contains("Total dueKWD\u00A012.345", text);
    }

    [Theory]
    [InlineData(PaperSize.A4, 595, 842)]
    [InlineData(PaperSize.Letter, 612, 792)]
    public void Pages_have_the_model_paper_size(PaperSize paper, double width, double height)
    {
        var model = InvoiceSamples.Long(60) with { PaperSize = paper };

        using var document = PdfDocument.Open(renderer.RenderPdf(model));

        Assert.True(document.NumberOfPages > 1);
        Assert.All(document.GetPages(), page => Assert.Equal((width, height), (page.Width, page.Height)));
    }

    [Fact]
    public void Same_model_gives_the_same_bytes_even_from_another_renderer()
    {
        var model = InvoiceSamples.Long(40);
        using var other = new InvoiceRenderer();

        var first = renderer.RenderPdf(model);
        var second = renderer.RenderPdf(model);
        var third = other.RenderPdf(model);

        Assert.Equal(first, second);
        Assert.Equal(DocumentHash.Sha256Hex(first), DocumentHash.Sha256Hex(third));
    }

    [Fact]
    public void Pdf_dates_come_from_the_issue_date_not_the_clock()
    {
        var pdf = Encoding.Latin1.GetString(renderer.RenderPdf(InvoiceSamples.OnePage()));

        var dates = Regex.Matches(pdf, @"/(CreationDate|ModDate) \(D:(\d{8})").Select(m => m.Groups[2].Value).ToList();

        Assert.Equal(["20260305", "20260305"], dates);
        Assert.DoesNotContain($"D:{DateTime.UtcNow:yyyyMMdd}", pdf);
        Assert.DoesNotContain($"D:{DateTime.Now:yyyyMMdd}", pdf);

        // Skia seeds a document ID from the clock, and writes one only for PDF/A, which the renderer leaves off.
        Assert.DoesNotContain("/ID [", pdf);
    }

    [Fact]
    public void Concurrent_renders_on_one_renderer_agree()
    {
        var model = InvoiceSamples.Long(30);
        var expected = renderer.RenderPdf(model);

        var results = new byte[8][];
        Parallel.For(0, results.Length, i => results[i] = renderer.RenderPdf(model));

        Assert.All(results, pdf => Assert.Equal(expected, pdf));
    }

    [Fact]
    public void Seller_logo_is_embedded_as_an_image()
    {
        var logoPath = Path.Combine(Path.GetTempPath(), $"chatbilling-logo-{Guid.NewGuid():N}.png");
        File.WriteAllBytes(logoPath, TestImages.SolidPng(120, 40));
        try
        {
            var model = InvoiceSamples.OnePage() with { Seller = InvoiceSamples.Seller with { LogoPath = logoPath } };

            using var document = PdfDocument.Open(renderer.RenderPdf(model));

            Assert.Single(document.GetPage(1).GetImages());
        }
        finally
        {
            File.Delete(logoPath);
        }
    }

    public void Dispose() => renderer.Dispose();

    private static int Occurrences(string text, string value) => Regex.Matches(text, Regex.Escape(value)).Count;
}
