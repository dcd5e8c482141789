using ChatBilling.Core.Documents;
using ChatBilling.Core.Money;

namespace ChatBilling.Bench.Documents;

/// <summary>Representative invoices: a typical one-page invoice and a long one of a chosen page count.</summary>
internal static class BenchInvoices
{
    private static readonly SellerSettings Seller = new()
    {
        Name = "ChatBilling Demo Ltd",
        AddressLines = ["1 Example Street", "London EC1A 1AA", "United Kingdom"],
        PaymentInstructions = "Barclays Bank UK PLC\nSort code 20-00-00, account 12345678\nIBAN GB33 BUKB 2000 0012 3456 78",
    };

    public static InvoiceDocumentModel OnePage() => Build(
    [
        ("Approval workflow design and configuration for the finance team", 12m, 95m, 0.2m),
        ("Slack and Teams integration, per workspace", 2m, 250m, 0.2m),
        ("Annual licence, 25 approvers", 25m, 48m, 0.2m),
        ("Onboarding workshop (remote, half day)", 1m, 600m, 0.2m),
        ("Printed quick-reference cards", 50m, 1.2m, 0m),
    ]);

    /// <summary>The same invoice for a Japanese client, in Japanese: CJK glyphs subset from the 2 MB face.</summary>
    public static InvoiceDocumentModel Japanese() => OnePage() with
    {
        Client = new InvoiceClient("株式会社サンプル", "keiri@sample.example", ["東京都千代田区丸の内1-1-1"]),
        Locale = "ja-JP",
    };

    /// <summary>The same invoice for an Arabic-writing client: HarfBuzz shaping, right to left.</summary>
    public static InvoiceDocumentModel Arabic() => OnePage() with
    {
        Client = new InvoiceClient("شركة النور للتجارة", "accounts@alnoor.example", ["شارع الملك فهد 12", "الرياض"]),
    };

    /// <summary>One invoice per script a client may write, each with its name, a line in that script and a tax id, to look at.</summary>
    public static IEnumerable<(string Name, InvoiceDocumentModel Model)> Scripts()
    {
        yield return ("latin", OnePage() with { Client = new InvoiceClient("Zakład Łódź Sp. z o.o.", "ap@lodz.example", ["ul. Piotrkowska 1", "90-001 Łódź"], "PL5260001246") });
        yield return ("japanese", Japanese());
        yield return ("arabic", Arabic());
        foreach (var (name, client, line) in new[]
        {
            ("chinese", "上海示例贸易有限公司", "软件维护服务（年度合同）"),
            ("korean", "주식회사 샘플", "소프트웨어 유지보수 서비스"),
            ("hebrew", "חברת דוגמה בעמ", "שירותי תחזוקת תוכנה לשנת 2026"),
            ("thai", "บริษัท ตัวอย่าง จำกัด", "บริการบำรุงรักษาซอฟต์แวร์ รายปี"),
            ("devanagari", "नमूना कंपनी लिमिटेड", "सॉफ़्टवेयर रखरखाव सेवा, वार्षिक"),
        })
        {
            var model = OnePage();
            yield return (name, model with
            {
                Client = new InvoiceClient(client, "ap@sample.example", [client], "TAX-123456"),
                Lines = [model.Lines[0] with { Description = line }, .. model.Lines.Skip(1)],
            });
        }
    }

    /// <summary>The smallest invoice of repeated lines that fills exactly <paramref name="pages"/> pages.</summary>
    public static InvoiceDocumentModel Pages(InvoiceRenderer renderer, int pages)
    {
        for (var lines = 10; ; lines += 5)
        {
            var model = Build(Enumerable.Range(1, lines)
                .Select(i => ($"Usage of approval service, cost centre {i % 40 + 100}, week {i % 52 + 1}", (decimal)(i % 4 + 1), 12.5m, 0.2m))
                .ToList());
            if (renderer.CountPages(model) >= pages)
            {
                return model;
            }
        }
    }

    private static InvoiceDocumentModel Build(IReadOnlyList<(string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate)> drafts)
    {
        const string currency = "GBP";
        var lines = drafts
            .Select(d => new InvoiceLine(d.Description, d.Quantity, d.UnitPrice, d.TaxRate, Currencies.Round(d.Quantity * d.UnitPrice, currency)))
            .ToList();
        var taxes = lines
            .GroupBy(l => l.TaxRate)
            .OrderByDescending(g => g.Key)
            .Select(g => new InvoiceTaxSummary(g.Key, g.Sum(l => l.Amount), Currencies.Round(g.Key * g.Sum(l => l.Amount), currency)))
            .ToList();
        var subtotal = lines.Sum(l => l.Amount);
        return new InvoiceDocumentModel
        {
            Seller = Seller,
            Client = new InvoiceClient("Northwind Traders Ltd", "accounts@northwind.example", ["Unit 4, Riverside Park", "Leeds LS1 4AP"]),
            Number = "INV-2026-0107",
            IssueDate = new DateOnly(2026, 3, 5),
            DueDate = new DateOnly(2026, 4, 4),
            Currency = currency,
            Locale = "en-GB",
            Lines = lines,
            Subtotal = subtotal,
            Taxes = taxes,
            Total = subtotal + taxes.Sum(t => t.Tax),
            Notes = "Thank you for your business. Please quote the invoice number with your payment.",
        };
    }
}
