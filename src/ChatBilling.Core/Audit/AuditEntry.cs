using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Audit;

/// <summary>One line of an invoice's history. Append-only: written with the change it records, never updated.</summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }
    public Guid InvoiceId { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public required string Channel { get; init; }
    public required string Action { get; init; }
    public InvoiceStatus? FromStatus { get; init; }
    public InvoiceStatus? ToStatus { get; init; }
    public string? Detail { get; init; }
    /// <summary>The API key (<c>key:erp-sync</c>) that recorded this for <see cref="Actor"/>; null when the actor acted themselves.</summary>
    public string? Via { get; init; }
}
