using ChatBilling.Core.Documents;
using ChatBilling.Core.Money;

namespace ChatBilling.Tests.Documents;

/// <summary>Invoice models for rendering tests, with amounts computed the way a caller would.</summary>
internal static class InvoiceSamples
{
    public static readonly SellerSettings Seller = new()
    {
        Name = "Zakład Łódź Sp. z o.o.",
        AddressLines = ["ul. Piotrkowska 104", "90-926 Łódź", "Polska"],
        TaxId = "PL7251234567",
        Email = "faktury@zaklad-lodz.example",
        PaymentInstructions = "Bank: mBank S.A.\nIBAN: PL61 1090 1014 0000 0712 1981 2874\nSWIFT: BREXPLPW",
    };

    public static InvoiceDocumentModel OnePage(string currency = "EUR", string locale = "en-GB") => Build(
        currency,
        locale,
        [
            new("Consulting: approval workflow design for Çelik İnşaat", 12m, 95m, 0.2m),
            new("Лицензия на программное обеспечение (годовая)", 1m, 1200m, 0.2m),
            new("Υπηρεσίες υποστήριξης — Αθήνα", 3.5m, 80m, 0.2m),
            new("Hosting, reduced rate", 1m, 49.99m, 0.05m),
        ]);

    public static InvoiceDocumentModel Long(int lines) => Build(
        "GBP",
        "en-GB",
        Enumerable.Range(1, lines)
            .Select(i => new Draft($"Line {i}: usage of approval service, period week {i % 52 + 1}" + (i % 7 == 0 ? " including extended audit log retention and priority support" : string.Empty), i % 5 + 1, 12.5m, 0.2m))
            .ToList());

    public static InvoiceDocumentModel Build(string currency, string locale, IReadOnlyList<Draft> drafts, string client = "Çelik İnşaat A.Ş.")
    {
        var lines = drafts
            .Select(d => new InvoiceLine(d.Description, d.Quantity, d.UnitPrice, d.TaxRate, Currencies.Round(d.Quantity * d.UnitPrice, currency)))
            .ToList();
        var taxes = lines
            .GroupBy(l => l.TaxRate)
            .OrderByDescending(g => g.Key)
            .Select(g => new InvoiceTaxSummary(g.Key, g.Sum(l => l.Amount), Currencies.Round(g.Sum(l => l.Amount) * g.Key, currency)))
            .ToList();
        var subtotal = lines.Sum(l => l.Amount);
        return new InvoiceDocumentModel
        {
            Seller = Seller,
            Client = new InvoiceClient(client, "accounts@celik.example", ["Büyükdere Cad. 185", "34394 Şişli / İstanbul", "Türkiye"]),
            Number = "INV-2026-0042",
            IssueDate = new DateOnly(2026, 3, 5),
            DueDate = new DateOnly(2026, 4, 4),
            Currency = currency,
            Locale = locale,
            Lines = lines,
            Subtotal = subtotal,
            Taxes = taxes,
            Total = subtotal + taxes.Sum(t => t.Tax),
            Notes = "Thank you for your business. Please quote the invoice number with your payment.",
        };
    }

    internal sealed record Draft(string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate);
}
