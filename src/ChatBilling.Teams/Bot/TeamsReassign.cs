using ChatBilling.Core.Approvals;

namespace ChatBilling.Teams.Bot;

/// <summary>
/// "Reassign…" on the Teams approval card: an <c>Action.ShowCard</c> holding an <c>Input.ChoiceSet</c> of the qualified
/// colleagues (<see cref="ReassignCandidates"/>, the list <see cref="ReassignService"/> accepts) and a note, submitted as
/// a Universal Action (<c>Action.Execute</c>, verb <c>reassign</c>). Teams sends it as an <c>adaptiveCard/action</c>
/// invoke whose <c>value.action.data</c> holds the button's data with the card's input values merged in by their ids
/// (<c>reassignTo</c>, <c>note</c>): botbuilder-dotnet <c>libraries/Microsoft.Bot.Schema/AdaptiveCardInvokeAction.cs</c>
/// ("the structure that arrives in the Activity.Value.Action"), and learn.microsoft.com/microsoftteams/platform/
/// task-modules-and-cards/cards/universal-actions-for-adaptive-cards/work-with-universal-actions-for-adaptive-cards.
/// The answer is the card the clicker sees next. Every refusal (someone unqualified, no note, a stale card, a step
/// decided meanwhile) is thrown by ReassignService before anything changes, and <see cref="CardDecisions"/> answers it
/// with the card and the reason on top.
/// </summary>
internal sealed class TeamsReassign(ReassignService reassign, ApproverDirectory approvers)
{
    public const string Verb = "reassign";

    /// <returns>The sentence for the clicker; the caller shows it on the card as it now stands for them.</returns>
    public async Task<string> HandleAsync(Guid invoiceId, ApproverSettings person, CardActionValue action, CancellationToken ct)
    {
        // The version is required here (unlike the REST route): a Teams card always carries one, and without it a
        // click on a card shown before the step moved on would hand on a step the person never saw.
        if (string.IsNullOrEmpty(action.CardVersion))
            throw InvalidInputException.For("cardVersion", "This card carries no version; open the invoice's latest card and try again.");
        var invoice = await reassign.ReassignAsync(invoiceId,
            new ReassignRequest(person.Email, action.ReassignTo, action.Note, action.CardVersion), TeamsServiceUrls.Channel, ct);
        var to = Core.Delegation.DelegationTargets.Find(approvers, action.ReassignTo!);
        return $"{invoice.Number} is with {to?.Name ?? action.ReassignTo} now; they were asked to decide it.";
    }
}
