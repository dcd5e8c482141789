namespace ChatBilling.Core.Invoices;

/// <summary>Filters of <c>GET /api/invoices</c>; null means "any".</summary>
public sealed record InvoiceQuery(
    InvoiceStatus? Status = null,
    Guid? ClientId = null,
    bool? Overdue = null,
    bool? Sent = null,
    int Limit = 50,
    int Offset = 0)
{
    public const int MaxLimit = 500;
}
