using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Invoices;

namespace ChatBilling.Teams.Bot;

/// <summary>The card a click answers with, and a sentence for the person who clicked.</summary>
internal sealed record ClickAnswer(JsonObject Card, string Message);

/// <summary>
/// Turns card clicks (Action.Execute invokes and their Action.Submit fallback) into decisions, and answers each
/// person with the card as they should see it: their own buttons while they may decide, the outcome otherwise.
/// A click counts only from a configured approver, found by the AAD object id Teams proved.
/// </summary>
internal sealed class CardDecisions(
    ApprovalService approvals, ApprovalCards cards, ApproverDirectory approvers, TeamsCards teamsCards, ApprovalQuestions questions)
{
    public async Task<ClickAnswer?> HandleAsync(CardActionValue action, ChannelAccount? from, CancellationToken ct)
    {
        try
        {
            return await DecideAsync(action, from, ct);
        }
        catch (NotFoundException)
        {
            const string gone = "This invoice no longer exists.";
            return new(TeamsCards.Note(gone), gone);
        }
    }

    private async Task<ClickAnswer?> DecideAsync(CardActionValue action, ChannelAccount? from, CancellationToken ct)
    {
        if (action.InvoiceId is not { } invoiceId) return null;
        var person = approvers.ByIdentity(TeamsServiceUrls.Channel, from?.AadObjectId);
        var verb = action.Verb?.Trim().ToLowerInvariant();
        if (verb == "refresh") return new(await CardForAsync(invoiceId, person, ct), "");
        if (verb is not ("approve" or "reject" or "ask")) return null;
        if (person is null)
        {
            const string why = "Your Teams account is not linked to an approver, so this click changed nothing. Ask an admin to add your AAD object id (teamsAadObjectId) to Approvals:Approvers.";
            return new(TeamsCards.WithNote(await CardForAsync(invoiceId, null, ct), why, problem: true), why);
        }
        try
        {
            // "Ask a question…" (an Action.ShowCard whose Input.Text "question" Teams merges into the action's data):
            // the step keeps waiting, and the asker sees the card with the question on it.
            if (verb == "ask")
            {
                await questions.AskAsync(invoiceId, person.Email, action.Question, TeamsServiceUrls.Channel, ct);
                const string asked = "Your question was sent to the requester and posted in the card's thread; the invoice keeps waiting for your decision.";
                return new(TeamsCards.WithNote(await CardForAsync(invoiceId, person, ct), asked, problem: false), asked);
            }
            var decided = await approvals.DecideAsync(invoiceId,
                new DecisionRequest(person.Email, verb == "approve", action.Reason, action.CardVersion), TeamsServiceUrls.Channel, ct);
            return new(TeamsCards.WithNote(await CardForAsync(invoiceId, person, ct), decided.Message, problem: false), decided.Message);
        }
        catch (Exception e) when (e is NotPermittedException or ConflictException or InvalidInputException or TransitionRefusedException)
        {
            var why = e is InvalidInputException invalid ? string.Join(" ", invalid.Errors.SelectMany(x => x.Value)) : e.Message;
            return new(TeamsCards.WithNote(await CardForAsync(invoiceId, person, ct), why, problem: true), why);
        }
    }

    private async Task<JsonObject> CardForAsync(Guid invoiceId, ApproverSettings? person, CancellationToken ct)
    {
        var shown = await cards.ForAsync(invoiceId, person?.Email, ct);
        var deciders = shown.CanDecide ? (await cards.ForChannelAsync(invoiceId, ct)).DecidableBy : [];
        return await teamsCards.BindAsync(shown, deciders, ct);
    }
}
