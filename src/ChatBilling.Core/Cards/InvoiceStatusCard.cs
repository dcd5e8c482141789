namespace ChatBilling.Core.Cards;

/// <summary>The answer to "status of INV-…": where the invoice is, its approval steps and what happened to it, in words.</summary>
/// <param name="Status">In words, e.g. "Waiting for approval" or "Sent · 12 days overdue".</param>
/// <param name="Balance">What is still owed, e.g. "EUR 1,000.00 of EUR 2,142.00"; null when nothing is owed or it was not sent.</param>
/// <param name="LinkViews">e.g. "viewed 2 times, last 10:42"; null hides the line.</param>
public sealed record InvoiceStatusCard(
    string Number,
    string ClientName,
    string Status,
    string Amount,
    string DueDate,
    string? Balance,
    CardList<StepItem> Steps,
    CardList<TimelineItem> Timeline,
    string? LinkViews,
    string PdfUrl) : ICard
{
    public static string TemplateName => "invoice-status";
}

/// <summary>One approval step: who decided it, or who may decide it and by when.</summary>
/// <param name="Label">e.g. "Step 2 of 2 · finance".</param>
/// <param name="State">e.g. "Approved by Dana Approver, 1 Dec 10:00 UTC" or "Waiting for Sam Finance · decide by 2 Dec 10:00 UTC".</param>
public sealed record StepItem(string Label, string State, bool Open);

/// <summary>One line of the invoice's history.</summary>
public sealed record TimelineItem(string When, string Text);
