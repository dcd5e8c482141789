using ChatBilling.Core.Money;

namespace ChatBilling.Core.Invoices;

/// <summary>The one place where line amounts, tax and totals are computed.</summary>
public static class InvoiceTotals
{
    /// <summary>
    /// Each line is rounded to the currency's minor unit, and so is its tax, so the document's lines add up
    /// to its totals exactly, as tax authorities that check line by line expect.
    /// </summary>
    public static (decimal Subtotal, decimal Tax, decimal Total) Apply(IEnumerable<LineItem> lines, string currency)
    {
        decimal subtotal = 0, tax = 0;
        foreach (var line in lines)
        {
            line.Amount = Currencies.Round(line.Quantity * line.UnitPrice, currency);
            line.Tax = Currencies.Round(line.Amount * line.TaxRate, currency);
            subtotal += line.Amount;
            tax += line.Tax;
        }
        return (subtotal, tax, subtotal + tax);
    }

    /// <summary>Tax grouped by rate, for documents that must show each rate's base and tax.</summary>
    public static IReadOnlyList<(decimal Rate, decimal Base, decimal Tax)> ByRate(IEnumerable<LineItem> lines) =>
        lines.GroupBy(l => l.TaxRate)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Sum(l => l.Amount), g.Sum(l => l.Tax)))
            .ToList();
}
