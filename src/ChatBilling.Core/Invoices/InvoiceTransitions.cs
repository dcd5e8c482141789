using System.Collections.Frozen;

namespace ChatBilling.Core.Invoices;

/// <summary>The one table of legal status moves; every change of status goes through <see cref="Check"/>.</summary>
public static class InvoiceTransitions
{
    private static readonly FrozenDictionary<InvoiceStatus, InvoiceStatus[]> Allowed =
        new Dictionary<InvoiceStatus, InvoiceStatus[]>
        {
            // Submitting asks for approval, or approves at once under the auto-approve threshold.
            [InvoiceStatus.Draft] = [InvoiceStatus.PendingApproval, InvoiceStatus.Approved, InvoiceStatus.Void],
            [InvoiceStatus.PendingApproval] = [InvoiceStatus.Approved, InvoiceStatus.Rejected, InvoiceStatus.Draft, InvoiceStatus.Void],
            // A rejected invoice is edited and submitted again.
            [InvoiceStatus.Rejected] = [InvoiceStatus.PendingApproval, InvoiceStatus.Approved, InvoiceStatus.Void],
            // Money can arrive before the email goes out (a customer paying from a pro-forma).
            [InvoiceStatus.Approved] = [InvoiceStatus.Sent, InvoiceStatus.Failed, InvoiceStatus.Paid, InvoiceStatus.Void],
            // A failed send is retried (back to Approved) or the invoice is withdrawn; or the client pays anyway.
            [InvoiceStatus.Failed] = [InvoiceStatus.Approved, InvoiceStatus.Paid, InvoiceStatus.Void],
            [InvoiceStatus.Sent] = [InvoiceStatus.Paid, InvoiceStatus.Void],
            [InvoiceStatus.Paid] = [],
            [InvoiceStatus.Void] = [],
        }.ToFrozenDictionary();

    public static bool IsAllowed(InvoiceStatus from, InvoiceStatus to) => Allowed[from].Contains(to);

    /// <summary>Null when the move is legal, otherwise the reason it is refused, phrased for a person.</summary>
    public static string? Check(InvoiceStatus from, InvoiceStatus to)
    {
        if (IsAllowed(from, to)) return null;
        if (from == to) return $"The invoice is already {from}.";
        return from switch
        {
            InvoiceStatus.Paid => "A paid invoice is final; issue a credit note instead of changing it.",
            InvoiceStatus.Void => "A void invoice is final.",
            InvoiceStatus.Sent => $"A sent invoice can only become Paid or Void, not {to}.",
            _ => $"An invoice that is {from} cannot become {to}.",
        };
    }
}
