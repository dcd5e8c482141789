namespace ChatBilling.Core.Cards;

/// <summary>Replaces an approval request once its step is decided; it has no decision buttons.</summary>
/// <param name="OutcomeText">e.g. "Approved by Dana Approver", "Rejected by Sam: wrong rate", "Waiting for step 2 of 2 · finance".</param>
public sealed record DecidedCard(
    string Number,
    string ClientName,
    string Amount,
    DecisionOutcome Outcome,
    string OutcomeText,
    string DecidedAt,
    string PdfUrl) : ICard
{
    public static string TemplateName => "decided";
}

/// <summary>Picks the colour and icon of the outcome line; serialised as "approved", "rejected" or "waiting".</summary>
public enum DecisionOutcome
{
    Approved,
    Rejected,
    Waiting,
}
