using ChatBilling.Core.Documents;

namespace ChatBilling.Tests.Documents;

public sealed class InvoiceFontsTests : IDisposable
{
    private readonly InvoiceFonts fonts = new();

    public static TheoryData<string> Signs => new(CurrencySymbols.All.Distinct());

    [Theory]
    [MemberData(nameof(Signs))]
    public void Every_currency_sign_the_formatter_prints_is_in_the_embedded_fonts(string sign)
    {
        Assert.Equal(sign, fonts.Drawable(sign));
    }

    [Theory]
    [InlineData("Zakład Łódź Sp. z o.o.")]
    [InlineData("Çelik İnşaat A.Ş.")]
    [InlineData("Příliš žluťoučký kůň")]
    [InlineData("Съешь же ещё этих мягких французских булок")]
    [InlineData("Ξεσκεπάζω την ψυχοφθόρα βδελυγμία")]
    [InlineData("€ £ ¥ ₹ ₽ ₺ ₴ № – — “” …")]
    [InlineData("株式会社サンプル 上海 주식회사")]
    [InlineData("شركة النور חברת דוגמה")]
    [InlineData("บริษัท नमूना कंपनी")]
    public void Supported_scripts_are_drawn_unchanged(string text)
    {
        Assert.Equal(text, fonts.Drawable(text));
    }

    [Theory]
    [InlineData("Tea ᎣᏏᏲ", "Tea \uFFFD\uFFFD\uFFFD")]
    [InlineData("Launch 🚀!", "Launch \uFFFD!")]
    [InlineData("e\u0301te\u0301", "été")]
    [InlineData("a\tb", "a b")]
    public void Characters_the_font_lacks_become_one_visible_replacement_each(string text, string expected)
    {
        Assert.Equal(expected, fonts.Drawable(text));
    }

    public void Dispose() => fonts.Dispose();
}
