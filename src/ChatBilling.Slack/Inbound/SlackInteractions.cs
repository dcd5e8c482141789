using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBilling.Core.Approvals;
using ChatBilling.Core.Cards;
using ChatBilling.Core.Invoices;
using ChatBilling.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBilling.Slack.Inbound;

/// <summary>
/// <c>POST /slack/interactions</c>: button clicks on approval cards and the reject modal's submission. Answers Slack
/// at once: the decision itself is stored as outbox work and made a moment later, and the modal opens in the background.
/// Socket Mode's <c>interactive</c> envelopes come here too.
/// </summary>
public static class SlackInteractions
{
    public const string ApproveAction = "approve";
    public const string RejectAction = "reject";

    // Only singletons here: a click's acknowledgement builds no database context (profiling 200 concurrent clicks showed
    // resolving one per request, and its options, as the largest cost of the request itself).
    public static async Task<IResult> HandleAsync(HttpContext http, SlackInboxWriter inbox, SlackModals modals,
        SlackPeople people, CancellationToken ct)
    {
        try
        {
            return await HandleShapedAsync(http, inbox, modals, people, ct);
        }
        catch (Exception e) when (SlackJson.IsShapeError(e))
        {
            return BadPayload("The payload's JSON is not shaped as Slack's interaction payloads are.");
        }
    }

    private static async Task<IResult> HandleShapedAsync(HttpContext http, SlackInboxWriter inbox, SlackModals modals,
        SlackPeople people, CancellationToken ct)
    {
        var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(SlackBody.Of(http)));
        if (!form.TryGetValue("payload", out var raw) || TryParse(raw.ToString()) is not { } payload)
            return BadPayload("The form field 'payload' must hold Slack's interaction JSON.");
        var userId = payload["user"]?["id"].Text();
        if (string.IsNullOrEmpty(userId)) return BadPayload("payload.user.id is missing.");

        return payload["type"].Text() switch
        {
            "block_actions" => await ClickedAsync(payload, userId, inbox, modals, people, ct),
            "view_submission" when payload["view"]?["callback_id"].Text() == SlackModals.RejectCallbackId =>
                await ReasonGivenAsync(payload, userId, inbox, http.RequestServices, ct),
            "view_submission" when payload["view"]?["callback_id"].Text() == Questions.SlackQuestions.CallbackId =>
                await Questions.SlackQuestions.SubmittedAsync(payload, userId, inbox, ct),
            "view_submission" when payload["view"]?["callback_id"].Text() == Questions.SlackReassign.CallbackId =>
                await Questions.SlackReassign.SubmittedAsync(payload, userId, inbox, ct),
            // view_closed, shortcuts and anything newer: nothing to do, but Slack wants its 200.
            _ => TypedResults.Ok(),
        };
    }

    private static async Task<IResult> ClickedAsync(JsonObject payload, string userId, SlackInboxWriter inbox, SlackModals modals,
        SlackPeople people, CancellationToken ct)
    {
        var action = payload["actions"]?[0];
        var actionId = action?["action_id"].Text();
        // "Open PDF" is a link button; Slack reports its click too, and there is nothing to do.
        if (actionId is not (ApproveAction or RejectAction or Questions.SlackQuestions.AskAction or Questions.SlackReassign.Action)) return TypedResults.Ok();
        var triggerId = payload["trigger_id"].Text();
        var channelId = payload["channel"]?["id"].Text() ?? payload["container"]?["channel_id"].Text();
        if (string.IsNullOrEmpty(triggerId) || string.IsNullOrEmpty(channelId) || ReadCard(action?["value"].Text()) is not { } card)
            return BadPayload("A card click needs trigger_id, channel.id and the button's value.");

        if (await people.ApproverAsync(userId, ct) is null)
            await inbox.QueueAsync(SlackInbox.EphemeralKind, triggerId, new SlackEphemeralWork(channelId, userId, NotAnApprover(userId)), ct);
        else if (actionId == ApproveAction)
            await inbox.QueueAsync(SlackInbox.DecisionKind, triggerId,
                new SlackDecisionWork(userId, card.InvoiceId, card.CardVersion, Approve: true, Reason: null, channelId), ct);
        else
            modals.RequestReason(triggerId, userId,
                new RejectModalState(card.InvoiceId, card.CardVersion, channelId, Ask: actionId == Questions.SlackQuestions.AskAction,
                    Reassign: actionId == Questions.SlackReassign.Action));
        return TypedResults.Ok();
    }

    private static async Task<IResult> ReasonGivenAsync(JsonObject payload, string userId, SlackInboxWriter inbox, IServiceProvider services,
        CancellationToken ct)
    {
        var view = payload["view"]!;
        var reason = SlackModalView.Text(view, SlackModals.ReasonBlockId);
        if (string.IsNullOrEmpty(reason)) return ReasonError("A rejection needs a reason.");
        if (reason.Length > ApprovalService.MaxReasonLength) return ReasonError($"At most {ApprovalService.MaxReasonLength} characters, please.");
        if (SlackModalView.Submitted(view) is not ({ } viewId, { } state)) return SlackModalView.MissingState();
        // The modal may have stayed open while someone else decided: say so in the modal rather than after it closed.
        var db = services.GetRequiredService<ChatBillingDb>();
        var status = await db.Invoices.AsNoTracking().Where(i => i.Id == state.InvoiceId).Select(i => (InvoiceStatus?)i.Status).FirstOrDefaultAsync(ct);
        if (status != InvoiceStatus.PendingApproval)
            return ReasonError(status is null ? "This invoice no longer exists; nothing was rejected."
                : $"This invoice is no longer waiting for approval (it is {status} now), so nothing was rejected. Close this form.");

        await inbox.QueueAsync(SlackInbox.DecisionKind, $"view:{viewId}",
            new SlackDecisionWork(userId, state.InvoiceId, state.CardVersion, Approve: false, reason, state.ChannelId), ct);
        return TypedResults.Ok();
    }

    public static string NotAnApprover(string userId) =>
        $"Your Slack account (<@{userId}>) is not linked to an approver, so your click changed nothing. " +
        "An administrator can add your Slack user id as slackUserId under Approvals:Approvers.";

    private static CardActionData? ReadCard(string? value)
    {
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<CardActionData>(value, CardJson.Options) is { CardVersion.Length: > 0 } data ? data : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonObject? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult ReasonError(string message) => SlackModalView.Error(SlackModals.ReasonBlockId, message);

    internal static IResult BadPayload(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a Slack payload this endpoint understands.", detail: detail);
}
