using ChatBilling.Core.Invoices;

namespace ChatBilling.Core.Approvals;

/// <summary>What a person asked for: approve or reject, optionally from a card that carries the version it showed.</summary>
/// <param name="Via">The API key that records the decision for the approver, kept in the history beside the approver.</param>
public sealed record DecisionRequest(string ApproverEmail, bool Approve, string? Reason, string? CardVersion = null, string? Via = null);

public enum DecisionResult
{
    /// <summary>The decision changed the invoice.</summary>
    Applied,
    /// <summary>The same person already made this decision (a double click); nothing changed.</summary>
    AlreadyDecided,
}

/// <summary>The result of a decision, with a sentence for the person who clicked.</summary>
public sealed record Decided(DecisionResult Result, Invoice Invoice, ApprovalStep Step, string Message);
