using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Invoices;
using Microsoft.EntityFrameworkCore;

namespace ChatBilling.Teams.Bot;

/// <summary>The card a click answers with, and a sentence for the person who clicked.</summary>
internal sealed record ClickAnswer(JsonObject Card, string Message);

/// <summary>
/// Turns card clicks (Action.Execute invokes and their Action.Submit fallback) into decisions, and answers each
/// person with the card as they should see it: their own buttons while they may decide, the outcome otherwise.
/// A click counts only from a configured approver, found by the AAD object id Teams proved.
/// </summary>
internal sealed class CardDecisions(ApprovalService approvals, ApprovalCards cards, ApproverDirectory approvers, TeamsCards teamsCards,
    ApprovalQuestions questions, TeamsDecisionInbox inbox, Core.Delegation.Delegations delegations, TeamsReassign reassign,
    Core.Storage.ChatBillingDb db)
{
    /// <param name="activityKey">The invoke's conversation and activity id: with it, a click that will count is stored and
    /// applied right after the answer; without it (the Action.Submit fallback) the click is decided in the request.</param>
    public async Task<ClickAnswer?> HandleAsync(CardActionValue action, ChannelAccount? from, CancellationToken ct, string? activityKey = null)
    {
        try
        {
            return await DecideAsync(action, from, activityKey, ct);
        }
        catch (NotFoundException)
        {
            const string gone = "This invoice no longer exists.";
            return new(TeamsCards.Note(gone), gone);
        }
    }

    private async Task<ClickAnswer?> DecideAsync(CardActionValue action, ChannelAccount? from, string? activityKey, CancellationToken ct)
    {
        if (action.InvoiceId is not { } invoiceId) return null;
        var person = approvers.ByIdentity(TeamsServiceUrls.Channel, from?.AadObjectId);
        var verb = action.Verb?.Trim().ToLowerInvariant();
        if (verb == "refresh") return new(await CardForAsync(invoiceId, person, ct), "");
        if (verb is not ("approve" or "reject" or "ask" or TeamsReassign.Verb)) return null;
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
            if (verb == TeamsReassign.Verb)
            {
                var handed = await reassign.HandleAsync(invoiceId, person, action, ct);
                return new(TeamsCards.WithNote(await CardForAsync(invoiceId, person, ct), handed, problem: false), handed);
            }
            if (activityKey is not null && await QueueAsync(action, invoiceId, person, verb == "approve", activityKey, ct) is { } queued) return queued;
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

    /// <summary>
    /// Stores a click that will count and answers with the card as it stands, minus the buttons, saying the decision is
    /// recorded: the invoke stays within Teams' budget because nothing is decided, rendered or previewed in it. The checks
    /// are ApprovalService.DecideAsync's own, read without a write lock (a current card, a pending step this person may
    /// decide, a reason for a rejection); a click that fails one is decided in the request instead, which refuses it and
    /// answers with the reason, as before. Universal Actions answer an Action.Execute with the card to show in place of
    /// the old one (learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/universal-actions-for-adaptive-cards/
    /// work-with-universal-actions-for-adaptive-cards, "adaptiveCard/action invoke activity"); the decision's own card
    /// updates then replace it with the outcome, for the clicker and everyone else. The card is the one a Refresh by
    /// nobody in particular gets (<see cref="ApprovalCards.ForNobodyWithFactsAsync"/>), and the checks run on the invoice
    /// and steps that card was built from: four reads on one connection, today's delegations coming from the host's
    /// short-lived copy (<see cref="Core.Delegation.TodaysDelegations"/>).
    /// </summary>
    private async Task<ClickAnswer?> QueueAsync(CardActionValue action, Guid invoiceId, ApproverSettings person, bool approve, string activityKey,
        CancellationToken ct)
    {
        if (action.CardVersion is not { } version) return null;
        var reason = action.Reason?.Trim();
        if (!approve && (string.IsNullOrEmpty(reason) || reason.Length > ApprovalService.MaxReasonLength)) return null;
        // One connection for the reads: each would otherwise take one from the pool and, on SQLite, set its busy timeout again.
        await db.Database.OpenConnectionAsync(ct);
        CardWithFacts shown;
        try
        {
            shown = await cards.ForNobodyWithFactsAsync(invoiceId, ct);
            var (_, invoice, steps) = shown;
            if (invoice.Status != InvoiceStatus.PendingApproval) return null;
            var round = steps.Count == 0 ? 0 : steps.Max(s => s.Round);
            var current = steps.FirstOrDefault(s => s.Round == round && s.Status == StepStatus.Pending);
            if (current is null || version != ApprovalService.CardVersion(invoice, current)) return null;
            if (approve && approvers.RequiresDistinctApprovers
                && steps.Any(s => s.Round == round && s.Status == StepStatus.Approved && s.DecidedBy == person.Email)) return null;
            if (approvals.Authority(invoice, steps, current, person, await delegations.TodayAsync(ct)).WhyNot is not null) return null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        // Storing the click changes nothing the card shows: it is the card as it stands, before the decision. Answered only
        // once the click is durably stored: an acknowledged click is never lost.
        await inbox.QueueAsync(activityKey, new TeamsDecisionWork(invoiceId, person.Email, approve, reason, version), ct);
        var number = shown.Invoice.Number;
        var note = approve ? $"Your approval of {number} is recorded; this card shows the outcome in a moment."
            : $"Your rejection of {number} is recorded; this card shows the outcome in a moment.";
        return new(TeamsCards.WithNote(await teamsCards.BindAsync(shown.Card, [], ct), note, problem: false), note);
    }

    private async Task<JsonObject> CardForAsync(Guid invoiceId, ApproverSettings? person, CancellationToken ct)
    {
        var shown = await cards.ForAsync(invoiceId, person?.Email, ct);
        var deciders = shown.CanDecide ? (await cards.ForChannelAsync(invoiceId, ct)).DecidableBy : [];
        return await teamsCards.BindAsync(shown, deciders, ct);
    }
}
