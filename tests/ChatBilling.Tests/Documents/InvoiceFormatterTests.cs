using System.Globalization;
using ChatBilling.Core.Documents;

namespace ChatBilling.Tests.Documents;

public class InvoiceFormatterTests
{
    private const string Nbsp = "\u00A0";

    [Theory]
    [InlineData("EUR", "en-GB", "1234.5", "€1,234.50")]
    [InlineData("GBP", "en-GB", "-12.3", "-£12.30")]
    [InlineData("USD", "en-US", "1234.5", "$1,234.50")]
    [InlineData("USD", "en-GB", "10", "USD" + Nbsp + "10.00")]
    [InlineData("EUR", "de-DE", "1234.5", "1.234,50" + Nbsp + "€")]
    [InlineData("PLN", "pl-PL", "1234.5", "1" + Nbsp + "234,50" + Nbsp + "zł")]
    [InlineData("USD", "pl-PL", "1234.5", "1" + Nbsp + "234,50" + Nbsp + "USD")]
    [InlineData("RUB", "ru-RU", "1234.5", "1" + Nbsp + "234,50" + Nbsp + "₽")]
    [InlineData("INR", "en-IN", "1234567.5", "₹12,34,567.50")]
    [InlineData("JPY", "ja-JP", "1234567", "¥1,234,567")]
    [InlineData("JPY", "en-GB", "1234567", "JPY" + Nbsp + "1,234,567")]
    [InlineData("CNY", "ja-JP", "88", "CNY" + Nbsp + "88.00")]
    [InlineData("KWD", "en-GB", "1234.5", "KWD" + Nbsp + "1,234.500")]
    [InlineData("CHF", "de-CH", "1234.5", "CHF" + Nbsp + "1’234.50")]
    public void Money_takes_decimals_from_the_currency_and_separators_from_the_locale(string currency, string locale, string amount, string expected)
    {
        var format = new InvoiceFormatter(currency, locale);

        Assert.Equal(expected, format.Money(decimal.Parse(amount, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("JPY", "1500", "JPY" + Nbsp + "1,500")]
    [InlineData("KWD", "1.5", "KWD" + Nbsp + "1.500")]
    [InlineData("CLF", "2", "CLF" + Nbsp + "2.0000")]
    public void Money_shows_exactly_the_currency_minor_units(string currency, string amount, string expected)
    {
        Assert.Equal(expected, new InvoiceFormatter(currency, "en-GB").Money(decimal.Parse(amount, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("en-GB", "05/03/2026")]
    [InlineData("en-US", "3/5/2026")]
    [InlineData("de-DE", "05.03.2026")]
    [InlineData("pl-PL", "5.03.2026")]
    public void Dates_follow_the_locale(string locale, string expected)
    {
        Assert.Equal(expected, new InvoiceFormatter("EUR", locale).Date(new DateOnly(2026, 3, 5)));
    }

    [Theory]
    [InlineData("en-GB", "0.2", "20%")]
    [InlineData("en-GB", "0.055", "5.5%")]
    [InlineData("en-GB", "0.0775", "7.75%")]
    [InlineData("en-GB", "0", "0%")]
    [InlineData("de-DE", "0.19", "19" + Nbsp + "%")]
    [InlineData("pl-PL", "0.23", "23%")]
    public void Tax_rates_show_only_the_decimals_they_need(string locale, string rate, string expected)
    {
        Assert.Equal(expected, new InvoiceFormatter("EUR", locale).Percent(decimal.Parse(rate, CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("en-GB", "3", "3")]
    [InlineData("en-GB", "1234", "1,234")]
    [InlineData("en-GB", "0.125", "0.125")]
    [InlineData("de-DE", "1.5", "1,5")]
    public void Quantities_drop_padding_zeros(string locale, string quantity, string expected)
    {
        Assert.Equal(expected, new InvoiceFormatter("EUR", locale).Quantity(decimal.Parse(quantity, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Unknown_currency_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new InvoiceFormatter("XYZ", "en-GB"));
    }

    [Fact]
    public void Unknown_locale_is_refused_rather_than_formatted_as_invariant()
    {
        Assert.Throws<ArgumentException>(() => new InvoiceFormatter("EUR", "xx-NOWHERE"));
    }
}
