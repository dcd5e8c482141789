namespace ChatBilling.Core.Payments;

public enum PaymentOutcome
{
    /// <summary>Counted towards the invoice.</summary>
    Applied,
    /// <summary>Counted, and more than the invoice's balance: the excess is an exception to refund or credit.</summary>
    Overpayment,
    /// <summary>No invoice matches; kept for a person to match by hand.</summary>
    Unmatched,
    /// <summary>The invoice exists but cannot take money (it is void); kept as an exception.</summary>
    NotApplied,
}

/// <summary>A payment as reported by a bank feed or payment provider. Never deleted: exceptions stay visible.</summary>
public sealed class Payment
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();
    /// <summary>Set when recorded, or later when a person matches an unmatched payment by hand.</summary>
    public Guid? InvoiceId { get; internal set; }
    /// <summary>The invoice number or id exactly as the caller gave it.</summary>
    public required string InvoiceReference { get; init; }
    public decimal Amount { get; init; }
    public string? Currency { get; init; }
    public DateOnly PaidOn { get; init; }
    public required string Reference { get; init; }
    /// <summary>The invoice (or the unmatched reference) plus the payment reference: the same report counts once.</summary>
    public required string DedupKey { get; init; }
    /// <summary>Also the concurrency token: two people matching one payment at once cannot both apply it.</summary>
    public PaymentOutcome Outcome { get; internal set; }
    public decimal Excess { get; internal set; }
    public DateTimeOffset RecordedAt { get; init; }
    public required string RecordedBy { get; init; }
    /// <summary>Who matched an unmatched payment to an invoice by hand, and when.</summary>
    public string? MatchedBy { get; internal set; }
    public DateTimeOffset? MatchedAt { get; internal set; }
}
