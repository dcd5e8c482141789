namespace ChatBilling.Core.Documents;

/// <summary>Page sizes the renderer lays out for.</summary>
public enum PaperSize
{
    A4,
    Letter,
}

/// <summary>Who the invoice is addressed to.</summary>
/// <param name="TaxId">The buyer's VAT or tax number; EU VAT rules (Directive 2006/112/EC, art. 226) require it on B2B invoices.</param>
public sealed record InvoiceClient(string Name, string? Email, IReadOnlyList<string> AddressLines, string? TaxId = null);

/// <summary>One line of the invoice. <see cref="TaxRate"/> is a fraction (0.2 = 20 %); <see cref="Amount"/> is net.</summary>
public sealed record InvoiceLine(string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate, decimal Amount);

/// <summary>Tax charged at one rate: the net amount it applies to and the tax itself.</summary>
public sealed record InvoiceTaxSummary(decimal Rate, decimal TaxableAmount, decimal Tax);

/// <summary>
/// Everything an invoice document shows, already computed by the caller: the renderer formats and draws,
/// it never adds up or rounds amounts, so the document cannot disagree with the ledger.
/// </summary>
public sealed record InvoiceDocumentModel
{
    public required SellerSettings Seller { get; init; }

    public required InvoiceClient Client { get; init; }

    public required string Number { get; init; }

    public required DateOnly IssueDate { get; init; }

    public required DateOnly DueDate { get; init; }

    /// <summary>ISO 4217 code; decides the decimals shown (JPY 0, EUR 2, KWD 3).</summary>
    public required string Currency { get; init; }

    /// <summary>Culture name deciding separators and date format, e.g. "en-GB", "pl-PL", "de-DE".</summary>
    public string Locale { get; init; } = "en-GB";

    /// <summary>The language of the labels when it was frozen with the document; otherwise the locale's language.</summary>
    public string? Language { get; init; }

    public PaperSize PaperSize { get; init; } = PaperSize.A4;

    public required IReadOnlyList<InvoiceLine> Lines { get; init; }

    public required decimal Subtotal { get; init; }

    public required IReadOnlyList<InvoiceTaxSummary> Taxes { get; init; }

    public required decimal Total { get; init; }

    public string? Notes { get; init; }
}
