namespace ChatBilling.Core.Metrics;

/// <summary>
/// What the numbers are computed from, read out of the audit trail and the invoices. Kept free of the store,
/// so the arithmetic can be tested and benchmarked on crafted histories.
/// </summary>
public sealed record MetricsFacts(
    IReadOnlyList<SentInvoiceFact> Sent,
    IReadOnlyList<ApprovalFact> Approvals,
    IReadOnlyList<PaymentFact> Payments);

/// <summary>An invoice as first emailed: the "sent" audit line, with what it was scheduled for.</summary>
/// <param name="VoidedAt">When it was voided after sending, if ever: from then on it is no longer owed.</param>
public sealed record SentInvoiceFact(
    Guid InvoiceId, string Currency, decimal Total, DateOnly IssueDate, DateOnly? WorkCompletedOn, DateOnly? SendOn,
    DateTimeOffset SentAt, DateTimeOffset? VoidedAt = null);

/// <summary>One human approval: from the "submitted" line to the "approved" line that ended that round.</summary>
public sealed record ApprovalFact(Guid InvoiceId, DateTimeOffset SubmittedAt, DateTimeOffset ApprovedAt)
{
    public double Hours => (ApprovedAt - SubmittedAt).TotalHours;
}

/// <summary>Money applied to an invoice, dated by when the customer paid.</summary>
public sealed record PaymentFact(Guid InvoiceId, decimal Amount, DateOnly PaidOn);
