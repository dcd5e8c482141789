namespace ChatBilling.Core.Reconciliation;

/// <summary>
/// The weekly exception report: money and invoices that do not match up and need a person. Each list is
/// disjoint from the others, so the counts add up to the work to do.
/// </summary>
/// <param name="IsoWeek">The ISO week the report is for, e.g. "2026-W47"; it is sent once per week.</param>
/// <param name="AsOf">The team's date the figures are taken on.</param>
/// <param name="UnmatchedPayments">Payments that name no invoice we know, or a void one: to match or refund by hand.</param>
/// <param name="Overpayments">Invoices paid beyond their total: the excess is a credit to refund or carry forward.</param>
/// <param name="PartialPayments">Invoices partly paid and not yet due.</param>
/// <param name="PastDueWithPayment">Invoices past due that have a payment reference but are not Paid: short payments to chase.</param>
public sealed record ReconciliationReport(
    string IsoWeek,
    DateOnly AsOf,
    IReadOnlyList<UnmatchedPayment> UnmatchedPayments,
    IReadOnlyList<ReconciledInvoice> Overpayments,
    IReadOnlyList<ReconciledInvoice> PartialPayments,
    IReadOnlyList<ReconciledInvoice> PastDueWithPayment)
{
    public int Total => UnmatchedPayments.Count + Overpayments.Count + PartialPayments.Count + PastDueWithPayment.Count;
}

/// <param name="Problem">"no such invoice" or "invoice is void".</param>
/// <param name="New">Received in the seven days before the report, so not in last week's report.</param>
public sealed record UnmatchedPayment(
    Guid PaymentId, string Reference, string InvoiceReference, decimal Amount, string? Currency, DateOnly PaidOn, string Problem, bool New);

/// <param name="Difference">Balance still owed (positive) or the excess received (negative for overpayments).</param>
/// <param name="PaymentReferences">The references of the payments applied, oldest first.</param>
public sealed record ReconciledInvoice(
    Guid InvoiceId, string Number, string ClientName, string Status, string Currency, decimal Total, decimal AmountPaid,
    decimal Difference, DateOnly DueDate, int DaysPastDue, IReadOnlyList<string> PaymentReferences);
