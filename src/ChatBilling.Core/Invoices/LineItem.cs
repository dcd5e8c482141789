namespace ChatBilling.Core.Invoices;

/// <summary>One billed line; its amount and tax are computed by <see cref="InvoiceTotals"/>, never supplied.</summary>
public sealed class LineItem
{
    public long Id { get; private set; }
    public Guid InvoiceId { get; private set; }
    public int Position { get; internal set; }
    public string Description { get; internal set; } = "";
    public decimal Quantity { get; internal set; }
    public decimal UnitPrice { get; internal set; }
    /// <summary>A fraction: 0.2 is 20 %.</summary>
    public decimal TaxRate { get; internal set; }
    public decimal Amount { get; internal set; }
    public decimal Tax { get; internal set; }
}
