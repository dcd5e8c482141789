namespace ChatBilling.Core.Invoices;

/// <summary>The statuses of shared/CONTRACT.md. Overdue is derived (Sent, unpaid, past due), never stored.</summary>
public enum InvoiceStatus
{
    Draft,
    PendingApproval,
    Rejected,
    Approved,
    Sent,
    Failed,
    Paid,
    Void,
}
