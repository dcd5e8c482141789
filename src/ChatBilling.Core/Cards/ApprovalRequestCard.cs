using System.Text.Json;

namespace ChatBilling.Core.Cards;

/// <summary>
/// Asks an approver to decide one step of an invoice. Every value is already formatted for display; the
/// buttons carry <see cref="InvoiceId"/> and <see cref="CardVersion"/> back so a click on a stale card
/// (the invoice changed, or the step moved on) can be recognised and refused.
/// </summary>
/// <param name="Amount">The total with its currency, e.g. "EUR 1,785.00".</param>
/// <param name="StepLabel">e.g. "Step 1 of 2 · approver".</param>
/// <param name="CardVersion">The step and invoice version the card shows (ApprovalService.CardVersion), echoed back by clicks.</param>
/// <param name="ReassignTo">The colleagues the waiting step may be handed to (ReassignCandidates: qualified, not holding it
/// now); the "Reassign…" field offers them and is left out when empty. Values are emails, which ReassignService finds exactly.</param>
/// <param name="RefreshUserIds">Teams users whose card refreshes itself when shown; null lets Teams decide.</param>
public sealed record ApprovalRequestCard(
    Guid InvoiceId,
    string Number,
    string ClientName,
    string Amount,
    string IssueDate,
    string DueDate,
    int LineCount,
    string StepLabel,
    string RequestedBy,
    string PreviewImageUrl,
    string PdfUrl,
    CardList<CardCheck> Checks,
    string CardVersion,
    IReadOnlyList<CardChoice> ReassignTo,
    IReadOnlyList<string>? RefreshUserIds = null) : ICard
{
    public static string TemplateName => "approval-request";

    /// <summary>The Slack button value: JSON built here rather than in the template so it is always escaped right.</summary>
    public string ActionValue => JsonSerializer.Serialize(new CardActionData(InvoiceId, CardVersion), CardJson.Options);

}

/// <summary>Something the approver should look at before deciding (a due date in the past, an unusual amount).</summary>
public sealed record CardCheck(CheckSeverity Severity, string Text);

/// <summary>Serialised as "warning" or "info".</summary>
public enum CheckSeverity
{
    Warning,
    Info,
}

/// <summary>What the Approve and Reject buttons send back (Teams action data, Slack button value).</summary>
public sealed record CardActionData(Guid InvoiceId, string CardVersion);
