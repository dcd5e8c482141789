namespace ChatBilling.Core.Cards;

/// <summary>The answer to "status of INV-…": where the invoice is and what happened to it.</summary>
/// <param name="LinkViews">e.g. "viewed 2 times, last 10:42"; null hides the line.</param>
public sealed record InvoiceStatusCard(
    string Number,
    string ClientName,
    string Status,
    string Amount,
    string DueDate,
    CardList<TimelineItem> Timeline,
    string? LinkViews,
    string PdfUrl) : ICard
{
    public static string TemplateName => "invoice-status";
}

/// <summary>One line of the invoice's history.</summary>
public sealed record TimelineItem(string When, string Text);
