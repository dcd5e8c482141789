namespace ChatBilling.Core.Cards;

/// <summary>
/// Every list answer of ask-the-bot (overdue, unpaid, pending, mine, a client's balance, sent/paid/approved in a period,
/// failed sends, drafts): what was understood, the most urgent invoices, the totals still owed and a link to the rest.
/// </summary>
/// <param name="Title">What was asked and understood, e.g. "Overdue for Acme GmbH, over €10,000.00".</param>
/// <param name="Chips">The filters, one per chip, e.g. ["Acme GmbH", "over €10,000.00"]; empty when none.</param>
/// <param name="EmptyLine">Shown when nothing matched, e.g. "Overdue for Acme GmbH, over €10,000.00: none."</param>
/// <param name="TotalsLabel">e.g. "Still owed" or "Total".</param>
/// <param name="ConsoleUrl">The full list in the web console; null hides the link.</param>
public sealed record InvoiceListCard(
    string Title,
    IReadOnlyList<string> Chips,
    CardList<InvoiceListItem> Items,
    IReadOnlyList<CurrencyTotal> Totals,
    string TotalsLabel,
    string EmptyLine,
    string? ConsoleUrl) : ICard
{
    public static string TemplateName => "invoice-list";

    /// <summary>Items carry Approve buttons ("waiting for you"): Slack then shows one section per item, its button beside it.</summary>
    public bool Decidable => Items.Items.Any(i => i.Approve is not null);
}

/// <summary>One invoice of a list answer.</summary>
/// <param name="Amount">What the list is about: the amount still owed for unpaid ones, the total otherwise.</param>
/// <param name="Detail">The second line, e.g. "Due 1 Nov 2026" or "Step 1 of 2 · approver · Dana Approver".</param>
/// <param name="Note">The short line under the amount, e.g. "21 days overdue" or "waiting 3 h".</param>
/// <param name="Urgent">Shows <paramref name="Note"/> in the attention colour.</param>
public sealed record InvoiceListItem(string Number, string ClientName, string Amount, string Detail, string Note, bool Urgent)
{
    /// <summary>
    /// What the item's Approve button sends ("waiting for you" only): the invoice and the card version of its waiting step,
    /// the same data as the approval card's own Approve, so the click is judged, and refused when stale, the same way.
    /// </summary>
    public CardActionData? Approve { get; init; }

    /// <summary>The Slack button value, serialised here so it is always escaped right; null without a button.</summary>
    public string? ApproveValue => Approve is null ? null : System.Text.Json.JsonSerializer.Serialize(Approve, CardJson.Options);
}
