using ChatBilling.Core.Invoices;
using ChatBilling.Core.Money;

namespace ChatBilling.Tests.Invoices;

public class MoneyTests
{
    [Theory]
    [InlineData("JPY", 0)]
    [InlineData("EUR", 2)]
    [InlineData("USD", 2)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    [InlineData("ISK", 0)]
    public void Minor_units_follow_ISO_4217(string currency, int minorUnits) =>
        Assert.Equal(minorUnits, Currencies.MinorUnits(currency));

    [Theory]
    [InlineData("XXY")]
    [InlineData("eur")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_or_lower_case_codes_are_not_currencies(string? code) => Assert.False(Currencies.IsKnown(code));

    [Theory]
    // currency, quantity, unit price, tax rate -> line amount, line tax, total
    [InlineData("JPY", "3", "333.5", "0.10", "1001", "100", "1101")]
    [InlineData("JPY", "1", "99.5", "0", "100", "0", "100")]
    [InlineData("EUR", "3", "100.005", "0.23", "300.02", "69.00", "369.02")]
    [InlineData("EUR", "1", "0.125", "0", "0.13", "0", "0.13")]
    [InlineData("EUR", "1.5", "80", "0.19", "120.00", "22.80", "142.80")]
    [InlineData("KWD", "1", "10.0005", "0.05", "10.001", "0.500", "10.501")]
    [InlineData("KWD", "2", "1.23456", "0.15", "2.469", "0.370", "2.839")]
    [InlineData("EUR", "1", "-10.005", "0", "-10.01", "0", "-10.01")]
    public void Line_amounts_and_tax_round_to_the_currency_half_away_from_zero(
        string currency, string quantity, string unitPrice, string taxRate, string amount, string tax, string total)
    {
        var line = new LineItem { Quantity = decimal.Parse(quantity), UnitPrice = decimal.Parse(unitPrice), TaxRate = decimal.Parse(taxRate) };
        var totals = InvoiceTotals.Apply([line], currency);
        Assert.Equal(decimal.Parse(amount), line.Amount);
        Assert.Equal(decimal.Parse(tax), line.Tax);
        Assert.Equal(decimal.Parse(total), totals.Total);
    }

    [Fact]
    public void Totals_are_the_sum_of_rounded_lines_and_tax_is_grouped_by_rate()
    {
        LineItem[] lines =
        [
            new() { Quantity = 1, UnitPrice = 0.333m, TaxRate = 0.2m },
            new() { Quantity = 1, UnitPrice = 0.333m, TaxRate = 0.2m },
            new() { Quantity = 2, UnitPrice = 10m, TaxRate = 0.05m },
        ];
        var (subtotal, tax, total) = InvoiceTotals.Apply(lines, "EUR");
        Assert.Equal(20.66m, subtotal);
        Assert.Equal(1.14m, tax);
        Assert.Equal(subtotal + tax, total);
        Assert.Equal([(0.05m, 20.00m, 1.00m), (0.2m, 0.66m, 0.14m)], InvoiceTotals.ByRate(lines));
    }
}
