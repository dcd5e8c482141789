using ChatBilling.Core.Documents;

namespace ChatBilling.Tests.Documents;

/// <summary>Every script a client may write comes back out of the PDF as the same text, in logical order (pdftotext).</summary>
public sealed class ScriptTests : IDisposable
{
    private readonly InvoiceRenderer renderer = new();

    public static TheoryData<string, string> Scripts => new()
    {
        { "Japanese", "株式会社サンプル" },
        { "Chinese", "上海示例贸易有限公司" },
        { "Korean", "주식회사 샘플" },
        { "Arabic", "شركة النور للتجارة" },
        { "Hebrew", "חברת דוגמה בעמ" },
        { "Thai", "บริษัท ตัวอย่าง จำกัด" },
        { "Devanagari", "नमूना कंपनी लिमिटेड" },
        { "Greek", "Υπηρεσίες υποστήριξης" },
        { "Cyrillic", "Лицензия на программное обеспечение" },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Client_name_and_line_in_any_script_read_back_from_the_pdf(string script, string text)
    {
        var model = InvoiceSamples.Build("EUR", "en-GB", [new($"{text} 2026", 1m, 100m, 0.2m)], client: text);

        var pdf = renderer.RenderPdf(model);

        Assert.True(pdf.Length < 100 * 1024, $"{script}: {pdf.Length} bytes");
        var pdfPig = Assert.Single(PdfText.Pages(pdf));
        var poppler = PdfToText.Read(pdf);
        Assert.DoesNotContain("\uFFFD", pdfPig);
        Assert.Contains(Compact(text), Compact(poppler));

        // PdfPig reads glyphs in drawing order: for left-to-right scripts that is the logical order, so it must hold
        // the text as written; for Hebrew it is the visual order, the text reversed (pdftotext above proves the
        // logical one). Shaped forms (Arabic joining forms, Thai and Devanagari marks placed by HarfBuzz) come back
        // empty from PdfPig 0.1.16, so for those pdftotext alone speaks.
        if (script is "Arabic" or "Thai" or "Devanagari")
        {
            return;
        }

        var expected = script == "Hebrew" ? string.Concat(Compact(text).Reverse()) : Compact(text);
        Assert.Contains(expected, Compact(pdfPig));
    }

    [Fact]
    public void Japanese_one_page_invoice_embeds_only_its_glyphs_and_stays_under_100_kb()
    {
        var model = InvoiceSamples.Build("JPY", "ja-JP",
            [new("ソフトウェア保守サービス（年間契約）", 1m, 480000m, 0.1m), new("追加開発作業：請求書の承認機能", 12m, 15000m, 0.1m)],
            client: "株式会社サンプル");

        var pdf = renderer.RenderPdf(model);

        Assert.True(pdf.Length < 100 * 1024, $"{pdf.Length} bytes");
        Assert.Contains("追加開発作業：請求書の承認機能", Compact(PdfToText.Read(pdf)));
    }

    [Fact]
    public void Arabic_is_shaped_right_to_left_with_its_numbers_left_to_right()
    {
        var model = InvoiceSamples.Build("EUR", "en-GB", [new("رسوم الاستشارة لشهر 11 عام 2026", 1m, 100m, 0.2m)], client: "شركة النور للتجارة");

        var pdf = renderer.RenderPdf(model);

        Assert.True(pdf.Length < 100 * 1024, $"{pdf.Length} bytes");
        var poppler = PdfToText.Read(pdf);
        Assert.Contains("شركة النور للتجارة", poppler);
        Assert.Contains("2026", poppler);
        Assert.DoesNotContain("6202", poppler);
    }

    // pdftotext may put spaces between Indic clusters and at line ends; the characters and their order are what count.
    private static string Compact(string text) =>
        string.Concat(text.Where(c => !char.IsWhiteSpace(c) && c is not ('\u202B' or '\u202C' or '\u202A' or '\u200F' or '\u200E')));

    public void Dispose() => renderer.Dispose();
}
