using ChatBilling.Core;
using ChatBilling.Core.Audit;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Host.Invoices;

/// <summary>
/// An invoice as <c>GET /api/invoices/{id}</c> shows it (shared/CONTRACT.md names the fields). <c>amountDue</c> is the
/// contract's name for what is still owed; <c>balance</c>, the same figure, stays for the callers that already read it.
/// </summary>
public sealed record InvoiceResponse(
    Guid Id, string Number, InvoiceStatus Status, Guid ClientId, string Currency,
    decimal Subtotal, decimal Tax, decimal Total, decimal AmountPaid, decimal AmountDue, decimal Balance, DateOnly IssueDate, DateOnly DueDate, DateOnly? WorkCompletedOn, DateOnly? SendOn,
    string? Notes, IReadOnlyList<LineItemResponse> LineItems, bool Overdue,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? SentAt, DateTimeOffset? PaidAt, int Version)
{
    public static InvoiceResponse From(Invoice i, TimeProvider time) => new(
        i.Id, i.Number, i.Status, i.ClientId, i.Currency, i.Subtotal, i.Tax, i.Total, i.AmountPaid, i.AmountDue, i.AmountDue,
        i.IssueDate, i.DueDate,
        i.WorkCompletedOn, i.SendOn, i.Notes,
        i.LineItems.OrderBy(l => l.Position)
            .Select(l => new LineItemResponse(l.Position, l.Description, l.Quantity, l.UnitPrice, l.TaxRate, l.Amount, l.Tax)).ToList(),
        i.IsOverdue(time.Today()), i.CreatedAt, i.UpdatedAt, i.SentAt, i.PaidAt, i.Version);
}

public sealed record LineItemResponse(
    int Position, string Description, decimal Quantity, decimal UnitPrice, decimal TaxRate, decimal Amount, decimal Tax);

/// <summary>One line of <c>GET /api/invoices/{id}/history</c>.</summary>
public sealed record HistoryEntryResponse(
    DateTimeOffset At, string Actor, string Action, InvoiceStatus? FromStatus, InvoiceStatus? ToStatus, string Channel, string? Detail,
    string? Via = null)
{
    public static HistoryEntryResponse From(AuditEntry a) => new(a.At, a.Actor, a.Action, a.FromStatus, a.ToStatus, a.Channel, a.Detail, a.Via);
}
