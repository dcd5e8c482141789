using ChatBilling.Core.Documents;

namespace ChatBilling.Tests.Documents;

public sealed class TextWrapperTests : IDisposable
{
    private const float Width = 120f;

    private readonly InvoiceFonts fonts = new();
    private readonly DocumentText text;
    private readonly InvoiceStyle style;

    public TextWrapperTests()
    {
        text = new DocumentText(new TextShaper(fonts));
        style = new InvoiceStyle(text, PaperSize.A4);
    }

    [Fact]
    public void Words_wrap_within_the_width_and_keep_their_order()
    {
        var text = "Quarterly subscription for the approvals workspace including audit export and single sign-on";

        var lines = TextWrapper.Wrap(text, style, style.Body, Width);

        Assert.True(lines.Count > 2);
        Assert.All(lines, line => Assert.True(style.Measure(line, style.Body) <= Width, $"'{line}' is too wide"));
        Assert.Equal(text, string.Join(' ', lines));
    }

    [Fact]
    public void A_word_wider_than_the_line_is_broken_without_losing_characters()
    {
        var reference = string.Concat(Enumerable.Repeat("PL61109010140000071219812874", 4));

        var lines = TextWrapper.Wrap(reference, style, style.Body, Width);

        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.True(style.Measure(line, style.Body) <= Width, $"'{line}' is too wide"));
        Assert.Equal(reference, string.Concat(lines));
    }

    [Fact]
    public void Caller_line_breaks_and_blank_lines_are_kept()
    {
        var lines = TextWrapper.Wrap("Bank: mBank\r\n\r\nIBAN: PL61", style, style.Small, Width);

        Assert.Equal(["Bank: mBank", string.Empty, "IBAN: PL61"], lines);
    }

    [Theory]
    [InlineData("株式会社サンプルの年間保守契約と追加開発作業の請求書です。ご確認をお願いいたします。")]
    [InlineData("บริษัทตัวอย่างจำกัดค่าบริการที่ปรึกษาประจำเดือนพฤศจิกายน")]
    public void Text_without_spaces_breaks_between_characters_within_the_width(string longText)
    {
        var lines = TextWrapper.Wrap(longText, style, style.Body, Width);

        Assert.True(lines.Count > 1);
        Assert.All(lines, line => Assert.True(style.Measure(line, style.Body) <= Width, $"'{line}' is too wide"));
        Assert.Equal(longText, string.Concat(lines));
    }

    public void Dispose()
    {
        style.Dispose();
        text.Dispose();
        fonts.Dispose();
    }
}
